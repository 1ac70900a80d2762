// profile.get / profile.put: the job seeker's profile, every saved version kept.
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/profile_store.hpp"
#include "native-host/storage/rows.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

Result<json> profile_get(Context& context, const json&) {
  auto stored = load_profile(context.db);
  if (!stored) return stored.error();
  if (!stored->version) return json{{"profile", nullptr}, {"version", 0}};
  return json{{"profile", stored->data}, {"version", stored->version}, {"saved_at", stored->saved_at}};
}

Result<json> profile_put(Context& context, const json& args) {
  // The version inside a profile is always the hash of its content (the score cache's key): a stale
  // version sent back by an editor must never make new content look like old content.
  nlohmann::json sent = args.at("profile");
  if (sent.is_object()) sent.erase("version");
  auto profile = model::profile_from_json(sent);
  if (!profile) return make_error(profile.error().code, "args.profile: " + profile.error().message);
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  auto current = latest_profile_version(context.db);
  if (!current) return current.error();
  // Optimistic concurrency: an editor that read version N may only replace version N.
  if (const auto base = args.find("base_version"); base != args.end() && !base->is_null()) {
    if (base->get<std::int64_t>() != *current) {
      return make_error(ErrorCode::conflict, "the profile is at version " + std::to_string(*current) +
                                                 ", not " + std::to_string(base->get<std::int64_t>()) +
                                                 "; reload it and apply the change again");
    }
  }
  const std::int64_t version = *current + 1;
  const std::int64_t now = context.now_ms();
  auto insert = context.db.prepare("INSERT INTO profiles (version, data, created_at) VALUES (?, ?, ?)");
  if (!insert) return insert.error();
  if (auto error =
          (*insert)->bind(1, version).bind(2, storage::dump(model::to_json(*profile))).bind(3, now).run()) {
    return *error;
  }
  if (auto error = (*tx)->commit()) return *error;
  return json{{"version", version}, {"saved_at", now}};
}

constexpr ArgSpec kPutArgs[] = {{"profile", Kind::object, true}, {"base_version", Kind::integer}};

constexpr Route kRoutes[] = {
    {"profile.get", profile_get, {}, "the latest saved profile and its version"},
    {"profile.put", profile_put, kPutArgs, "saves a new version of the profile"},
};

}  // namespace

Result<StoredProfile> load_profile(storage::Database& db) {
  auto stmt = db.prepare("SELECT version, data, created_at FROM profiles ORDER BY version DESC LIMIT 1");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  if (!row) return row.error();
  StoredProfile stored;
  if (*row) {
    stored.version = (*stmt)->int64(0);
    stored.data = storage::json_column(**stmt, 1);
    stored.saved_at = (*stmt)->int64(2);
  }
  return stored;
}

Result<std::int64_t> latest_profile_version(storage::Database& db) {
  auto stmt = db.prepare("SELECT coalesce(max(version), 0) FROM profiles");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row ? (*stmt)->int64(0) : 0;
}

std::span<const Route> profile_routes() { return kRoutes; }

}  // namespace joblens::host
