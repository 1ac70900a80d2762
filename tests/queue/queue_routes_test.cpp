// The queue.* routes through the dispatcher, with the host's own pool started.
#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>

#include "native-host/queue/worker_pool.hpp"
#include "tests/queue/queue_test_support.hpp"

namespace joblens::host::testing {

using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("queue routes: enqueue, get, list, cancel, stats") {
  HostFixture host;
  std::mutex mutex;
  std::vector<json> events;
  REQUIRE_FALSE(host.app.queue
                    ->start([&](const json& e) {
                      std::lock_guard lock(mutex);
                      events.push_back(e);
                    })
                    .has_value());

  const json enqueued =
      host.ok("queue.enqueue", {{"kind", "echo"}, {"payload", {{"value", "ping"}}}, {"priority", 3}});
  CHECK(enqueued["created"] == true);
  const std::int64_t id = enqueued["task_id"].get<std::int64_t>();
  json task;
  REQUIRE(wait_for(
      [&] {
        task = host.ok("queue.get", {{"id", id}})["task"];
        return task["state"] == "done";
      },
      3s));
  CHECK(task["result"] == json{{"echo", "ping"}});
  CHECK(task["priority"] == 3);
  CHECK(task["completions"] == 1);

  CHECK(host.error_code("queue.enqueue", {{"kind", "no-such-kind"}}) == code(ErrorCode::invalid_value));
  CHECK(host.error_code("queue.enqueue", {{"kind", "echo"}, {"priority", 5000}}) ==
        code(ErrorCode::invalid_value));
  CHECK(host.error_code("queue.enqueue", {}) == code(ErrorCode::missing_field));
  CHECK(host.error_code("queue.get", {{"id", 12345}}) == code(ErrorCode::not_found));
  CHECK(host.error_code("queue.list", {{"state", "sleeping"}}) == code(ErrorCode::invalid_value));

  const json slow = host.ok("queue.enqueue", {{"kind", "echo"}, {"payload", {{"delay_ms", 10000}}}});
  const json cancelled = host.ok("queue.cancel", {{"id", slow["task_id"]}});
  CHECK(cancelled["state"] == "cancelled");
  CHECK(host.error_code("queue.cancel", {{"id", 999}}) == code(ErrorCode::not_found));

  const json done_list = host.ok("queue.list", {{"state", "done"}});
  REQUIRE(done_list["tasks"].size() == 1);
  CHECK(done_list["tasks"][0]["id"] == id);
  CHECK(host.ok("queue.list")["tasks"].size() == 2);

  const json stats = host.ok("queue.stats");
  CHECK(stats["counts"]["done"] == 1);
  CHECK(stats["counts"]["cancelled"] == 1);
  CHECK(stats["workers"] == kHostWorkers);
  CHECK(std::find(stats["kinds"].begin(), stats["kinds"].end(), json("echo")) != stats["kinds"].end());

  host.app.queue->stop();
  std::lock_guard lock(mutex);
  bool saw_done = false, saw_cancelled = false;
  for (const json& e : events) {
    if (e["event"] == "task.done" && e["data"]["task_id"] == id) saw_done = true;
    if (e["event"] == "task.cancelled" && e["data"]["task_id"] == slow["task_id"]) saw_cancelled = true;
  }
  CHECK(saw_done);
  CHECK(saw_cancelled);
}

TEST_CASE("queue routes work before the workers start: tasks wait in the queue") {
  HostFixture host;
  const json enqueued = host.ok("queue.enqueue", {{"kind", "echo"}});
  CHECK(enqueued["state"] == "queued");
  CHECK(host.ok("queue.stats")["workers"] == 0);
  CHECK(host.ok("queue.get", {{"id", enqueued["task_id"]}})["task"]["state"] == "queued");
}

}  // namespace joblens::host::testing
