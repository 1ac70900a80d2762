// The bar of issue #4 item 7: `kill -9` of the real joblens-host with 100 queued tasks; after a
// restart on the same data directory all 100 complete, none twice.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "native-host/host_app.hpp"
#include "native-host/queue/task_store.hpp"
#include "tests/host/host_process.hpp"
#include "tests/queue/queue_test_support.hpp"

namespace joblens::host::testing {

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr int kTasks = 100;

std::set<std::int64_t> done_ids(const std::vector<json>& events, std::map<std::int64_t, int>& done_count) {
  std::set<std::int64_t> ids;
  for (const json& event : events) {
    if (event["event"] != "task.done") continue;
    const std::int64_t id = event["data"]["task_id"].get<std::int64_t>();
    ids.insert(id);
    ++done_count[id];
  }
  return ids;
}

json stats_of(HostProcess& host) {
  const json reply = host.call("queue.stats");
  REQUIRE(reply["type"] == "queue.stats");
  return reply["result"];
}

}  // namespace

TEST_CASE("kill -9 with 100 queued tasks: after a restart all 100 complete, none twice") {
  TempDir data;
  std::map<std::int64_t, int> done_count;
  std::set<std::int64_t> enqueued;
  std::set<std::int64_t> done_first_run;

  {
    HostProcess host(data.path);
    for (int i = 0; i < kTasks; ++i) {
      const json reply = host.call(
          "queue.enqueue", {{"kind", "echo"}, {"payload", {{"value", i}, {"delay_ms", 30 + i % 21}}}});
      INFO(reply.dump());
      REQUIRE(reply["type"] == "queue.enqueue");
      enqueued.insert(reply["result"]["task_id"].get<std::int64_t>());
    }
    REQUIRE(enqueued.size() == kTasks);
    // Let some finish (and others be running), then kill the host mid-flight.
    int done_events = 0;
    while (done_events < 10) {
      auto event = host.receive_event(10s);
      REQUIRE(event.has_value());
      if ((*event)["event"] == "task.done") ++done_events;
    }
    const json before = stats_of(host);
    CHECK(before["counts"]["done"].get<int>() < kTasks);  // the kill lands while work is left
    CHECK(before["workers"] == kHostWorkers);
    host.kill_hard();
    CHECK_FALSE(host.running());
    // Frames the host wrote before it died are still in the pipe: read them up to end of stream.
    while (host.receive_event(500ms)) {
    }
    done_first_run = done_ids(host.events_seen(), done_count);
  }

  {
    HostProcess host(data.path);
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    json stats;
    for (;;) {
      stats = stats_of(host);
      if (stats["counts"]["done"] == kTasks || std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(50ms);
    }
    INFO(stats.dump());
    CHECK(stats["counts"]["done"] == kTasks);
    CHECK(stats["counts"]["running"] == 0);
    CHECK(stats["counts"]["queued"] == 0);
    host.close_stdin();
    CHECK(host.wait(5s) == 0);
    const std::set<std::int64_t> done_second_run = done_ids(host.events_seen(), done_count);
    for (std::int64_t id : done_second_run)
      CHECK_MESSAGE(done_first_run.count(id) == 0, "task " << id << " done twice");
    CHECK(done_first_run.size() + done_second_run.size() >=
          kTasks - 2);  // at most the events of the tasks committed as the kill landed
  }

  for (const auto& [id, count] : done_count)
    CHECK_MESSAGE(count == 1, "task " << id << ": " << count << " done events");

  // The database, read directly after the host exited: every task done exactly once.
  auto db = storage::Database::open(data.path + "/joblens.db");
  REQUIRE(db.ok());
  auto tasks = queue::list(*db, std::nullopt, 500);
  REQUIRE(tasks.ok());
  REQUIRE(tasks->size() == kTasks);
  int recovered = 0;
  for (const queue::Task& task : *tasks) {
    INFO("task " << task.id);
    CHECK(enqueued.count(task.id) == 1);
    CHECK(task.state == queue::TaskState::done);
    CHECK(task.completions == 1);
    CHECK(task.result == json{{"echo", task.payload["value"]}});
    if (task.attempts > 1) ++recovered;
  }
  CHECK(recovered >= 1);  // the tasks running at the kill ran again, on a second attempt
}

}  // namespace joblens::host::testing
