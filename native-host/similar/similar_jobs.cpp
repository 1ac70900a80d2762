#include "native-host/similar/similar_jobs.hpp"

#include <limits>

namespace joblens::host::similar {

SimilarJobs::SimilarJobs(Embedder embedder) : embedder_(std::move(embedder)) {}

void SimilarJobs::set_embedder(Embedder embedder) {
  if (embedder.model != embedder_.model || embedder.dim != embedder_.dim) index_.reset();
  embedder_ = std::move(embedder);
}

std::optional<Error> SimilarJobs::refresh(storage::Database& db, std::int64_t now_ms,
                                          std::size_t embed_limit) {
  auto ensured = ensure_embeddings(db, embedder_, now_ms, embed_limit);
  if (!ensured) return ensured.error();
  auto stored = count_embeddings(db, embedder_.model, embedder_.dim);
  if (!stored) return stored.error();

  // Vectors stamped at or after the last load are read again: a stamp equal to the newest one seen
  // may have been written after that load. Upserts are idempotent, so re-reading costs little.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool rebuild = index_ == nullptr || *stored < index_->size();  // rows removed: start over
    if (rebuild) {
      index_ = std::make_unique<VectorIndex>(embedder_.model, embedder_.dim);
      loaded_until_ = std::numeric_limits<std::int64_t>::min();
    }
    VectorIndex& index = *index_;
    auto newest =
        load_embeddings(db, embedder_.model, embedder_.dim, loaded_until_,
                        [&index](std::string_view job_id, const float* v) { index.upsert(job_id, v); });
    if (!newest) return newest.error();
    loaded_until_ = *newest;
    if (index.size() == *stored) break;
    index_.reset();  // a row stamped in the past (another host's clock): load everything once more
  }
  if (index_ != nullptr) index_->build_ann_if_due();
  return std::nullopt;
}

Result<std::optional<std::vector<float>>> SimilarJobs::embed_job(storage::Database& db,
                                                                 std::string_view job_id,
                                                                 std::int64_t now_ms) {
  auto stmt = db.prepare("SELECT title, description FROM jobs WHERE id = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, job_id);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::vector<float>>();
  const std::string title = (*stmt)->text(0);
  const std::string description = (*stmt)->text(1);
  auto vectors = embedder_.embed({posting_text(title, description)});
  if (!vectors) return vectors.error();
  if (vectors->size() != 1 || vectors->front().size() != embedder_.dim) {
    return make_error(ErrorCode::internal, "embedder '" + embedder_.model + "' returned a malformed vector");
  }
  if (auto error = put_embedding(db, job_id, embedder_.model, vectors->front(),
                                 source_hash(title, description), now_ms)) {
    return *error;
  }
  return std::optional<std::vector<float>>(std::move(vectors->front()));
}

Result<SearchResult> SimilarJobs::similar_to(storage::Database& db, std::string_view job_id, std::size_t k,
                                             std::int64_t now_ms) {
  if (index_ == nullptr) {
    if (auto error = refresh(db, now_ms)) return *error;
  }
  const float* query = index_->vector_of(job_id);
  std::vector<float> embedded;
  if (query == nullptr) {
    // Not embedded yet (the per-request bound left it for later): embed this one job now.
    auto vector = embed_job(db, job_id, now_ms);
    if (!vector) return vector.error();
    if (!*vector) return make_error(ErrorCode::not_found, "no job with id '" + std::string(job_id) + "'");
    embedded = std::move(**vector);
    index_->upsert(job_id, embedded.data());
    query = index_->vector_of(job_id);
  }
  return index_->search(query, k, job_id);
}

}  // namespace joblens::host::similar
