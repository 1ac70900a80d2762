// Similar jobs for the host: keeps the vector index of the active embedder in memory across requests,
// brings it up to date with the store before each search (embedding new and edited postings first,
// a bounded number per request), and rebuilds it when the embedder's model changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "native-host/similar/embedder.hpp"
#include "native-host/similar/embedding_store.hpp"
#include "native-host/similar/vector_index.hpp"
#include "native-host/storage/sqlite.hpp"

namespace joblens::host::similar {

class SimilarJobs {
 public:
  // Postings embedded per request at most: with the hashed embedder 60-130 ms of work, so that a
  // first request over a large database answers while the rest are embedded by later ones.
  static constexpr std::size_t kEmbedPerRequest = 2000;

  explicit SimilarJobs(Embedder embedder = hashed_embedder());

  const Embedder& embedder() const { return embedder_; }
  // A new model: the index is dropped and rebuilt from that model's stored vectors on next use.
  void set_embedder(Embedder embedder);

  // Embeds stale jobs (up to `embed_limit`), then loads new and changed vectors into the index.
  std::optional<Error> refresh(storage::Database& db, std::int64_t now_ms,
                               std::size_t embed_limit = kEmbedPerRequest);
  // The k jobs most similar to `job_id`, never itself; not_found when the job has no vector (call
  // refresh first) and embedding it now fails.
  Result<SearchResult> similar_to(storage::Database& db, std::string_view job_id, std::size_t k,
                                  std::int64_t now_ms);

  const VectorIndex* index() const { return index_.get(); }

 private:
  Result<std::optional<std::vector<float>>> embed_job(storage::Database& db, std::string_view job_id,
                                                      std::int64_t now_ms);

  Embedder embedder_;
  std::unique_ptr<VectorIndex> index_;
  std::int64_t loaded_until_ = 0;  // newest updated_at loaded into the index
};

}  // namespace joblens::host::similar
