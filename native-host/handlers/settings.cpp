// settings.get / settings.put: the extension's preferences (thresholds, filters, blocked companies),
// stored as JSON values under dotted keys. The AI keys (`llm.*`) are the exception: they hold API
// keys, so they live in llm.json (mode 0600, llm/llm_config.hpp) and come back masked.
#include <algorithm>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/settings_store.hpp"
#include "native-host/llm/service.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

bool valid_key(const std::string& key) {
  return !key.empty() && key.size() <= 128 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

Result<json> settings_get(Context& context, const json& args) {
  json settings = json::object();
  auto stmt = context.db.prepare("SELECT key, value FROM settings ORDER BY key");
  if (!stmt) return stmt.error();
  const auto keys = args.find("keys");
  if (keys != args.end() && !keys->is_null()) {
    for (const json& key : *keys) {
      if (!key.is_string()) return make_error(ErrorCode::wrong_type, "settings.get: args.keys holds strings");
    }
  }
  const auto wanted = [&](const std::string& key) {
    return keys == args.end() || keys->is_null() || std::find(keys->begin(), keys->end(), key) != keys->end();
  };
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    std::string key = (*stmt)->text(0);
    if (llm::is_llm_setting(key) || !wanted(key)) continue;
    settings[key] = storage::json_column(**stmt, 1);
  }
  if (context.llm != nullptr) {
    for (const std::string& key : llm::setting_keys()) {
      if (wanted(key)) settings[key] = context.llm->setting(key);
    }
  }
  return json{{"settings", settings}};
}

Result<json> settings_put(Context& context, const json& args) {
  const json& settings = args.at("settings");
  for (const auto& [key, value] : settings.items()) {
    if (!valid_key(key)) {
      return make_error(
          ErrorCode::invalid_value,
          "settings.put: key '" + key + "' must be 1-128 characters of a-z, 0-9, '.', '_', '-'");
    }
  }
  // The AI settings first: they are validated and saved to llm.json all together, or not at all.
  std::vector<std::pair<std::string, json>> llm_settings;
  for (const auto& [key, value] : settings.items()) {
    if (llm::is_llm_setting(key)) llm_settings.emplace_back(key, value);
  }
  int updated = 0;
  if (!llm_settings.empty()) {
    if (context.llm == nullptr)
      return make_error(ErrorCode::internal, "settings.put: the AI configuration is not loaded");
    if (auto error = context.llm->put_settings(llm_settings)) return *error;
    updated += static_cast<int>(llm_settings.size());
  }
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  const std::int64_t now = context.now_ms();
  for (const auto& [key, value] : settings.items()) {
    if (llm::is_llm_setting(key)) continue;
    // null removes a setting, so the extension can return to the default.
    auto stmt = value.is_null() ? context.db.prepare("DELETE FROM settings WHERE key = ?")
                                : context.db.prepare(
                                      "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                                      "ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3");
    if (!stmt) return stmt.error();
    (*stmt)->bind(1, key);
    if (!value.is_null()) (*stmt)->bind(2, storage::dump(value)).bind(3, now);
    if (auto error = (*stmt)->run()) return *error;
    updated += context.db.changes();  // removing a setting that was never set changes nothing
  }
  if (auto error = (*tx)->commit()) return *error;
  return json{{"updated", updated}};
}

}  // namespace

std::optional<Error> move_llm_settings_out_of_table(storage::Database& db, llm::LlmService& llm) {
  auto stmt = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'llm.%' ORDER BY key");
  if (!stmt) return stmt.error();
  std::vector<std::pair<std::string, json>> found;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    const std::string key = (*stmt)->text(0);
    if (key == "llm.providers" && llm.config().configured()) continue;  // the file's providers win
    found.emplace_back(key, storage::json_column(**stmt, 1));
  }
  (*stmt)->reset();
  // A value the file cannot take (malformed by hand) is dropped rather than kept in plain sight.
  for (const auto& setting : found) llm.put_settings({setting});
  return db.exec("DELETE FROM settings WHERE key LIKE 'llm.%'");
}

namespace {

constexpr ArgSpec kGetArgs[] = {{"keys", Kind::array}};
constexpr ArgSpec kPutArgs[] = {{"settings", Kind::object, true}};

constexpr Route kRoutes[] = {
    {"settings.get", settings_get, kGetArgs, "all settings, or the ones named in keys"},
    {"settings.put", settings_put, kPutArgs, "sets (or, with null, removes) settings"},
};

}  // namespace

std::span<const Route> setting_routes() { return kRoutes; }

}  // namespace joblens::host
