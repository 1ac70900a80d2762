#include "native-host/handlers/job_rows.hpp"

#include <set>

#include "native-host/storage/rows.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::host {

using nlohmann::json;

namespace {

// The columns of the jobs table; everything else a page adapter sends goes into `fields`.
const std::set<std::string, std::less<>> kColumns{"id",          "url",       "title",           "company",
                                                  "location",    "workplace", "employment_type", "salary",
                                                  "description", "layout"};

}  // namespace

Result<model::Job> job_from_page(const json& j) {
  auto job = model::job_from_json(j, model::JobShape::card);
  if (job && job->id.empty()) return make_error(ErrorCode::invalid_value, "'id' is empty");
  return job;
}

Result<UpsertCounts> upsert_jobs(storage::Database& db, const json& jobs, const std::string& default_layout,
                                 std::int64_t now) {
  // Check every job before writing any: a bad one rejects the batch with its index.
  struct Checked {
    model::Job job;
    std::optional<std::string> layout;
    json fields;
  };
  std::vector<Checked> checked;
  checked.reserve(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    auto job = job_from_page(jobs[i]);
    if (!job) return make_error(job.error().code, "jobs[" + std::to_string(i) + "]: " + job.error().message);
    json fields = json::object();
    for (const auto& [key, value] : jobs[i].items()) {
      if (!kColumns.count(key)) fields[key] = value;
    }
    std::optional<std::string> layout;
    if (const auto l = jobs[i].find("layout"); l != jobs[i].end() && l->is_string())
      layout = l->get<std::string>();
    if (!layout && !default_layout.empty()) layout = default_layout;
    checked.push_back({std::move(*job), std::move(layout), std::move(fields)});
  }

  // A card carries no description: an empty value never erases one read from the details pane, and
  // new fields are merged into the old ones (json_patch).
  auto stmt = db.prepare(R"sql(
INSERT INTO jobs (id, url, title, company, location, workplace, employment_type, salary, description,
                  layout, fields, first_seen, last_seen, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12)
ON CONFLICT(id) DO UPDATE SET
  url = coalesce(excluded.url, url),
  title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
  company = CASE WHEN excluded.company <> '' THEN excluded.company ELSE company END,
  location = CASE WHEN excluded.location <> '' THEN excluded.location ELSE location END,
  workplace = coalesce(excluded.workplace, workplace),
  employment_type = coalesce(excluded.employment_type, employment_type),
  salary = coalesce(excluded.salary, salary),
  description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE description END,
  layout = coalesce(excluded.layout, layout),
  fields = json_patch(fields, excluded.fields),
  last_seen = excluded.last_seen,
  updated_at = excluded.updated_at
RETURNING first_seen)sql");
  if (!stmt) return stmt.error();
  int inserted = 0;
  for (const auto& [job, layout, fields] : checked) {
    (*stmt)
        ->bind(1, job.id)
        .bind(2, job.url)
        .bind(3, job.title)
        .bind(4, job.company)
        .bind(5, job.location)
        .bind(6, job.workplace)
        .bind(7, job.employment_type)
        .bind(8, job.salary)
        .bind_view(9, job.description)  // `checked` outlives the statement's use
        .bind(10, layout)
        .bind(11, storage::dump(fields))
        .bind(12, now);
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (*row && (*stmt)->int64(0) == now) ++inserted;
    if (auto error = (*stmt)->run()) return *error;  // finishes the RETURNING row
    (*stmt)->reset();
  }
  return UpsertCounts{inserted, static_cast<int>(checked.size()) - inserted};
}

Result<json> load_job(storage::Database& db, const std::string& id) {
  auto stmt = db.prepare(
      "SELECT id, url, title, company, location, workplace, employment_type, salary, description, layout, "
      "fields, first_seen, last_seen FROM jobs WHERE id = ?");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return json();
  const storage::Statement& s = **stmt;
  json job = storage::json_column(s, 10);
  if (!job.is_object()) job = json::object();
  job["id"] = s.text(0);
  job["title"] = s.text(2);
  job["company"] = s.text(3);
  job["location"] = s.text(4);
  job["description"] = s.text(8);
  const char* optional_columns[] = {nullptr,           "url",    nullptr, nullptr, nullptr, "workplace",
                                    "employment_type", "salary", nullptr, "layout"};
  for (int column = 0; column < 10; ++column) {
    if (optional_columns[column] != nullptr && !s.is_null(column))
      job[optional_columns[column]] = s.text(column);
  }
  job["first_seen"] = s.int64(11);
  job["last_seen"] = s.int64(12);
  return job;
}

}  // namespace joblens::host
