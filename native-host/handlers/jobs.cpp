// jobs.upsert / jobs.get / jobs.list: the postings the person has seen, with every field the page
// adapter read. A batch is one transaction: it lands whole or not at all.
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/job_rows.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxBatch = 5000;
constexpr std::size_t kMaxGet = 500;

Result<json> jobs_upsert(Context& context, const json& args) {
  const json& jobs = args.at("jobs");
  if (jobs.size() > kMaxBatch) {
    return make_error(ErrorCode::too_large, "jobs.upsert: at most " + std::to_string(kMaxBatch) +
                                                " jobs per message, not " + std::to_string(jobs.size()));
  }
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  auto counts = upsert_jobs(context.db, jobs, arg_string(args, "layout"), context.now_ms());
  if (!counts) return counts.error();
  if (auto error = (*tx)->commit()) return *error;
  return json{{"inserted", counts->inserted}, {"updated", counts->updated}};
}

Result<json> jobs_get(Context& context, const json& args) {
  const json& ids = args.at("ids");
  if (ids.size() > kMaxGet) {
    return make_error(ErrorCode::too_large,
                      "jobs.get: at most " + std::to_string(kMaxGet) + " ids per message");
  }
  json found = json::array();
  json missing = json::array();
  for (const json& id : ids) {
    if (!id.is_string()) return make_error(ErrorCode::wrong_type, "jobs.get: args.ids must hold strings");
    auto job = load_job(context.db, id.get<std::string>());
    if (!job) return job.error();
    if (job->is_null()) {
      missing.push_back(id);
    } else {
      found.push_back(std::move(*job));
    }
  }
  return json{{"jobs", found}, {"missing", missing}};
}

// Newest first, a page at a time (args.cursor from the previous page's next_cursor).
Result<json> jobs_list(Context& context, const json& args) {
  auto limit = arg_limit(args, 50, 200);
  if (!limit) return limit.error();
  auto cursor = arg_cursor(args);
  if (!cursor) return cursor.error();
  auto stmt = context.db.prepare(
      "SELECT id FROM jobs WHERE last_seen < ?1 OR (last_seen = ?1 AND id > ?2) "
      "ORDER BY last_seen DESC, id LIMIT ?3");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, cursor->time).bind(2, cursor->id).bind(3, *limit);
  auto ids = (*stmt)->all_texts();
  if (!ids) return ids.error();
  json jobs = json::array();
  for (const std::string& id : *ids) {
    auto job = load_job(context.db, id);
    if (!job) return job.error();
    jobs.push_back(std::move(*job));
  }
  json result{{"jobs", jobs}};
  result["next_cursor"] = static_cast<std::int64_t>(ids->size()) == *limit
                              ? json(make_cursor(jobs.back()["last_seen"].get<std::int64_t>(), ids->back()))
                              : json();
  return result;
}

constexpr ArgSpec kUpsertArgs[] = {{"jobs", Kind::array, true}, {"layout", Kind::string}};
constexpr ArgSpec kGetArgs[] = {{"ids", Kind::array, true}};
constexpr ArgSpec kListArgs[] = {{"limit", Kind::integer}, {"cursor", Kind::string}};

constexpr Route kRoutes[] = {
    {"jobs.upsert", jobs_upsert, kUpsertArgs, "stores a batch of jobs seen (all or none)"},
    {"jobs.get", jobs_get, kGetArgs, "jobs by id, with every stored field"},
    {"jobs.list", jobs_list, kListArgs, "jobs seen, newest first, a page at a time"},
};

}  // namespace

std::span<const Route> job_routes() { return kRoutes; }

}  // namespace joblens::host
