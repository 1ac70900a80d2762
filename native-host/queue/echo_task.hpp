// The `echo` task kind: harmless work for health checks and tests. Payload {value?, delay_ms?
// (0..10000), fail_times? (fails with a retryable error on its first N attempts)}; result {echo: value}.
#pragma once

#include "native-host/queue/worker_pool.hpp"

namespace joblens::host::queue {

inline constexpr const char* kEchoKind = "echo";

Result<nlohmann::json> run_echo(TaskContext& task, const nlohmann::json& payload);
void register_echo(WorkerPool& pool);

}  // namespace joblens::host::queue
