#include "native-host/transfer/table_io.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "native-host/handlers/application_rows.hpp"
#include "native-host/handlers/job_rows.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host::transfer {

namespace {

using nlohmann::json;

// Room left under the 1 MiB frame for the envelope around a page.
constexpr std::size_t kPageBudget = 900 * 1024;

struct Column {
  std::string_view name;
  bool number;
};
constexpr std::array<Column, 9> kApplicationColumns{{{"id", false},
                                                     {"job_id", false},
                                                     {"status", false},
                                                     {"title", false},
                                                     {"company", false},
                                                     {"url", false},
                                                     {"notes", false},
                                                     {"created_at", true},
                                                     {"updated_at", true}}};
constexpr std::array<Column, 10> kJobColumns{{{"id", false},
                                              {"title", false},
                                              {"company", false},
                                              {"location", false},
                                              {"workplace", false},
                                              {"employment_type", false},
                                              {"salary", false},
                                              {"url", false},
                                              {"first_seen", true},
                                              {"last_seen", true}}};

template <std::size_t N>
CsvRow to_csv_row(const json& row, const std::array<Column, N>& columns) {
  CsvRow out;
  for (const Column& c : columns) {
    const auto v = row.find(c.name);
    out.push_back(v == row.end() || v->is_null() ? "" : v->is_string() ? v->get<std::string>() : v->dump());
  }
  return out;
}

template <std::size_t N>
CsvRow header(const std::array<Column, N>& columns) {
  CsvRow out;
  for (const Column& c : columns) out.emplace_back(c.name);
  return out;
}

}  // namespace

Result<ExportRequest> read_export_request(const json& args) {
  ExportRequest request;
  request.format = args.at("format").get<std::string>();
  request.what = args.at("what").get<std::string>();
  if (request.format != "json" && request.format != "csv") {
    return make_error(ErrorCode::invalid_value, "export: format must be json or csv");
  }
  if (request.what != "applications" && request.what != "jobs" && request.what != "profile") {
    return make_error(ErrorCode::invalid_value, "export: what must be applications, jobs or profile");
  }
  if (request.what == "profile" && request.format != "json") {
    return make_error(ErrorCode::invalid_value, "export: the profile exports as json only");
  }
  request.limit = args.value("limit", std::int64_t{100});
  if (request.limit < 1 || request.limit > 10000) {
    return make_error(ErrorCode::invalid_value, "export: limit must be between 1 and 10000");
  }
  request.after = args.value("after", std::string());
  return request;
}

Result<ExportPage> export_page(storage::Database& db, const ExportRequest& request) {
  const bool applications = request.what == "applications";
  auto stmt = db.prepare(applications ? "SELECT id FROM applications WHERE id > ? ORDER BY id LIMIT ?"
                                      : "SELECT id FROM jobs WHERE id > ? ORDER BY id LIMIT ?");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, request.after).bind(2, request.limit + 1);
  auto page_ids = (*stmt)->all_texts();
  if (!page_ids) return page_ids.error();
  const std::vector<std::string>& ids = *page_ids;
  ExportPage page;
  const bool csv = request.format == "csv";
  std::string text;
  if (csv && request.after.empty()) {
    append_csv_row(text, applications ? header(kApplicationColumns) : header(kJobColumns));
  }
  page.data = csv ? json() : json::array();
  std::size_t bytes = text.size();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i == static_cast<std::size_t>(request.limit)) {
      page.next_after = ids[i - 1];
      break;
    }
    auto row = applications ? load_application(db, ids[i], /*with_history=*/true) : load_job(db, ids[i]);
    if (!row) return row.error();
    const std::size_t before = csv ? text.size() : 0;
    std::size_t size = 0;
    if (csv) {
      append_csv_row(text,
                     applications ? to_csv_row(*row, kApplicationColumns) : to_csv_row(*row, kJobColumns));
      size = text.size() - before;
    } else {
      size = storage::dump(*row).size() + 1;
    }
    if (i > 0 && bytes + size > kPageBudget) {
      if (csv) text.resize(before);
      page.next_after = ids[i - 1];
      break;
    }
    bytes += size;
    if (!csv) page.data.push_back(std::move(*row));
  }
  if (csv) page.data = std::move(text);
  return page;
}

Result<json> csv_to_rows(const std::vector<CsvRow>& rows, const std::string& what) {
  if (what != "applications" && what != "jobs") {
    return make_error(ErrorCode::invalid_value, "import: CSV holds applications or jobs");
  }
  if (rows.empty()) return json::array();
  const CsvRow& names = rows.front();
  json out = json::array();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    json row = json::object();
    for (std::size_t c = 0; c < names.size() && c < rows[r].size(); ++c) {
      std::string value = rows[r][c];
      // Undo the export's spreadsheet guard ('=…).
      if (value.size() > 1 && value[0] == '\'' &&
          std::string_view("=+-@").find(value[1]) != std::string_view::npos) {
        value.erase(0, 1);
      }
      if (value.empty()) continue;
      const std::string& name = names[c];
      const bool number =
          name == "created_at" || name == "updated_at" || name == "first_seen" || name == "last_seen";
      if (number) {
        if (value.find_first_not_of("0123456789") != std::string::npos || value.size() > 18) {
          return make_error(ErrorCode::invalid_value, "import: line " + std::to_string(r + 1) + ", column " +
                                                          name + " must be milliseconds since the epoch");
        }
        row[name] = std::stoll(value);
      } else {
        row[name] = std::move(value);
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

namespace {

Result<int> import_applications(storage::Database& db, const json& rows, std::int64_t now) {
  int taken = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& row = rows[i];
    const std::string where = "import: applications[" + std::to_string(i) + "]";
    if (!row.is_object() || !row.contains("job_id") || !row["job_id"].is_string()) {
      return make_error(ErrorCode::missing_field, where + ": job_id (a string) is required");
    }
    const std::string status = row.value("status", "saved");
    if (!valid_status(status))
      return make_error(ErrorCode::invalid_value, where + ": " + invalid_status(status).message);
    const std::string id =
        row.contains("id") && row["id"].is_string() ? row["id"].get<std::string>() : storage::new_id("app");
    const std::int64_t updated_at = row.value("updated_at", now);
    // The tracker shows title and company from the job: keep them even when the job was never seen here.
    json stub{
        {"id", row["job_id"]}, {"title", row.value("title", "")}, {"company", row.value("company", "")}};
    if (row.contains("url") && row["url"].is_string()) stub["url"] = row["url"];
    auto existing_job = load_job(db, row["job_id"].get<std::string>());
    if (!existing_job) return existing_job.error();
    if (existing_job->is_null()) {
      auto made = upsert_jobs(db, json::array({stub}), "", now);
      if (!made) return make_error(made.error().code, where + ": " + made.error().message);
    }
    // Last writer wins: an older copy of a stored application changes nothing, history included.
    auto stored = load_application(db, id);
    if (!stored) return stored.error();
    if (!stored->is_null() && (*stored)["updated_at"].get<std::int64_t>() >= updated_at) continue;
    auto stmt = db.prepare(
        "INSERT INTO applications (id, job_id, status, notes, answers, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET job_id = ?2, status = ?3, notes = "
        "?4, "
        "answers = ?5, updated_at = ?7");
    if (!stmt) return stmt.error();
    const json answers =
        row.contains("answers") && row["answers"].is_array() ? row["answers"] : json::array();
    if (auto error = (*stmt)
                         ->bind(1, id)
                         .bind(2, row["job_id"].get<std::string>())
                         .bind(3, status)
                         .bind(4, row.value("notes", ""))
                         .bind(5, storage::dump(answers))
                         .bind(6, row.value("created_at", updated_at))
                         .bind(7, updated_at)
                         .run()) {
      return *error;
    }
    const json history = row.contains("history") && row["history"].is_array()
                             ? row["history"]
                             : json::array({{{"status", status}, {"at", updated_at}, {"note", "imported"}}});
    for (const json& entry : history) {
      if (!entry.is_object() || !entry.contains("status") || !entry["status"].is_string() ||
          !valid_status(entry["status"].get<std::string>()) || !entry.contains("at") ||
          !entry["at"].is_number_integer()) {
        return make_error(ErrorCode::invalid_value, where + ": history entries are {status, at, note}");
      }
      auto seen =
          db.prepare("SELECT 1 FROM application_status WHERE application_id = ? AND status = ? AND at = ?");
      if (!seen) return seen.error();
      (*seen)
          ->bind(1, id)
          .bind(2, entry["status"].get<std::string>())
          .bind(3, entry["at"].get<std::int64_t>());
      auto found = (*seen)->step();
      if (!found) return found.error();
      if (*found) continue;
      if (auto error = add_history(db, id, entry["status"].get<std::string>(),
                                   entry["at"].get<std::int64_t>(), entry.value("note", ""))) {
        return *error;
      }
    }
    ++taken;
  }
  return taken;
}

}  // namespace

Result<int> import_rows(storage::Database& db, const std::string& what, const json& rows, std::int64_t now) {
  if (what == "applications") return import_applications(db, rows, now);
  if (what == "jobs") {
    auto counts = upsert_jobs(db, rows, "", now);
    if (!counts) return make_error(counts.error().code, "import: " + counts.error().message);
    return counts->inserted + counts->updated;
  }
  return make_error(ErrorCode::invalid_value, "import: what must be applications or jobs");
}

}  // namespace joblens::host::transfer
