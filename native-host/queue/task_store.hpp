// The background queue's rows (table `tasks`, schema migration 5) and every state change they go
// through, as plain functions over one connection: no threads here, so each worker, the message loop
// and the tests call them on their own connection. Every function returns a value or an Error.
//
// States: queued -> running -> done | queued (retry, after a backoff) | dead | cancelled.
// A running task is leased to one host process (`lease_owner`, until `lease_until`); only that owner
// can complete or fail it, so a worker whose lease was taken over can never complete it a second time.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/storage/sqlite.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::queue {

enum class TaskState { queued, running, done, dead, cancelled };
std::string_view to_string(TaskState state);
std::optional<TaskState> parse_task_state(std::string_view text);

// How a kind retries: exponential backoff from base_ms, doubled per attempt, capped at cap_ms, with
// "equal jitter" (a random point in the upper half) so that tasks failing together spread out.
struct RetryPolicy {
  int max_attempts = 5;
  std::int64_t base_ms = 1000;
  std::int64_t cap_ms = 5 * 60 * 1000;
};

// The delay before attempt `attempts + 1`, given `attempts` done; `jitter01` in [0, 1].
std::int64_t backoff_delay_ms(const RetryPolicy& policy, int attempts, double jitter01);

// Errors that will fail the same way again (bad input, nothing configured, cancelled) go dead at once.
bool is_retryable(ErrorCode code);

struct TaskSpec {
  std::string kind;
  nlohmann::json payload = nlohmann::json::object();
  int priority = 0;  // higher runs first
  std::optional<std::string> dedup_key;
  int max_attempts = 5;
};

struct Task {
  std::int64_t id = 0;
  std::string kind;
  nlohmann::json payload;
  std::optional<std::string> dedup_key;
  int priority = 0;
  TaskState state = TaskState::queued;
  int attempts = 0;
  int max_attempts = 0;
  std::int64_t next_at = 0;
  std::optional<std::string> lease_owner;
  std::optional<std::int64_t> lease_until;
  double progress = 0;
  nlohmann::json result;      // null unless done
  nlohmann::json last_error;  // null, or {code, name, message}
  int completions = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  nlohmann::json to_json() const;
};

struct Enqueued {
  std::int64_t id = 0;
  bool created = false;  // false: a live task with the same dedup_key already existed
};

// What fail() did with the task.
struct FailOutcome {
  TaskState state = TaskState::queued;  // queued (will retry at next_at) or dead
  std::int64_t next_at = 0;
};

struct TaskCounts {
  std::int64_t queued = 0, running = 0, done = 0, dead = 0, cancelled = 0;
  nlohmann::json to_json() const;
};

Result<Enqueued> enqueue(storage::Database& db, const TaskSpec& spec, std::int64_t now);

// The next ready task (queued, next_at <= now; highest priority, then oldest), set to running under
// `owner` until now + lease_ms with attempts + 1, in one UPDATE ... RETURNING (atomic across hosts).
// `kinds`: only these kinds (the ones this host can run); empty means any. nullopt when none is ready.
Result<std::optional<Task>> claim(storage::Database& db, std::string_view owner, std::int64_t now,
                                  std::int64_t lease_ms, const std::vector<std::string>& kinds = {});

// done, only if still running under `owner`; otherwise `conflict` (the lease was lost or the task
// cancelled) and nothing changes.
std::optional<Error> complete(storage::Database& db, std::int64_t id, std::string_view owner,
                              const nlohmann::json& result, std::int64_t now);

// Back to queued after a backoff, or dead (with last_error) once attempts reach max_attempts or the
// error is not retryable. `conflict` when the task is no longer running under `owner`.
Result<FailOutcome> fail(storage::Database& db, std::int64_t id, std::string_view owner, const Error& error,
                         std::int64_t now, const RetryPolicy& policy = {});

// A running task handed back unfinished (the host is shutting down): queued again at once, and the
// attempt it was charged is given back.
std::optional<Error> release(storage::Database& db, std::int64_t id, std::string_view owner,
                             std::int64_t now);

// queued or running -> cancelled at once (a running task's worker sees it at its next check, stops,
// and its late complete/fail is refused). Returns the state after the call; `not_found` for no task.
Result<TaskState> cancel(storage::Database& db, std::int64_t id, std::int64_t now);

// Extends the leases of every task running under `owner`; of `watched` (the ids its workers hold),
// returns those no longer running under it (cancelled, or taken over), so that their workers stop.
Result<std::vector<std::int64_t>> renew_leases(storage::Database& db, std::string_view owner,
                                               std::int64_t now, std::int64_t lease_ms,
                                               const std::vector<std::int64_t>& watched);

// Running tasks of other owners that are dead (`owner_alive` says no) or whose lease has expired go
// back to queued (or dead, with last_error "abandoned", if they had used all their attempts). Run at
// start-up and periodically. Returns how many were recovered.
using OwnerAlive = bool (*)(std::string_view owner);
Result<int> recover(storage::Database& db, std::string_view owner, std::int64_t now, OwnerAlive owner_alive);

std::optional<Error> progress(storage::Database& db, std::int64_t id, std::string_view owner, double fraction,
                              std::int64_t now);

Result<std::optional<Task>> get(storage::Database& db, std::int64_t id);
// Newest first; `state` filters.
Result<std::vector<Task>> list(storage::Database& db, std::optional<TaskState> state, int limit);
Result<TaskCounts> stats(storage::Database& db);
// The earliest next_at of a queued task, for a worker's sleep.
Result<std::optional<std::int64_t>> next_ready_at(storage::Database& db);

// The owner string of this process ("host:<pid>:<start ms>") and whether an owner of that form is
// still alive on this machine (/proc/<pid> exists); unknown forms are taken as alive (their lease
// decides).
std::string process_owner(std::int64_t start_ms);
bool process_owner_alive(std::string_view owner);

}  // namespace joblens::host::queue
