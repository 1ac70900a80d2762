// settings.get / settings.put: the extension's preferences (thresholds, filters, blocked companies),
// stored as JSON values under dotted keys.
#include <algorithm>

#include "native-host/dispatch/dispatcher.hpp"
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
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    std::string key = (*stmt)->text(0);
    if (keys != args.end() && std::find(keys->begin(), keys->end(), key) == keys->end()) continue;
    settings[key] = storage::json_column(**stmt, 1);
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
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  const std::int64_t now = context.now_ms();
  int updated = 0;
  for (const auto& [key, value] : settings.items()) {
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

constexpr ArgSpec kGetArgs[] = {{"keys", Kind::array}};
constexpr ArgSpec kPutArgs[] = {{"settings", Kind::object, true}};

constexpr Route kRoutes[] = {
    {"settings.get", settings_get, kGetArgs, "all settings, or the ones named in keys"},
    {"settings.put", settings_put, kPutArgs, "sets (or, with null, removes) settings"},
};

}  // namespace

std::span<const Route> setting_routes() { return kRoutes; }

}  // namespace joblens::host
