// The queue's rows without threads: ordering, backoff, dead letters, dedup, cancellation, recovery,
// and the guarantee that a task is completed at most once.
#include "native-host/queue/task_store.hpp"

#include <doctest/doctest.h>

#include <set>

#include "tests/queue/queue_test_support.hpp"

namespace joblens::host::testing {

using nlohmann::json;
namespace q = queue;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;
constexpr std::int64_t kLease = 30'000;

std::int64_t add(storage::Database& db, const std::string& kind, int priority = 0, std::int64_t now = kNow,
                 int max_attempts = 5) {
  q::TaskSpec spec;
  spec.kind = kind;
  spec.payload = json{{"n", priority}};
  spec.priority = priority;
  spec.max_attempts = max_attempts;
  auto added = q::enqueue(db, spec, now);
  REQUIRE(added.ok());
  CHECK(added->created);
  return added->id;
}

q::Task must_get(storage::Database& db, std::int64_t id) {
  auto task = q::get(db, id);
  REQUIRE(task.ok());
  REQUIRE(task->has_value());
  return **task;
}

}  // namespace

TEST_CASE("claim takes the highest priority first, then the oldest, and only ready tasks") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto low = add(db, "echo", 0);
  const auto high = add(db, "echo", 5);
  const auto low_later = add(db, "echo", 0);
  const auto high_later = add(db, "echo", 5);
  std::vector<std::int64_t> order;
  for (int i = 0; i < 4; ++i) {
    auto claimed = q::claim(db, "A", kNow, kLease);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->state == q::TaskState::running);
    CHECK((*claimed)->attempts == 1);
    CHECK((*claimed)->lease_owner == "A");
    CHECK((*claimed)->lease_until == kNow + kLease);
    order.push_back((*claimed)->id);
  }
  CHECK(order == std::vector<std::int64_t>{high, high_later, low, low_later});
  auto none = q::claim(db, "A", kNow, kLease);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  // A task not yet due is not claimed; one of a kind this host does not run is not either.
  QueueDb other;
  add(*other.db, "later", 0, kNow + 1000);
  add(*other.db, "unknown", 0);
  auto early = q::claim(*other.db, "A", kNow, kLease, {"later"});
  REQUIRE(early.ok());
  CHECK_FALSE(early->has_value());
  auto due = q::claim(*other.db, "A", kNow + 1000, kLease, {"later"});
  REQUIRE(due.ok());
  REQUIRE(due->has_value());
  CHECK((*due)->kind == "later");
}

TEST_CASE("a failed task backs off exponentially with jitter, then goes dead with its last error") {
  for (int attempts = 1; attempts <= 4; ++attempts) {
    const q::RetryPolicy policy{10, 1000, 60'000};
    const std::int64_t full = 1000LL << (attempts - 1);
    CHECK(q::backoff_delay_ms(policy, attempts, 0.0) == full / 2);
    CHECK(q::backoff_delay_ms(policy, attempts, 1.0) == full);
  }
  CHECK(q::backoff_delay_ms(q::RetryPolicy{10, 1000, 60'000}, 30, 1.0) == 60'000);  // capped

  QueueDb q_db;
  auto& db = *q_db.db;
  const auto id = add(db, "echo", 0, kNow, 3);
  const q::RetryPolicy policy{3, 1000, 60'000};
  std::int64_t now = kNow;
  std::vector<std::int64_t> delays;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto claimed = q::claim(db, "A", now, kLease);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->attempts == attempt);
    auto outcome = q::fail(
        db, id, "A", make_error(ErrorCode::provider_timeout, "slow " + std::to_string(attempt)), now, policy);
    REQUIRE(outcome.ok());
    if (attempt < 3) {
      CHECK(outcome->state == q::TaskState::queued);
      const std::int64_t delay = outcome->next_at - now;
      const std::int64_t full = 1000LL << (attempt - 1);
      CHECK(delay >= full / 2);
      CHECK(delay <= full);
      delays.push_back(delay);
      CHECK(must_get(db, id).next_at == outcome->next_at);
      // Not claimable before its time.
      auto early = q::claim(db, "A", outcome->next_at - 1, kLease);
      REQUIRE(early.ok());
      CHECK_FALSE(early->has_value());
      now = outcome->next_at;
    } else {
      CHECK(outcome->state == q::TaskState::dead);
    }
  }
  CHECK(delays[1] > delays[0] / 2);  // grows: the second window [1000, 2000] starts where the first ends
  const q::Task dead = must_get(db, id);
  CHECK(dead.state == q::TaskState::dead);
  CHECK(dead.attempts == 3);
  CHECK(dead.last_error["name"] == "provider_timeout");
  CHECK(dead.last_error["message"] == "slow 3");
  CHECK(dead.completions == 0);
}

TEST_CASE("jitter spreads retries of tasks failing together") {
  QueueDb q_db;
  auto& db = *q_db.db;
  std::set<std::int64_t> next_ats;
  for (int i = 0; i < 20; ++i) add(db, "echo");
  for (int i = 0; i < 20; ++i) {
    auto claimed = q::claim(db, "A", kNow, kLease);
    REQUIRE(claimed->has_value());
    auto outcome = q::fail(db, (*claimed)->id, "A", make_error(ErrorCode::io_error, "x"), kNow,
                           q::RetryPolicy{5, 10'000, 60'000});
    REQUIRE(outcome.ok());
    next_ats.insert(outcome->next_at);
  }
  CHECK(next_ats.size() > 10);
}

TEST_CASE("an error that cannot succeed on retry goes dead at once") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto id = add(db, "echo");
  REQUIRE(q::claim(db, "A", kNow, kLease)->has_value());
  auto outcome = q::fail(db, id, "A", make_error(ErrorCode::invalid_value, "bad payload"), kNow);
  REQUIRE(outcome.ok());
  CHECK(outcome->state == q::TaskState::dead);
  CHECK(must_get(db, id).last_error["code"] == static_cast<int>(ErrorCode::invalid_value));
}

TEST_CASE("a live task with the same dedup key is returned instead of a second one") {
  QueueDb q_db;
  auto& db = *q_db.db;
  q::TaskSpec spec;
  spec.kind = "echo";
  spec.dedup_key = "analyze:job-1";
  auto first = q::enqueue(db, spec, kNow);
  auto second = q::enqueue(db, spec, kNow + 1);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->created);
  CHECK_FALSE(second->created);
  CHECK(second->id == first->id);
  // Once the first is finished, the same key queues new work.
  auto claimed = q::claim(db, "A", kNow, kLease);
  REQUIRE(claimed->has_value());
  REQUIRE_FALSE(q::complete(db, first->id, "A", json{{"ok", true}}, kNow).has_value());
  auto third = q::enqueue(db, spec, kNow + 2);
  REQUIRE(third.ok());
  CHECK(third->created);
  CHECK(third->id != first->id);
}

TEST_CASE("cancel: a queued task at once; a running one is refused its late completion") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto queued = add(db, "echo");
  auto state = q::cancel(db, queued, kNow);
  REQUIRE(state.ok());
  CHECK(*state == q::TaskState::cancelled);
  auto none = q::claim(db, "A", kNow, kLease);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  const auto running = add(db, "echo");
  REQUIRE(q::claim(db, "A", kNow, kLease)->has_value());
  state = q::cancel(db, running, kNow);
  REQUIRE(state.ok());
  CHECK(*state == q::TaskState::cancelled);
  auto lost = q::renew_leases(db, "A", kNow, kLease, {running});
  REQUIRE(lost.ok());
  CHECK(*lost == std::vector<std::int64_t>{running});  // its worker is told to stop
  auto late = q::complete(db, running, "A", json{{"late", true}}, kNow);
  REQUIRE(late.has_value());
  CHECK(late->code == ErrorCode::conflict);
  const q::Task after = must_get(db, running);
  CHECK(after.state == q::TaskState::cancelled);
  CHECK(after.completions == 0);

  // Cancelling a finished task changes nothing; an unknown id is not_found.
  const auto finished = add(db, "echo");
  REQUIRE(q::claim(db, "A", kNow, kLease)->has_value());
  REQUIRE_FALSE(q::complete(db, finished, "A", json::object(), kNow).has_value());
  CHECK(*q::cancel(db, finished, kNow) == q::TaskState::done);
  CHECK(q::cancel(db, 999, kNow).error().code == ErrorCode::not_found);
}

TEST_CASE("recover requeues tasks of dead owners and of expired leases, not live ones") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto of_dead = add(db, "echo");
  const auto of_expired = add(db, "echo");
  const auto of_live = add(db, "echo");
  const auto last_attempt = add(db, "echo", 0, kNow, 1);
  REQUIRE(q::claim(db, "host:999999999:1", kNow, kLease)->has_value());  // no such pid
  REQUIRE(q::claim(db, "other-machine", kNow, 100)->has_value());        // its lease runs out
  REQUIRE(q::claim(db, "other-machine", kNow, kLease)->has_value());     // still leased
  REQUIRE(q::claim(db, "host:999999999:1", kNow, kLease)->has_value());  // dies on its only attempt
  auto recovered = q::recover(db, "me", kNow + 1000, q::process_owner_alive);
  REQUIRE(recovered.ok());
  CHECK(*recovered == 3);
  CHECK(must_get(db, of_dead).state == q::TaskState::queued);
  CHECK(must_get(db, of_dead).next_at == kNow + 1000);
  CHECK(must_get(db, of_expired).state == q::TaskState::queued);
  CHECK(must_get(db, of_live).state == q::TaskState::running);
  const q::Task dead = must_get(db, last_attempt);
  CHECK(dead.state == q::TaskState::dead);
  CHECK(dead.last_error["name"] == "internal");
  CHECK(q::process_owner_alive(q::process_owner(kNow)));
  CHECK_FALSE(q::process_owner_alive("host:999999999:1"));
}

TEST_CASE("a late complete from an owner whose lease was taken over is refused: one completion only") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto id = add(db, "echo");
  REQUIRE(q::claim(db, "old", kNow, 100)->has_value());
  // The old owner stalls past its lease; another host recovers and claims the task.
  REQUIRE(*q::recover(db, "new", kNow + 200, nullptr) == 1);
  auto taken = q::claim(db, "new", kNow + 200, kLease);
  REQUIRE(taken->has_value());
  CHECK((*taken)->attempts == 2);
  // The old owner's progress and completion are refused; the new owner's succeeds once.
  CHECK(q::progress(db, id, "old", 0.5, kNow + 250)->code == ErrorCode::conflict);
  CHECK(q::complete(db, id, "old", json{{"by", "old"}}, kNow + 300)->code == ErrorCode::conflict);
  CHECK(q::fail(db, id, "old", make_error(ErrorCode::io_error, "x"), kNow + 300).error().code ==
        ErrorCode::conflict);
  REQUIRE_FALSE(q::complete(db, id, "new", json{{"by", "new"}}, kNow + 400).has_value());
  CHECK(q::complete(db, id, "new", json{{"by", "new again"}}, kNow + 500)->code == ErrorCode::conflict);
  const q::Task done = must_get(db, id);
  CHECK(done.state == q::TaskState::done);
  CHECK(done.completions == 1);
  CHECK(done.result == json{{"by", "new"}});
  CHECK(done.lease_owner == std::nullopt);
}

TEST_CASE("release hands a running task back without charging the attempt; stats, list and progress") {
  QueueDb q_db;
  auto& db = *q_db.db;
  const auto a = add(db, "echo");
  const auto b = add(db, "echo");
  REQUIRE(q::claim(db, "A", kNow, kLease)->has_value());
  REQUIRE_FALSE(q::progress(db, a, "A", 0.25, kNow).has_value());
  CHECK(must_get(db, a).progress == doctest::Approx(0.25));
  REQUIRE_FALSE(q::release(db, a, "A", kNow).has_value());
  CHECK(must_get(db, a).state == q::TaskState::queued);
  CHECK(must_get(db, a).attempts == 0);
  REQUIRE(q::cancel(db, b, kNow).ok());
  auto counts = q::stats(db);
  REQUIRE(counts.ok());
  CHECK(counts->queued == 1);
  CHECK(counts->cancelled == 1);
  auto cancelled = q::list(db, q::TaskState::cancelled, 10);
  REQUIRE(cancelled.ok());
  REQUIRE(cancelled->size() == 1);
  CHECK(cancelled->front().id == b);
  auto all = q::list(db, std::nullopt, 10);
  REQUIRE(all->size() == 2);
  CHECK(all->front().id == b);  // newest first
  CHECK(**q::next_ready_at(db) == kNow);
}

}  // namespace joblens::host::testing
