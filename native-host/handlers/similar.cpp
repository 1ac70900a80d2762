// jobs.similar: the stored jobs most like one job, by embedding (docs/similar.md).
#include <cmath>
#include <memory>
#include <utility>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/similar/similar_jobs.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultLimit = 10;
constexpr std::int64_t kMaxLimit = 50;
// Neighbours asked beyond the limit: a stored vector may belong to a job deleted since.
constexpr std::size_t kSpareNeighbours = 8;

similar::SimilarJobs& similar_state(Context& context) {
  if (context.similar_state == nullptr) context.similar_state = std::make_shared<similar::SimilarJobs>();
  return *std::static_pointer_cast<similar::SimilarJobs>(context.similar_state);
}

Result<bool> job_exists(Context& context, const std::string& id) {
  auto stmt = context.db.prepare("SELECT 1 FROM jobs WHERE id = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id);
  return (*stmt)->step();
}

Result<json> jobs_similar(Context& context, const json& args) {
  const std::string id = arg_string(args, "id");
  auto limit = arg_limit(args, kDefaultLimit, kMaxLimit);
  if (!limit) return limit.error();
  auto exists = job_exists(context, id);
  if (!exists) return exists.error();
  if (!*exists) return make_error(ErrorCode::not_found, "jobs.similar: no job with id '" + id + "'");

  similar::SimilarJobs& state = similar_state(context);
  const std::int64_t now = context.now_ms();
  if (auto error = state.refresh(context.db, now)) return *error;
  auto found = state.similar_to(context.db, id, static_cast<std::size_t>(*limit) + kSpareNeighbours, now);
  if (!found) return found.error();

  auto stmt = context.db.prepare("SELECT title, company, location FROM jobs WHERE id = ?1");
  if (!stmt) return stmt.error();
  json jobs = json::array();
  for (const similar::Neighbour& neighbour : found->neighbours) {
    if (std::cmp_greater_equal(jobs.size(), *limit)) break;
    (*stmt)->reset();
    (*stmt)->bind(1, neighbour.job_id);
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) continue;  // deleted since it was embedded
    jobs.push_back({{"job_id", neighbour.job_id},
                    {"title", (*stmt)->text(0)},
                    {"company", (*stmt)->text(1)},
                    {"location", (*stmt)->text(2)},
                    {"score", std::round(static_cast<double>(neighbour.similarity) * 1000.0) / 10.0}});
  }
  return json{{"jobs", jobs},
              {"model", state.embedder().model},
              {"method", similar::to_string(found->method)},
              {"count", found->searched}};
}

constexpr ArgSpec kSimilarArgs[] = {{"id", Kind::string, true}, {"limit", Kind::integer}};

constexpr Route kRoutes[] = {
    {"jobs.similar", jobs_similar, kSimilarArgs, "the stored jobs most similar to one job, with scores"},
};

}  // namespace

std::span<const Route> similar_routes() { return kRoutes; }

}  // namespace joblens::host
