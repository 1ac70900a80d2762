#include "native-host/similar/embedding_store.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace joblens::host::similar {

namespace {

using storage::Database;

std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 0xF];
  return out;
}

struct Candidate {
  std::string job_id;
  std::string text;
  std::string hash;
  std::string stored_hash;  // empty when there is no vector of this model and dimension
  std::int64_t job_updated_at = 0;
};

Result<std::vector<Candidate>> stale_jobs(Database& db, const Embedder& embedder, std::size_t limit) {
  // Jobs changed since their vector was stamped (or without one). Whether the text really changed is
  // decided by the hash below: most updates only move last_seen.
  auto stmt = db.prepare(
      "SELECT j.id, j.title, j.description, j.updated_at, e.source_hash, e.dim FROM jobs j "
      "LEFT JOIN embeddings e ON e.job_id = j.id AND e.model = ?1 "
      "WHERE e.job_id IS NULL OR e.dim != ?2 OR j.updated_at > e.updated_at LIMIT ?3");
  if (!stmt) return stmt.error();
  (*stmt)
      ->bind(1, embedder.model)
      .bind(2, static_cast<std::int64_t>(embedder.dim))
      .bind(3, static_cast<std::int64_t>(limit));
  std::vector<Candidate> candidates;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    Candidate c;
    c.job_id = (*stmt)->text(0);
    const std::string title = (*stmt)->text(1);
    const std::string description = (*stmt)->text(2);
    c.text = posting_text(title, description);
    c.hash = source_hash(title, description);
    c.job_updated_at = (*stmt)->int64(3);
    if (!(*stmt)->is_null(4) && static_cast<std::size_t>((*stmt)->int64(5)) == embedder.dim) {
      c.stored_hash = (*stmt)->text(4);
    }
    candidates.push_back(std::move(c));
  }
  return candidates;
}

}  // namespace

std::string posting_text(std::string_view title, std::string_view description) {
  std::string text;
  text.reserve(title.size() + 1 + description.size());
  text.append(title);
  text += '\n';
  text.append(description);
  return text;
}

std::string source_hash(std::string_view title, std::string_view description) {
  const std::string text = posting_text(title, description);
  return hex64(XXH64(text.data(), text.size(), 0));
}

std::string encode_vector(std::span<const float> vector) {
  std::string bytes(vector.size() * 4, '\0');
  for (std::size_t i = 0; i < vector.size(); ++i) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &vector[i], 4);
    for (std::size_t b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xFFU);
  }
  return bytes;
}

bool decode_vector(std::string_view bytes, std::size_t dim, float* out) {
  if (bytes.size() != dim * 4) return false;
  for (std::size_t i = 0; i < dim; ++i) {
    std::uint32_t bits = 0;
    for (std::size_t b = 0; b < 4; ++b) {
      bits |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b])) << (8 * b);
    }
    std::memcpy(&out[i], &bits, 4);
  }
  return true;
}

std::optional<Error> put_embedding(Database& db, std::string_view job_id, std::string_view model,
                                   std::span<const float> vector, std::string_view hash,
                                   std::int64_t now_ms) {
  auto stmt = db.prepare(
      "INSERT INTO embeddings (job_id, model, dim, vector, source_hash, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(job_id, model) DO UPDATE SET "
      "dim = ?3, vector = ?4, source_hash = ?5, updated_at = ?6");
  if (!stmt) return stmt.error();
  const std::string bytes = encode_vector(vector);
  (*stmt)
      ->bind(1, job_id)
      .bind(2, model)
      .bind(3, static_cast<std::int64_t>(vector.size()))
      .bind_blob(4, bytes.data(), bytes.size())
      .bind(5, hash)
      .bind(6, now_ms);
  return (*stmt)->run();
}

Result<std::optional<std::vector<float>>> get_embedding(Database& db, std::string_view job_id,
                                                        std::string_view model, std::size_t dim) {
  auto stmt = db.prepare("SELECT vector FROM embeddings WHERE job_id = ?1 AND model = ?2 AND dim = ?3");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, job_id).bind(2, model).bind(3, static_cast<std::int64_t>(dim));
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::vector<float>>();
  std::vector<float> vector(dim);
  if (!decode_vector((*stmt)->blob(0), dim, vector.data())) return std::optional<std::vector<float>>();
  return std::optional<std::vector<float>>(std::move(vector));
}

Result<EnsureReport> ensure_embeddings(Database& db, const Embedder& embedder, std::int64_t now_ms,
                                       std::size_t limit) {
  EnsureReport report;
  if (limit == 0 || !embedder.embed || embedder.dim == 0) return report;
  auto candidates = stale_jobs(db, embedder, limit);
  if (!candidates) return candidates.error();
  report.complete = candidates->size() < limit;

  // Embedded before the write transaction opens: the write lock is held only for the inserts.
  std::vector<const Candidate*> to_embed;
  std::vector<std::vector<float>> vectors;
  const std::size_t batch = std::max<std::size_t>(1, embedder.batch_size);
  std::vector<std::string> texts;
  for (const Candidate& c : *candidates) {
    if (c.stored_hash == c.hash) continue;
    to_embed.push_back(&c);
    texts.push_back(c.text);
    if (texts.size() == batch) {
      auto embedded = embedder.embed(texts);
      if (!embedded) return embedded.error();
      for (auto& v : *embedded) vectors.push_back(std::move(v));
      texts.clear();
    }
  }
  if (!texts.empty()) {
    auto embedded = embedder.embed(texts);
    if (!embedded) return embedded.error();
    for (auto& v : *embedded) vectors.push_back(std::move(v));
  }
  if (vectors.size() != to_embed.size()) {
    return make_error(ErrorCode::internal, "embedder '" + embedder.model + "' returned " +
                                               std::to_string(vectors.size()) + " vectors for " +
                                               std::to_string(to_embed.size()) + " texts");
  }
  for (const auto& v : vectors) {
    if (v.size() != embedder.dim) {
      return make_error(ErrorCode::internal, "embedder '" + embedder.model + "' returned a vector of " +
                                                 std::to_string(v.size()) + " floats, not " +
                                                 std::to_string(embedder.dim));
    }
  }

  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  std::size_t next = 0;
  for (const Candidate& c : *candidates) {
    // Stamped no earlier than the job, so that a clock behind the job's does not select it forever.
    const std::int64_t stamp = std::max(now_ms, c.job_updated_at);
    if (c.stored_hash == c.hash) {
      auto touch = db.prepare("UPDATE embeddings SET updated_at = ?3 WHERE job_id = ?1 AND model = ?2");
      if (!touch) return touch.error();
      (*touch)->bind(1, c.job_id).bind(2, embedder.model).bind(3, stamp);
      if (auto error = (*touch)->run()) return *error;
      ++report.unchanged;
      continue;
    }
    if (auto error = put_embedding(db, c.job_id, embedder.model, vectors[next++], c.hash, stamp))
      return *error;
    ++report.embedded;
  }
  if (auto error = (*tx)->commit()) return *error;
  return report;
}

Result<EnsureReport> ensure_hashed_embeddings(Database& db, std::int64_t now_ms, std::size_t limit) {
  return ensure_embeddings(db, hashed_embedder(), now_ms, limit);
}

Result<std::size_t> count_embeddings(Database& db, std::string_view model, std::size_t dim) {
  auto stmt = db.prepare("SELECT count(*) FROM embeddings WHERE model = ?1 AND dim = ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, model).bind(2, static_cast<std::int64_t>(dim));
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row ? static_cast<std::size_t>((*stmt)->int64(0)) : std::size_t{0};
}

Result<std::int64_t> load_embeddings(Database& db, std::string_view model, std::size_t dim,
                                     std::int64_t updated_since, const VisitVector& visit) {
  auto stmt = db.prepare(
      "SELECT job_id, vector, updated_at FROM embeddings WHERE model = ?1 AND dim = ?2 AND updated_at >= ?3");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, model).bind(2, static_cast<std::int64_t>(dim)).bind(3, updated_since);
  std::int64_t newest = updated_since;
  std::vector<float> vector(dim);
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    if (!decode_vector((*stmt)->blob(1), dim, vector.data())) continue;
    const std::string job_id = (*stmt)->text(0);
    visit(job_id, vector.data());
    newest = std::max(newest, (*stmt)->int64(2));
  }
  return newest;
}

}  // namespace joblens::host::similar
