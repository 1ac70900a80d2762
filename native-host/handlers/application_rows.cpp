#include "native-host/handlers/application_rows.hpp"

#include <algorithm>

#include "native-host/storage/rows.hpp"

namespace joblens::host {

using nlohmann::json;

bool valid_status(std::string_view status) {
  return std::find(kApplicationStatuses.begin(), kApplicationStatuses.end(), status) !=
         kApplicationStatuses.end();
}

Error invalid_status(std::string_view status) {
  std::string allowed;
  for (std::string_view s : kApplicationStatuses) allowed += (allowed.empty() ? "" : ", ") + std::string(s);
  return make_error(ErrorCode::invalid_value,
                    "status '" + std::string(status) + "' is not one of " + allowed);
}

Result<json> load_application(storage::Database& db, const std::string& id, bool with_history) {
  auto stmt = db.prepare(
      "SELECT a.id, a.job_id, a.status, a.notes, a.answers, a.created_at, a.updated_at, j.title, j.company, "
      "j.url FROM applications a LEFT JOIN jobs j ON j.id = a.job_id WHERE a.id = ?");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return json();
  const storage::Statement& s = **stmt;
  json application{{"id", s.text(0)},
                   {"job_id", s.text(1)},
                   {"status", s.text(2)},
                   {"notes", s.text(3)},
                   {"answers", storage::json_column(s, 4)},
                   {"created_at", s.int64(5)},
                   {"updated_at", s.int64(6)},
                   {"title", s.is_null(7) ? json() : json(s.text(7))},
                   {"company", s.is_null(8) ? json() : json(s.text(8))},
                   {"url", s.is_null(9) ? json() : json(s.text(9))}};
  if (!with_history) return application;
  auto history =
      db.prepare("SELECT status, at, note FROM application_status WHERE application_id = ? ORDER BY seq");
  if (!history) return history.error();
  (*history)->bind(1, id);
  json entries = json::array();
  for (;;) {
    auto next = (*history)->step();
    if (!next) return next.error();
    if (!*next) break;
    entries.push_back(
        {{"status", (*history)->text(0)}, {"at", (*history)->int64(1)}, {"note", (*history)->text(2)}});
  }
  application["history"] = entries;
  return application;
}

std::optional<Error> add_history(storage::Database& db, const std::string& id, const std::string& status,
                                 std::int64_t at, const std::string& note) {
  auto stmt =
      db.prepare("INSERT INTO application_status (application_id, status, at, note) VALUES (?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, id).bind(2, status).bind(3, at).bind(4, note).run();
}

}  // namespace joblens::host
