#include "native-host/llm/response_cache.hpp"

#include <openssl/evp.h>

#include <limits>

namespace joblens::host::llm {

namespace {

using nlohmann::json;
constexpr std::string_view kNamespace = "llm";
constexpr std::string_view kStatsNamespace = "llm_stats";

Result<std::int64_t> read_counter(storage::Database& db, std::string_view name) {
  auto stmt = db.prepare("SELECT value FROM cache WHERE namespace = ?1 AND key = ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, kStatsNamespace).bind(2, name);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row ? (*stmt)->int64(0) : 0;
}

}  // namespace

Result<std::int64_t> cache_ttl_ms_from_settings(const json& value) {
  if (value.is_null()) return kDefaultCacheTtlMs;
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 24.0 * 365) {
    return make_error(ErrorCode::invalid_value,
                      "llm.cache_ttl_hours must be a number of hours from 0 to 8760");
  }
  return static_cast<std::int64_t>(value.get<double>() * 3600.0 * 1000.0);
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0F];
  }
  return out;
}

std::string response_cache_key(std::string_view provider, std::string_view model, std::string_view feature,
                               int template_version, std::string_view inputs_canonical) {
  const json tuple = json::array({provider, model, feature, template_version, inputs_canonical});
  return sha256_hex(tuple.dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<CacheCounters> cache_counters(storage::Database& db) {
  auto hits = read_counter(db, "hits");
  if (!hits) return hits.error();
  auto misses = read_counter(db, "misses");
  if (!misses) return misses.error();
  return CacheCounters{*hits, *misses};
}

std::optional<Error> ResponseCache::count(const char* counter) {
  auto stmt = db_.prepare(
      "INSERT INTO cache (namespace, key, value, created_at, expires_at) VALUES (?1, ?2, '1', 0, ?3) "
      "ON CONFLICT(namespace, key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, kStatsNamespace).bind(2, counter).bind(3, std::numeric_limits<std::int64_t>::max());
  return (*stmt)->run();
}

Result<std::optional<json>> ResponseCache::get(std::string_view key, std::int64_t now_ms) {
  std::optional<json> found;
  {
    auto stmt = db_.prepare("SELECT value FROM cache WHERE namespace = ?1 AND key = ?2 AND expires_at > ?3");
    if (!stmt) return stmt.error();
    (*stmt)->bind(1, kNamespace).bind(2, key).bind(3, now_ms);
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (*row) {
      json value = json::parse((*stmt)->text(0), nullptr, false);
      if (!value.is_discarded()) found = std::move(value);
    }
  }
  if (auto error = count(found ? "hits" : "misses")) return *error;
  return found;
}

std::optional<Error> ResponseCache::put(std::string_view key, const json& value, std::int64_t now_ms) {
  if (ttl_ms_ <= 0) return std::nullopt;
  auto stmt = db_.prepare(
      "INSERT INTO cache (namespace, key, value, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(namespace, key) DO UPDATE SET value = ?3, created_at = ?4, expires_at = ?5");
  if (!stmt) return stmt.error();
  (*stmt)
      ->bind(1, kNamespace)
      .bind(2, key)
      .bind(3, value.dump(-1, ' ', false, json::error_handler_t::replace));
  (*stmt)->bind(4, now_ms).bind(5, now_ms + ttl_ms_);
  return (*stmt)->run();
}

Result<int> ResponseCache::purge_expired(std::int64_t now_ms) {
  auto stmt = db_.prepare("DELETE FROM cache WHERE namespace = ?1 AND expires_at <= ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, kNamespace).bind(2, now_ms);
  if (auto error = (*stmt)->run()) return *error;
  return db_.changes();
}

}  // namespace joblens::host::llm
