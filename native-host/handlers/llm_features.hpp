// The AI features as background tasks: what a request's inputs are (the stored job and profile,
// snapshotted when it is asked for), where finished answers are kept, and the queue kinds that run
// them through the chain. The routes (handlers/llm.cpp) answer at once from here; the work happens
// on the queue's workers, so scoring a page never waits for a model. Issue #4; docs/llm.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "native-host/llm/service.hpp"
#include "native-host/queue/worker_pool.hpp"
#include "native-host/storage/sqlite.hpp"
#include "shared/engine/engine.hpp"

namespace joblens::host {

// The features, as `llm.<feature>` routes and queue kinds.
inline constexpr std::string_view kLlmFeatures[] = {"analyze", "answer", "cover_letter", "tailor"};
std::string llm_task_kind(std::string_view feature);  // "llm.analyze", ...

// The inputs of one job's feature: {"job": ..., "profile"?: ..., "question"?: ...}. The job must be
// stored (not_found); features about the person need a saved profile (missing_field).
Result<nlohmann::json> job_inputs(storage::Database& db, std::string_view feature, const std::string& job_id,
                                  const nlohmann::json& extra);

// Where a finished answer is kept (the `cache` table, namespace "llm.result", for the cache's TTL):
// keyed by feature and a hash of the inputs, so a changed posting or profile asks again.
std::string result_key(std::string_view feature, const nlohmann::json& inputs);
Result<std::optional<nlohmann::json>> load_result(storage::Database& db, const std::string& key,
                                                  std::int64_t now);
std::optional<Error> store_result(storage::Database& db, const std::string& key, const nlohmann::json& result,
                                  std::int64_t ttl_ms, std::int64_t now);

// Registers the llm.* kinds on the pool: payload {"feature", "inputs", "key"} (one job) or
// {"feature":"analyze", "batch": [{"key", "inputs"}...]} (several postings in one request).
void register_llm_kinds(queue::WorkerPool& pool, const llm::LlmService& service, const Engine& engine,
                        llm::LlmEventFn events);

}  // namespace joblens::host
