// Stored vectors (the `embeddings` table, migration 6): one row per job and model, the vector as
// little-endian float32, and the hash of the text it was computed from, so that an edited posting
// and a new model are both embedded again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/similar/embedder.hpp"
#include "native-host/storage/sqlite.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::similar {

// What is embedded: the title, a line break, the description.
std::string posting_text(std::string_view title, std::string_view description);
// Hex XXH64 of posting_text(): stored as source_hash.
std::string source_hash(std::string_view title, std::string_view description);

// float32 little-endian bytes, whatever the host's byte order.
std::string encode_vector(std::span<const float> vector);
// Fills `out` (dim floats) from stored bytes; false when the size does not match.
bool decode_vector(std::string_view bytes, std::size_t dim, float* out);

std::optional<Error> put_embedding(storage::Database& db, std::string_view job_id, std::string_view model,
                                   std::span<const float> vector, std::string_view hash, std::int64_t now_ms);
// The stored vector of one job for a model, or nullopt when there is none (or of another dimension).
Result<std::optional<std::vector<float>>> get_embedding(storage::Database& db, std::string_view job_id,
                                                        std::string_view model, std::size_t dim);

struct EnsureReport {
  std::size_t embedded = 0;   // vectors written (new jobs, edited postings, a new model)
  std::size_t unchanged = 0;  // jobs touched since their vector, with the same text: only re-stamped
  bool complete = true;       // false when `limit` stopped the pass: call again for the rest
};

// Embeds up to `limit` stored jobs whose vector for the embedder's model is missing, of another
// dimension, or older than the job and computed from another text. The embedder runs outside any
// transaction (a provider call may take seconds); the vectors are written in one transaction.
Result<EnsureReport> ensure_embeddings(storage::Database& db, const Embedder& embedder, std::int64_t now_ms,
                                       std::size_t limit);
Result<EnsureReport> ensure_hashed_embeddings(storage::Database& db, std::int64_t now_ms, std::size_t limit);

// Stored vectors of `model` with `dim` floats.
Result<std::size_t> count_embeddings(storage::Database& db, std::string_view model, std::size_t dim);
// Calls `visit` for every stored vector of `model`/`dim` stamped at or after `updated_since`; returns
// the largest updated_at seen (or `updated_since` when none). Rows that do not decode are skipped.
using VisitVector = std::function<void(std::string_view job_id, const float* vector)>;
Result<std::int64_t> load_embeddings(storage::Database& db, std::string_view model, std::size_t dim,
                                     std::int64_t updated_since, const VisitVector& visit);

}  // namespace joblens::host::similar
