// stats: the tracker's figures: jobs seen, applications by status, applications per week, how many
// got an answer, and the average match score of what was applied to.
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/application_rows.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::int64_t kWeekMs = 7LL * 24 * 3600 * 1000;

Result<std::int64_t> count(storage::Database& db, std::string_view sql, std::int64_t since,
                           std::int64_t until) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, since).bind(2, until);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row ? (*stmt)->int64(0) : 0;
}

Result<json> stats(Context& context, const json& args) {
  const std::int64_t since = arg_int(args, "since", 0);
  const std::int64_t until = arg_int(args, "until", INT64_MAX);
  auto jobs_seen =
      count(context.db, "SELECT count(*) FROM jobs WHERE last_seen BETWEEN ?1 AND ?2", since, until);
  if (!jobs_seen) return jobs_seen.error();

  json by_status = json::object();
  for (std::string_view status : kApplicationStatuses) by_status[std::string(status)] = 0;
  auto stmt = context.db.prepare(
      "SELECT status, count(*) FROM applications WHERE updated_at BETWEEN ?1 AND ?2 GROUP BY status");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, since).bind(2, until);
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    by_status[(*stmt)->text(0)] = (*stmt)->int64(1);
  }

  // Weeks start on the Unix epoch's weekday; the extension labels them by their first day.
  json per_week = json::array();
  auto weeks = context.db.prepare(
      "SELECT (at / ?3) * ?3 AS week, count(DISTINCT application_id) FROM application_status "
      "WHERE status = 'applied' AND at BETWEEN ?1 AND ?2 GROUP BY week ORDER BY week");
  if (!weeks) return weeks.error();
  (*weeks)->bind(1, since).bind(2, until).bind(3, kWeekMs);
  for (;;) {
    auto row = (*weeks)->step();
    if (!row) return row.error();
    if (!*row) break;
    per_week.push_back({{"week_start", (*weeks)->int64(0)}, {"applied", (*weeks)->int64(1)}});
  }

  // An answer is any status after "applied" other than withdrawing.
  auto applied =
      count(context.db,
            "SELECT count(DISTINCT application_id) FROM application_status WHERE status = 'applied' "
            "AND at BETWEEN ?1 AND ?2",
            since, until);
  if (!applied) return applied.error();
  auto answered =
      count(context.db,
            "SELECT count(DISTINCT s.application_id) FROM application_status s WHERE s.status IN "
            "('interviewing','offer','rejected') AND EXISTS (SELECT 1 FROM application_status a "
            "WHERE a.application_id = s.application_id AND a.status = 'applied' AND a.at BETWEEN ?1 AND ?2)",
            since, until);
  if (!answered) return answered.error();

  auto average = context.db.prepare(
      "SELECT avg(s.score) FROM applications a JOIN scores s ON s.job_id = a.job_id "
      "WHERE a.status NOT IN ('discovered','saved') AND a.updated_at BETWEEN ?1 AND ?2 "
      "AND s.profile_version = (SELECT 'v' || max(version) FROM profiles)");
  if (!average) return average.error();
  (*average)->bind(1, since).bind(2, until);
  auto avg_row = (*average)->step();
  if (!avg_row) return avg_row.error();
  const json average_score = *avg_row && !(*average)->is_null(0) ? json((*average)->real(0)) : json();

  return json{{"jobs_seen", *jobs_seen},
              {"applications", by_status},
              {"applied_per_week", per_week},
              {"applied", *applied},
              {"answered", *answered},
              {"response_rate",
               *applied ? json(static_cast<double>(*answered) / static_cast<double>(*applied)) : json()},
              {"average_applied_score", average_score}};
}

constexpr ArgSpec kStatsArgs[] = {{"since", Kind::integer}, {"until", Kind::integer}};

constexpr Route kRoutes[] = {
    {"stats", stats, kStatsArgs, "tracker figures: by status, per week, response rate"},
};

}  // namespace

std::span<const Route> stats_routes() { return kRoutes; }

}  // namespace joblens::host
