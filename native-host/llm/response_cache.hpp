// LLM replies cached in SQLite (the `cache` table of migration 4, namespace "llm"), keyed by the
// SHA-256 of what determines a reply: provider, model, template feature and version, and the rendered
// inputs. Expired rows are never returned; hits and misses are counted in the same table (namespace
// "llm_stats", never expiring), so `usage` reports them across host restarts.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "native-host/storage/sqlite.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::llm {

inline constexpr std::int64_t kDefaultCacheTtlMs = 24LL * 3600 * 1000;

// Settings key `llm.cache_ttl_hours`: a number >= 0 (0 disables caching); null/absent -> 24 h;
// anything else -> invalid_value.
Result<std::int64_t> cache_ttl_ms_from_settings(const nlohmann::json& value);

// Lower-case hex SHA-256 (OpenSSL EVP) of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The key: SHA-256 of the JSON array [provider, model, feature, version, inputs_canonical] (JSON, so
// no two different tuples serialise alike).
std::string response_cache_key(std::string_view provider, std::string_view model, std::string_view feature,
                               int template_version, std::string_view inputs_canonical);

struct CacheCounters {
  std::int64_t hits = 0;
  std::int64_t misses = 0;
};
Result<CacheCounters> cache_counters(storage::Database& db);

class ResponseCache {
 public:
  explicit ResponseCache(storage::Database& db, std::int64_t ttl_ms = kDefaultCacheTtlMs)
      : db_(db), ttl_ms_(ttl_ms) {}

  // The stored value if present and not expired at `now_ms`; counts a hit or a miss. A row that no
  // longer parses counts as a miss.
  Result<std::optional<nlohmann::json>> get(std::string_view key, std::int64_t now_ms);
  // Stores (or replaces) `value`, expiring at now + TTL. With a TTL of 0 it stores nothing.
  std::optional<Error> put(std::string_view key, const nlohmann::json& value, std::int64_t now_ms);
  // Deletes the expired "llm" rows; returns how many.
  Result<int> purge_expired(std::int64_t now_ms);

  std::int64_t ttl_ms() const { return ttl_ms_; }

 private:
  std::optional<Error> count(const char* counter);

  storage::Database& db_;
  std::int64_t ttl_ms_;
};

}  // namespace joblens::host::llm
