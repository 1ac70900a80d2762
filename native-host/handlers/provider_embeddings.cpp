#include "native-host/handlers/provider_embeddings.hpp"

#include <atomic>

#include "native-host/similar/embedding_store.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::size_t kBatch = 64;      // texts per provider request
constexpr std::size_t kPerRound = 256;  // jobs per transaction, between progress reports

Result<json> embed_jobs(queue::TaskContext& task, const llm::LlmService& service) {
  const auto model = service.embedding_model();
  if (!model) return json{{"skipped", "no provider embedding model is configured"}};
  std::atomic<bool> cancel{false};
  llm::RunOptions options;
  options.cancel = &cancel;
  const auto embed = [&service, &options, &cancel, &task](const std::vector<std::string>& texts) {
    cancel.store(task.cancelled());
    return service.embed(texts, options);
  };
  // The provider decides the dimension: one probe, so vectors of any model can be stored.
  auto probe = embed({"JobLens dimension probe"});
  if (!probe) return probe.error();
  if (probe->size() != 1 || probe->front().empty()) {
    return make_error(ErrorCode::bad_reply, "the embedding provider returned no vector");
  }
  similar::Embedder embedder{*model, probe->front().size(), embed, kBatch};
  std::size_t embedded = 0;
  for (int round = 0; round < 10'000 && !task.cancelled(); ++round) {
    auto report = similar::ensure_embeddings(task.db(), embedder, task.now_ms(), kPerRound);
    if (!report) return report.error();
    embedded += report->embedded;
    if (report->complete) break;
    task.progress(0.5, json{{"embedded", embedded}});
  }
  return json{{"model", *model}, {"dim", embedder.dim}, {"embedded", embedded}};
}

}  // namespace

void register_embed_kind(queue::WorkerPool& pool, const llm::LlmService& service) {
  pool.register_kind(
      kEmbedKind, [&service](queue::TaskContext& task, const json&) { return embed_jobs(task, service); },
      queue::RetryPolicy{3, 30'000, 10 * 60 * 1000});
}

Result<std::optional<std::size_t>> stored_dimension(storage::Database& db, const std::string& model) {
  auto stmt = db.prepare("SELECT dim FROM embeddings WHERE model = ?1 LIMIT 1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, model);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::size_t>();
  return std::optional<std::size_t>(static_cast<std::size_t>((*stmt)->int64(0)));
}

}  // namespace joblens::host
