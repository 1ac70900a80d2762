// applications.*: the tracker. Every status change is kept in a history with its time and note.
#include <algorithm>
#include <array>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/application_rows.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

Result<json> applications_create(Context& context, const json& args) {
  const std::string status = arg_string(args, "status", "saved");
  if (!valid_status(status)) return invalid_status(status);
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  // A client-chosen id makes a replayed create (the extension's offline queue) idempotent.
  std::string id = arg_string(args, "id");
  if (!id.empty()) {
    auto existing = load_application(context.db, id);
    if (!existing) return existing.error();
    if (!existing->is_null()) return json{{"application", *existing}, {"created", false}};
  } else {
    id = storage::new_id("app");
  }
  const std::int64_t now = arg_int(args, "at", context.now_ms());
  auto insert = context.db.prepare(
      "INSERT INTO applications (id, job_id, status, notes, answers, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  if (!insert) return insert.error();
  const json answers = args.value("answers", json::array());
  if (auto error = (*insert)
                       ->bind(1, id)
                       .bind(2, args.at("job_id").get<std::string>())
                       .bind(3, status)
                       .bind(4, arg_string(args, "notes"))
                       .bind(5, storage::dump(answers))
                       .bind(6, now)
                       .run()) {
    return *error;
  }
  if (auto error = add_history(context.db, id, status, now, arg_string(args, "note"))) return *error;
  if (auto error =
          storage::record_event(context.db, now, "application.created", {{"id", id}, {"status", status}})) {
    return *error;
  }
  auto created = load_application(context.db, id);
  if (!created) return created.error();
  if (auto error = (*tx)->commit()) return *error;
  return json{{"application", *created}, {"created", true}};
}

Result<json> applications_update(Context& context, const json& args) {
  const std::string id = args.at("id").get<std::string>();
  const auto status = arg_optional_string(args, "status");
  if (status && !valid_status(*status)) return invalid_status(*status);
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  auto current = load_application(context.db, id);
  if (!current) return current.error();
  if (current->is_null()) return make_error(ErrorCode::not_found, "no application " + id);
  const std::int64_t now = arg_int(args, "at", context.now_ms());
  auto update = context.db.prepare(
      "UPDATE applications SET status = coalesce(?2, status), notes = coalesce(?3, notes), "
      "answers = coalesce(?4, answers), updated_at = ?5 WHERE id = ?1");
  if (!update) return update.error();
  std::optional<std::string> answers;
  if (const auto sent = args.find("answers"); sent != args.end() && !sent->is_null())
    answers = storage::dump(*sent);
  if (auto error = (*update)
                       ->bind(1, id)
                       .bind(2, status)
                       .bind(3, arg_optional_string(args, "notes"))
                       .bind(4, answers)
                       .bind(5, now)
                       .run()) {
    return *error;
  }
  if (status && *status != current->value("status", "")) {
    if (auto error = add_history(context.db, id, *status, now, arg_string(args, "note"))) return *error;
    if (auto error =
            storage::record_event(context.db, now, "application.status",
                                  {{"id", id}, {"from", current->value("status", "")}, {"to", *status}})) {
      return *error;
    }
  }
  auto updated = load_application(context.db, id);
  if (!updated) return updated.error();
  if (auto error = (*tx)->commit()) return *error;
  return json{{"application", *updated}};
}

Result<json> applications_get(Context& context, const json& args) {
  auto found = load_application(context.db, args.at("id").get<std::string>(), /*with_history=*/true);
  if (!found) return found.error();
  if (found->is_null())
    return make_error(ErrorCode::not_found, "no application " + args.at("id").get<std::string>());
  return json{{"application", *found}};
}

// Filters: status (one or a list), company (substring, case-insensitive), since/until (updated_at),
// newest first, a page at a time (args.cursor from the previous page's next_cursor).
Result<json> applications_list(Context& context, const json& args) {
  auto limit = arg_limit(args, 50, 500);
  if (!limit) return limit.error();
  auto cursor = arg_cursor(args);
  if (!cursor) return cursor.error();
  json statuses = json::array();
  if (const auto s = args.find("status"); s != args.end() && !s->is_null()) {
    statuses = s->is_array() ? *s : json::array({*s});
    for (const json& one : statuses) {
      if (!one.is_string())
        return make_error(ErrorCode::wrong_type, "applications.list: args.status holds strings");
      if (!valid_status(one.get<std::string>())) return invalid_status(one.get<std::string>());
    }
  }
  auto stmt = context.db.prepare(
      "SELECT a.id FROM applications a LEFT JOIN jobs j ON j.id = a.job_id "
      "WHERE (?1 IS NULL OR a.status IN (SELECT value FROM json_each(?1))) "
      "AND (?2 IS NULL OR j.company LIKE '%' || ?2 || '%') "
      "AND a.updated_at >= ?3 AND a.updated_at <= ?4 AND (a.updated_at < ?5 OR (a.updated_at = ?5 AND a.id > "
      "?6)) "
      "ORDER BY a.updated_at DESC, a.id LIMIT ?7");
  if (!stmt) return stmt.error();
  (*stmt)
      ->bind(1, statuses.empty() ? std::optional<std::string>() : std::optional(statuses.dump()))
      .bind(2, arg_optional_string(args, "company"))
      .bind(3, arg_int(args, "since", 0))
      .bind(4, arg_int(args, "until", INT64_MAX))
      .bind(5, cursor->time)
      .bind(6, cursor->id)
      .bind(7, *limit);
  auto page_ids = (*stmt)->all_texts();
  if (!page_ids) return page_ids.error();
  const std::vector<std::string>& ids = *page_ids;
  json applications = json::array();
  for (const std::string& id : ids) {
    auto one = load_application(context.db, id);
    if (!one) return one.error();
    applications.push_back(std::move(*one));
  }
  json result{{"applications", applications}};
  result["next_cursor"] =
      static_cast<std::int64_t>(ids.size()) == *limit
          ? json(make_cursor(applications.back()["updated_at"].get<std::int64_t>(), ids.back()))
          : json();
  return result;
}

constexpr ArgSpec kCreateArgs[] = {{"job_id", Kind::string, true}, {"id", Kind::string},
                                   {"status", Kind::string},       {"notes", Kind::string},
                                   {"note", Kind::string},         {"answers", Kind::array},
                                   {"at", Kind::integer}};
constexpr ArgSpec kUpdateArgs[] = {{"id", Kind::string, true}, {"status", Kind::string},
                                   {"notes", Kind::string},    {"note", Kind::string},
                                   {"answers", Kind::array},   {"at", Kind::integer}};
constexpr ArgSpec kGetArgs[] = {{"id", Kind::string, true}};
constexpr ArgSpec kListArgs[] = {{"status", Kind::any},    {"company", Kind::string},
                                 {"since", Kind::integer}, {"until", Kind::integer},
                                 {"cursor", Kind::string}, {"limit", Kind::integer}};

constexpr Route kRoutes[] = {
    {"applications.create", applications_create, kCreateArgs, "starts tracking an application"},
    {"applications.update", applications_update, kUpdateArgs, "changes status, notes or answers"},
    {"applications.get", applications_get, kGetArgs, "one application with its status history"},
    {"applications.list", applications_list, kListArgs, "applications by status, company and time"},
};

}  // namespace

std::span<const Route> application_routes() { return kRoutes; }

}  // namespace joblens::host
