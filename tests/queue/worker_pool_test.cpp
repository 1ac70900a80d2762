// The worker pool with real threads on a temporary database: concurrency, events, cancellation,
// runner failures, and shutdown.
#include "native-host/queue/worker_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "native-host/queue/echo_task.hpp"
#include "tests/queue/queue_test_support.hpp"

namespace joblens::host::testing {

using nlohmann::json;
namespace q = queue;
using namespace std::chrono_literals;

namespace {

// Collects events from every thread.
struct EventLog {
  std::mutex mutex;
  std::vector<json> events;

  q::EventSink sink() {
    return [this](const json& event) {
      std::lock_guard lock(mutex);
      events.push_back(event);
    };
  }
  std::vector<json> named(const std::string& name, std::int64_t task_id = -1) {
    std::lock_guard lock(mutex);
    std::vector<json> out;
    for (const json& e : events) {
      if (e["event"] == name && (task_id < 0 || e["data"]["task_id"] == task_id)) out.push_back(e);
    }
    return out;
  }
};

std::int64_t enqueue(q::WorkerPool& pool, storage::Database& db, const std::string& kind, json payload) {
  q::TaskSpec spec;
  spec.kind = kind;
  spec.payload = std::move(payload);
  spec.max_attempts = 0;
  auto added = pool.enqueue(db, spec);
  REQUIRE(added.ok());
  return added->id;
}

q::TaskState state_of(storage::Database& db, std::int64_t id) {
  auto task = q::get(db, id);
  REQUIRE(task.ok());
  REQUIRE(task->has_value());
  return (*task)->state;
}

q::WorkerPoolOptions fast_options(int workers = 2) {
  q::WorkerPoolOptions options;
  options.workers = workers;
  options.lease_ms = 900;  // the lease keeper looks every 300 ms
  options.idle_poll_ms = 200;
  options.progress_every_ms = 20;
  return options;
}

}  // namespace

TEST_CASE("two workers run tasks concurrently, each completed once, with a done event") {
  QueueDb q_db;
  std::atomic<int> active{0}, most_active{0};
  q::WorkerPool pool(q_db.path, fast_options(2));
  pool.register_kind("sleepy", [&](q::TaskContext& task, const json& payload) -> Result<json> {
    const int now_active = ++active;
    int seen = most_active.load();
    while (now_active > seen && !most_active.compare_exchange_weak(seen, now_active)) {
    }
    std::this_thread::sleep_for(80ms);
    --active;
    return json{{"n", payload["n"]}, {"task", task.task_id()}};
  });
  EventLog log;
  REQUIRE_FALSE(pool.start(log.sink()).has_value());
  CHECK(pool.worker_count() == 2);
  std::vector<std::int64_t> ids;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) ids.push_back(enqueue(pool, *q_db.db, "sleepy", json{{"n", i}}));
  REQUIRE(wait_for([&] { return log.named("task.done").size() == 6; }, 5s));
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(most_active.load() == 2);
  CHECK(took < 6 * 80ms);  // serially it would take 480 ms
  CHECK(log.named("task.queued").size() == 6);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto task = q::get(*q_db.db, ids[i]);
    REQUIRE(task->has_value());
    CHECK((*task)->state == q::TaskState::done);
    CHECK((*task)->completions == 1);
    CHECK((*task)->result["n"] == static_cast<int>(i));
    const auto done = log.named("task.done", ids[i]);
    REQUIRE(done.size() == 1);
    CHECK(done[0]["type"] == "event");
    CHECK(done[0]["data"]["kind"] == "sleepy");
    CHECK(done[0]["data"]["state"] == "done");
    CHECK(done[0]["data"]["result"]["n"] == static_cast<int>(i));
    CHECK(done[0]["data"]["attempts"] == 1);
  }
}

TEST_CASE("echo reports progress, persisted and pushed as events, then its result") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  q::register_echo(pool);
  EventLog log;
  REQUIRE_FALSE(pool.start(log.sink()).has_value());
  const auto id = enqueue(pool, *q_db.db, "echo", json{{"value", "hi"}, {"delay_ms", 300}});
  REQUIRE(wait_for([&] { return !log.named("task.done", id).empty(); }, 5s));
  const auto progress = log.named("task.progress", id);
  REQUIRE(progress.size() >= 3);
  CHECK(progress.size() <= 300 / 20 + 2);  // rate-limited
  double last = -1;
  for (const json& e : progress) {
    CHECK(e["data"]["progress"].get<double>() > last);
    last = e["data"]["progress"].get<double>();
    CHECK(e["data"]["state"] == "running");
  }
  CHECK(log.named("task.done", id)[0]["data"]["result"] == json{{"echo", "hi"}});
  auto task = q::get(*q_db.db, id);
  CHECK((*task)->progress == doctest::Approx(1.0));
}

TEST_CASE("cancelling a running echo stops it at its next check; the worker is free again") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  q::register_echo(pool);
  EventLog log;
  REQUIRE_FALSE(pool.start(log.sink()).has_value());
  const auto slow = enqueue(pool, *q_db.db, "echo", json{{"delay_ms", 10000}});
  REQUIRE(wait_for([&] { return state_of(*q_db.db, slow) == q::TaskState::running; }, 3s));
  auto cancelled = pool.cancel(*q_db.db, slow);
  REQUIRE(cancelled.ok());
  CHECK(*cancelled == q::TaskState::cancelled);
  CHECK(log.named("task.cancelled", slow).size() == 1);
  // One worker only: the next task runs as soon as the cancelled one stopped, far before 10 s.
  const auto quick = enqueue(pool, *q_db.db, "echo", json{{"value", 1}});
  REQUIRE(wait_for([&] { return state_of(*q_db.db, quick) == q::TaskState::done; }, 2s));
  auto task = q::get(*q_db.db, slow);
  CHECK((*task)->state == q::TaskState::cancelled);
  CHECK((*task)->completions == 0);
  CHECK(log.named("task.done", slow).empty());
}

TEST_CASE("a task cancelled through another connection (another host) stops at the next lease renewal") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  std::atomic<bool> saw_cancel{false};
  pool.register_kind("wait", [&](q::TaskContext& task, const json&) -> Result<json> {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (task.cancelled()) {
        saw_cancel = true;
        return make_error(ErrorCode::cancelled, "wait: cancelled");
      }
      std::this_thread::sleep_for(5ms);
    }
    return json::object();
  });
  REQUIRE_FALSE(pool.start({}).has_value());
  const auto id = enqueue(pool, *q_db.db, "wait", json::object());
  REQUIRE(wait_for([&] { return state_of(*q_db.db, id) == q::TaskState::running; }, 3s));
  REQUIRE(q::cancel(*q_db.db, id, pool.now()).ok());  // not through the pool: it learns from the row
  CHECK(wait_for([&] { return saw_cancel.load(); }, 2s));
  CHECK(state_of(*q_db.db, id) == q::TaskState::cancelled);
}

TEST_CASE("a runner that throws becomes a failed attempt, retried, then dead with the error") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(2));
  std::atomic<int> calls{0};
  pool.register_kind(
      "broken",
      [&](q::TaskContext&, const json&) -> Result<json> {
        ++calls;
        throw std::runtime_error("the runner blew up");
      },
      q::RetryPolicy{2, 20, 100});
  EventLog log;
  REQUIRE_FALSE(pool.start(log.sink()).has_value());
  const auto id = enqueue(pool, *q_db.db, "broken", json::object());
  REQUIRE(wait_for([&] { return !log.named("task.dead", id).empty(); }, 5s));
  CHECK(calls.load() == 2);
  const auto failed = log.named("task.failed", id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["data"]["error"]["name"] == "internal");
  CHECK(failed[0]["data"]["state"] == "queued");
  CHECK(failed[0]["data"].contains("next_at"));
  const auto dead = log.named("task.dead", id);
  CHECK(dead[0]["data"]["error"]["message"].get<std::string>().find("the runner blew up") !=
        std::string::npos);
  auto task = q::get(*q_db.db, id);
  CHECK((*task)->state == q::TaskState::dead);
  CHECK((*task)->attempts == 2);
  CHECK((*task)->last_error["code"] == static_cast<int>(ErrorCode::internal));
}

TEST_CASE("enqueue refuses kinds nobody runs; dedup returns the live task without a second event") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  q::register_echo(pool);
  EventLog log;
  REQUIRE_FALSE(pool.start(log.sink()).has_value());
  q::TaskSpec spec;
  spec.kind = "nobody";
  CHECK(pool.enqueue(*q_db.db, spec).error().code == ErrorCode::invalid_value);
  spec.kind = "echo";
  spec.payload = json{{"delay_ms", 2000}};
  spec.dedup_key = "same";
  auto first = pool.enqueue(*q_db.db, spec);
  auto second = pool.enqueue(*q_db.db, spec);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->id == second->id);
  CHECK(log.named("task.queued").size() == 1);
}

TEST_CASE("stopping the pool hands a running task back unfinished, without charging the attempt") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  q::register_echo(pool);
  REQUIRE_FALSE(pool.start({}).has_value());
  const auto id = enqueue(pool, *q_db.db, "echo", json{{"delay_ms", 10000}});
  REQUIRE(wait_for([&] { return state_of(*q_db.db, id) == q::TaskState::running; }, 3s));
  const auto started = std::chrono::steady_clock::now();
  pool.stop();
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK_FALSE(pool.running());
  auto task = q::get(*q_db.db, id);
  CHECK((*task)->state == q::TaskState::queued);
  CHECK((*task)->attempts == 0);
  CHECK((*task)->lease_owner == std::nullopt);
}

TEST_CASE("a pool starting over a database with a dead host's running task runs it at once") {
  QueueDb q_db;
  q::WorkerPool pool(q_db.path, fast_options(1));
  q::register_echo(pool);
  q::TaskSpec spec;
  spec.kind = "echo";
  spec.payload = json{{"value", "again"}};
  auto added = q::enqueue(*q_db.db, spec, pool.now());
  REQUIRE(added.ok());
  // Leased for an hour by a process that no longer exists: only the dead owner lets it run now.
  REQUIRE(q::claim(*q_db.db, "host:999999999:1", pool.now(), 3'600'000)->has_value());
  REQUIRE_FALSE(pool.start({}).has_value());
  REQUIRE(wait_for([&] { return state_of(*q_db.db, added->id) == q::TaskState::done; }, 3s));
  auto task = q::get(*q_db.db, added->id);
  CHECK((*task)->completions == 1);
  CHECK((*task)->attempts == 2);
}

TEST_CASE("an event too large for a frame has its result cut") {
  json big{{"type", "event"},
           {"event", "task.done"},
           {"data", {{"task_id", 1}, {"result", std::string(5000, 'x')}}}};
  const json cut = q::fit_event(big, 1000);
  CHECK(cut.dump().size() <= 1000);
  CHECK(cut["data"]["result"] == json{{"truncated", true}});
  CHECK(q::fit_event(big, 100000) == big);
}

}  // namespace joblens::host::testing
