// jobs.similar: the stored jobs most like one job, by embedding (docs/similar.md).
#include <cmath>
#include <memory>
#include <utility>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/provider_embeddings.hpp"
#include "native-host/similar/embedding_store.hpp"
#include "native-host/similar/similar_jobs.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultLimit = 10;
constexpr std::int64_t kMaxLimit = 50;
// Neighbours asked beyond the limit: a stored vector may belong to a job deleted since.
constexpr std::size_t kSpareNeighbours = 8;

// The indexes kept between calls: the core's hashed embedding, and the provider model's when one is
// configured and its vectors are stored.
struct SimilarStates {
  similar::SimilarJobs hashed;
  std::unique_ptr<similar::SimilarJobs> provider;
};

SimilarStates& similar_states(Context& context) {
  if (context.similar_state == nullptr) context.similar_state = std::make_shared<SimilarStates>();
  return *std::static_pointer_cast<SimilarStates>(context.similar_state);
}

// Whether a stored job lacks a current vector of `model` (new, edited, or the model is new).
Result<bool> jobs_to_embed(storage::Database& db, const std::string& model) {
  auto stmt = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM embeddings e "
      "WHERE e.job_id = j.id AND e.model = ?1 AND e.updated_at >= j.updated_at))");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, model);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row && (*stmt)->int64(0) != 0;
}

// The provider's index when the job has a vector of its model; else nullptr (hashed), after asking
// the queue to embed what is missing (jobs.embed, deduplicated). Never a network call here.
Result<similar::SimilarJobs*> provider_index(Context& context, const std::string& id) {
  if (context.llm == nullptr) return nullptr;
  const auto model = context.llm->embedding_model();
  if (!model) return nullptr;
  auto stale = jobs_to_embed(context.db, *model);
  if (!stale) return stale.error();
  if (*stale && context.queue != nullptr && context.queue->has_kind(kEmbedKind)) {
    queue::TaskSpec spec;
    spec.kind = kEmbedKind;
    spec.dedup_key = std::string(kEmbedKind) + ":" + *model;
    spec.priority = -10;  // behind the person's own requests
    // Best effort: the hashed index answers meanwhile.
    if (auto enqueued = context.queue->enqueue(context.db, spec); !enqueued) return nullptr;
  }
  auto dim = stored_dimension(context.db, *model);
  if (!dim) return dim.error();
  if (!*dim) return nullptr;
  auto vector = similar::get_embedding(context.db, id, *model, **dim);
  if (!vector) return vector.error();
  if (!*vector) return nullptr;
  SimilarStates& states = similar_states(context);
  if (states.provider == nullptr || states.provider->embedder().model != *model ||
      states.provider->embedder().dim != **dim) {
    // No embed function: vectors come from the jobs.embed task only.
    states.provider = std::make_unique<similar::SimilarJobs>(similar::Embedder{*model, **dim, nullptr, 64});
  }
  return states.provider.get();
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

  auto provider = provider_index(context, id);
  if (!provider) return provider.error();
  similar::SimilarJobs& state = *provider != nullptr ? **provider : similar_states(context).hashed;
  const std::int64_t now = context.now_ms();
  if (auto error =
          state.refresh(context.db, now, *provider != nullptr ? 0 : similar::SimilarJobs::kEmbedPerRequest)) {
    return *error;
  }
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
