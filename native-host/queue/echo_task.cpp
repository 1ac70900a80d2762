#include "native-host/queue/echo_task.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace joblens::host::queue {

using nlohmann::json;

Result<json> run_echo(TaskContext& task, const json& payload) {
  if (!payload.is_object()) return make_error(ErrorCode::wrong_type, "echo: the payload must be an object");
  std::int64_t delay_ms = 0;
  if (const auto delay = payload.find("delay_ms"); delay != payload.end() && !delay->is_null()) {
    if (!delay->is_number_integer() || *delay < 0 || *delay > 10000) {
      return make_error(ErrorCode::invalid_value,
                        "echo: payload.delay_ms must be an integer from 0 to 10000");
    }
    delay_ms = delay->get<std::int64_t>();
  }
  if (const auto fail_times = payload.find("fail_times");
      fail_times != payload.end() && fail_times->is_number_integer()) {
    if (task.attempt() <= fail_times->get<int>()) {
      return make_error(ErrorCode::io_error,
                        "echo: failing attempt " + std::to_string(task.attempt()) + " as asked");
    }
  }
  // Sleeps in small steps so that a cancellation or a shutdown stops it within a few milliseconds.
  constexpr std::int64_t kStepMs = 5;
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    if (task.cancelled()) return make_error(ErrorCode::cancelled, "echo: cancelled");
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    if (elapsed >= delay_ms) break;
    if (delay_ms > 0) task.progress(static_cast<double>(elapsed) / static_cast<double>(delay_ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(kStepMs, delay_ms - elapsed)));
  }
  return json{{"echo", payload.value("value", json())}};
}

void register_echo(WorkerPool& pool) {
  // Quick retries: echo failures are only ever asked for by tests.
  pool.register_kind(kEchoKind, run_echo, RetryPolicy{3, 50, 1000});
}

}  // namespace joblens::host::queue
