// Provider embeddings for similar jobs (`llm.embeddings`): computed in the background by the
// `jobs.embed` task, never while a request waits on the network. Until a job has a vector of the
// provider's model, jobs.similar answers from the core's hashed embedding. Issue #4, item 6.
#pragma once

#include <optional>
#include <string>

#include "native-host/llm/service.hpp"
#include "native-host/queue/worker_pool.hpp"
#include "native-host/storage/sqlite.hpp"

namespace joblens::host {

inline constexpr const char* kEmbedKind = "jobs.embed";

// Embeds every stored job that lacks a vector of the configured provider model (a new model embeds
// them all again), a batch at a time, with progress.
void register_embed_kind(queue::WorkerPool& pool, const llm::LlmService& service);

// The dimension of the vectors stored for `model`; nullopt when there are none yet.
Result<std::optional<std::size_t>> stored_dimension(storage::Database& db, const std::string& model);

}  // namespace joblens::host
