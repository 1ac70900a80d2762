#include "native-host/queue/task_store.hpp"
#include "shared/wire/error_json.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "native-host/storage/rows.hpp"

namespace joblens::host::queue {

namespace {

using nlohmann::json;

constexpr const char* kTaskColumns =
    "id, kind, payload, dedup_key, priority, state, attempts, max_attempts, next_at, lease_owner, "
    "lease_until, progress, result, last_error, completions, created_at, updated_at";

Task read_task(const storage::Statement& row) {
  Task task;
  task.id = row.int64(0);
  task.kind = row.text(1);
  task.payload = storage::json_column(row, 2);
  task.dedup_key = row.optional_text(3);
  task.priority = static_cast<int>(row.int64(4));
  task.state = parse_task_state(row.text(5)).value_or(TaskState::dead);
  task.attempts = static_cast<int>(row.int64(6));
  task.max_attempts = static_cast<int>(row.int64(7));
  task.next_at = row.int64(8);
  task.lease_owner = row.optional_text(9);
  if (!row.is_null(10)) task.lease_until = row.int64(10);
  task.progress = row.real(11);
  if (!row.is_null(12)) task.result = storage::json_column(row, 12);
  if (!row.is_null(13)) task.last_error = storage::json_column(row, 13);
  task.completions = static_cast<int>(row.int64(14));
  task.created_at = row.int64(15);
  task.updated_at = row.int64(16);
  return task;
}

Error lost_lease(std::int64_t id) {
  return make_error(
      ErrorCode::conflict,
      "task " + std::to_string(id) + " is no longer running under this host (cancelled or taken over)");
}

}  // namespace

std::string_view to_string(TaskState state) {
  switch (state) {
    case TaskState::queued:
      return "queued";
    case TaskState::running:
      return "running";
    case TaskState::done:
      return "done";
    case TaskState::dead:
      return "dead";
    case TaskState::cancelled:
      return "cancelled";
  }
  return "dead";
}

std::optional<TaskState> parse_task_state(std::string_view text) {
  for (TaskState s :
       {TaskState::queued, TaskState::running, TaskState::done, TaskState::dead, TaskState::cancelled}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::int64_t backoff_delay_ms(const RetryPolicy& policy, int attempts, double jitter01) {
  std::int64_t delay = std::max<std::int64_t>(policy.base_ms, 1);
  for (int i = 1; i < attempts && delay < policy.cap_ms; ++i) delay *= 2;
  delay = std::min(delay, policy.cap_ms);
  const double jitter = std::clamp(jitter01, 0.0, 1.0);
  return delay / 2 + static_cast<std::int64_t>(jitter * static_cast<double>(delay - delay / 2));
}

bool is_retryable(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_json:
    case ErrorCode::invalid_utf8:
    case ErrorCode::missing_field:
    case ErrorCode::wrong_type:
    case ErrorCode::invalid_value:
    case ErrorCode::too_large:
    case ErrorCode::empty_input:
    case ErrorCode::unknown_type:
    case ErrorCode::not_found:
    case ErrorCode::schema_too_new:
    case ErrorCode::tool_missing:
    case ErrorCode::unsupported_format:
    case ErrorCode::permission_denied:
    case ErrorCode::bad_message:
    case ErrorCode::llm_not_configured:
    case ErrorCode::budget_exceeded:
    case ErrorCode::cancelled:
      return false;
    default:
      return true;
  }
}

json Task::to_json() const {
  json out{{"id", id},
           {"kind", kind},
           {"payload", payload},
           {"dedup_key", dedup_key ? json(*dedup_key) : json()},
           {"priority", priority},
           {"state", to_string(state)},
           {"attempts", attempts},
           {"max_attempts", max_attempts},
           {"next_at", next_at},
           {"progress", progress},
           {"result", result},
           {"last_error", last_error},
           {"completions", completions},
           {"created_at", created_at},
           {"updated_at", updated_at}};
  return out;
}

json TaskCounts::to_json() const {
  return json{
      {"queued", queued}, {"running", running}, {"done", done}, {"dead", dead}, {"cancelled", cancelled}};
}

Result<Enqueued> enqueue(storage::Database& db, const TaskSpec& spec, std::int64_t now) {
  // One write transaction: the dedup look-up and the insert are atomic across hosts.
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  if (spec.dedup_key) {
    auto existing = db.prepare("SELECT id FROM tasks WHERE dedup_key = ? AND state IN ('queued','running')");
    if (!existing) return existing.error();
    (*existing)->bind(1, *spec.dedup_key);
    auto row = (*existing)->step();
    if (!row) return row.error();
    if (*row) return Enqueued{(*existing)->int64(0), false};
  }
  auto insert = db.prepare(
      "INSERT INTO tasks (kind, payload, dedup_key, priority, state, max_attempts, next_at, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?6, ?6)");
  if (!insert) return insert.error();
  (*insert)->bind(1, spec.kind).bind(2, storage::dump(spec.payload)).bind(3, spec.dedup_key);
  (*insert)->bind(4, spec.priority).bind(5, std::max(spec.max_attempts, 1)).bind(6, now);
  if (auto error = (*insert)->run()) return *error;
  const std::int64_t id = db.last_insert_rowid();
  if (auto error = (*tx)->commit()) return *error;
  return Enqueued{id, true};
}

Result<std::optional<Task>> claim(storage::Database& db, std::string_view owner, std::int64_t now,
                                  std::int64_t lease_ms, const std::vector<std::string>& kinds) {
  json kind_list = json::array();
  for (const std::string& kind : kinds) kind_list.push_back(kind);
  auto stmt =
      db.prepare(std::string("UPDATE tasks SET state = 'running', lease_owner = ?1, lease_until = ?2 + ?3, "
                             "attempts = attempts + 1, updated_at = ?2 WHERE id = (SELECT id FROM tasks "
                             "WHERE state = 'queued' AND next_at <= ?2 AND (?4 = '[]' OR kind IN "
                             "(SELECT value FROM json_each(?4))) ORDER BY priority DESC, id LIMIT 1) "
                             "RETURNING ") +
                 kTaskColumns);
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, owner).bind(2, now).bind(3, lease_ms).bind(4, storage::dump(kind_list));
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Task>();
  Task task = read_task(**stmt);
  // Step to the end so that the UPDATE is finished before the statement is reset.
  if (auto error = (*stmt)->run()) return *error;
  return std::optional<Task>(std::move(task));
}

std::optional<Error> complete(storage::Database& db, std::int64_t id, std::string_view owner,
                              const json& result, std::int64_t now) {
  auto stmt = db.prepare(
      "UPDATE tasks SET state = 'done', result = ?3, progress = 1, completions = completions + 1, "
      "lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = ?4 "
      "WHERE id = ?1 AND state = 'running' AND lease_owner = ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id).bind(2, owner).bind(3, storage::dump(result)).bind(4, now);
  if (auto error = (*stmt)->run()) return error;
  if (db.changes() != 1) return lost_lease(id);
  return std::nullopt;
}

Result<FailOutcome> fail(storage::Database& db, std::int64_t id, std::string_view owner, const Error& error,
                         std::int64_t now, const RetryPolicy& policy) {
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  int attempts = 0;
  int max_attempts = 0;
  {
    auto read = db.prepare(
        "SELECT attempts, max_attempts FROM tasks WHERE id = ? AND state = 'running' AND lease_owner = ?");
    if (!read) return read.error();
    (*read)->bind(1, id).bind(2, owner);
    auto row = (*read)->step();
    if (!row) return row.error();
    if (!*row) return lost_lease(id);
    attempts = static_cast<int>((*read)->int64(0));
    max_attempts = static_cast<int>((*read)->int64(1));
  }  // reset here, so that no read is pending when the transaction commits
  FailOutcome outcome;
  if (!is_retryable(error.code) || attempts >= max_attempts) {
    outcome.state = TaskState::dead;
    outcome.next_at = now;
  } else {
    // std::random_device per call would be slow on some systems; one generator per thread is enough
    // for spreading retries.
    thread_local std::uint64_t seed = static_cast<std::uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ull ^
                                      static_cast<std::uint64_t>(now) ^
                                      reinterpret_cast<std::uintptr_t>(&seed);
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;  // LCG: only jitter, not secrets
    const double jitter01 = static_cast<double>(seed >> 11) / static_cast<double>(1ull << 53);
    outcome.state = TaskState::queued;
    outcome.next_at = now + backoff_delay_ms(policy, attempts, jitter01);
  }
  auto update = db.prepare(
      "UPDATE tasks SET state = ?3, next_at = ?4, last_error = ?5, lease_owner = NULL, lease_until = NULL, "
      "updated_at = ?6 WHERE id = ?1 AND lease_owner = ?2");
  if (!update) return update.error();
  (*update)->bind(1, id).bind(2, owner).bind(3, to_string(outcome.state)).bind(4, outcome.next_at);
  (*update)->bind(5, storage::dump(error_json(error))).bind(6, now);
  if (auto e = (*update)->run()) return *e;
  if (auto e = (*tx)->commit()) return *e;
  return outcome;
}

std::optional<Error> release(storage::Database& db, std::int64_t id, std::string_view owner,
                             std::int64_t now) {
  auto stmt = db.prepare(
      "UPDATE tasks SET state = 'queued', attempts = MAX(attempts - 1, 0), lease_owner = NULL, "
      "lease_until = NULL, next_at = ?3, updated_at = ?3 WHERE id = ?1 AND state = 'running' AND lease_owner "
      "= ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id).bind(2, owner).bind(3, now);
  if (auto error = (*stmt)->run()) return error;
  if (db.changes() != 1) return lost_lease(id);
  return std::nullopt;
}

Result<TaskState> cancel(storage::Database& db, std::int64_t id, std::int64_t now) {
  auto stmt = db.prepare(
      "UPDATE tasks SET state = 'cancelled', updated_at = ?2 WHERE id = ?1 AND state IN "
      "('queued','running')");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id).bind(2, now);
  if (auto error = (*stmt)->run()) return *error;
  auto task = get(db, id);
  if (!task) return task.error();
  if (!*task) return make_error(ErrorCode::not_found, "queue.cancel: no task " + std::to_string(id));
  return (*task)->state;
}

Result<std::vector<std::int64_t>> renew_leases(storage::Database& db, std::string_view owner,
                                               std::int64_t now, std::int64_t lease_ms,
                                               const std::vector<std::int64_t>& watched) {
  auto renew =
      db.prepare("UPDATE tasks SET lease_until = ?2 + ?3 WHERE state = 'running' AND lease_owner = ?1");
  if (!renew) return renew.error();
  (*renew)->bind(1, owner).bind(2, now).bind(3, lease_ms);
  if (auto error = (*renew)->run()) return *error;
  std::vector<std::int64_t> lost;
  for (std::int64_t id : watched) {
    auto check = db.prepare("SELECT 1 FROM tasks WHERE id = ? AND state = 'running' AND lease_owner = ?");
    if (!check) return check.error();
    (*check)->bind(1, id).bind(2, owner);
    auto row = (*check)->step();
    if (!row) return row.error();
    if (!*row) lost.push_back(id);
  }
  return lost;
}

Result<int> recover(storage::Database& db, std::string_view owner, std::int64_t now, OwnerAlive owner_alive) {
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto running = db.prepare(
      "SELECT id, lease_owner, lease_until, attempts, max_attempts FROM tasks WHERE state = 'running'");
  if (!running) return running.error();
  struct Abandoned {
    std::int64_t id;
    bool out_of_attempts;
  };
  std::vector<Abandoned> abandoned;
  for (;;) {
    auto row = (*running)->step();
    if (!row) return row.error();
    if (!*row) break;
    const std::string holder = (*running)->text(1);
    if (holder == owner) continue;  // our own workers hold it
    const bool expired = (*running)->is_null(2) || (*running)->int64(2) < now;
    if (expired || (owner_alive != nullptr && !owner_alive(holder))) {
      abandoned.push_back({(*running)->int64(0), (*running)->int64(3) >= (*running)->int64(4)});
    }
  }
  const std::string abandoned_error = storage::dump(error_json(make_error(
      ErrorCode::internal, "the task was abandoned by its host (crashed or killed) on its last attempt")));
  for (const Abandoned& task : abandoned) {
    // A task that was on its last attempt when its host died may be what kills the host: dead, not again.
    auto update = db.prepare(
        "UPDATE tasks SET state = ?2, last_error = CASE WHEN ?2 = 'dead' THEN ?4 ELSE last_error END, "
        "lease_owner = NULL, lease_until = NULL, next_at = ?3, updated_at = ?3 WHERE id = ?1 AND state = "
        "'running'");
    if (!update) return update.error();
    (*update)
        ->bind(1, task.id)
        .bind(2, task.out_of_attempts ? "dead" : "queued")
        .bind(3, now)
        .bind(4, abandoned_error);
    if (auto error = (*update)->run()) return *error;
  }
  if (auto error = (*tx)->commit()) return *error;
  return static_cast<int>(abandoned.size());
}

std::optional<Error> progress(storage::Database& db, std::int64_t id, std::string_view owner, double fraction,
                              std::int64_t now) {
  auto stmt = db.prepare(
      "UPDATE tasks SET progress = ?3, updated_at = ?4 WHERE id = ?1 AND state = 'running' AND lease_owner = "
      "?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id).bind(2, owner).bind(3, std::clamp(fraction, 0.0, 1.0)).bind(4, now);
  if (auto error = (*stmt)->run()) return error;
  if (db.changes() != 1) return lost_lease(id);
  return std::nullopt;
}

Result<std::optional<Task>> get(storage::Database& db, std::int64_t id) {
  auto stmt = db.prepare(std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = ?");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, id);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Task>();
  return std::optional<Task>(read_task(**stmt));
}

Result<std::vector<Task>> list(storage::Database& db, std::optional<TaskState> state, int limit) {
  auto stmt = db.prepare(std::string("SELECT ") + kTaskColumns +
                         " FROM tasks WHERE (?1 IS NULL OR state = ?1) ORDER BY id DESC LIMIT ?2");
  if (!stmt) return stmt.error();
  if (state) (*stmt)->bind(1, to_string(*state));
  (*stmt)->bind(2, limit);
  std::vector<Task> tasks;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    tasks.push_back(read_task(**stmt));
  }
  return tasks;
}

Result<TaskCounts> stats(storage::Database& db) {
  auto stmt = db.prepare("SELECT state, COUNT(*) FROM tasks GROUP BY state");
  if (!stmt) return stmt.error();
  TaskCounts counts;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    const std::int64_t n = (*stmt)->int64(1);
    switch (parse_task_state((*stmt)->text(0)).value_or(TaskState::dead)) {
      case TaskState::queued:
        counts.queued = n;
        break;
      case TaskState::running:
        counts.running = n;
        break;
      case TaskState::done:
        counts.done = n;
        break;
      case TaskState::dead:
        counts.dead = n;
        break;
      case TaskState::cancelled:
        counts.cancelled = n;
        break;
    }
  }
  return counts;
}

Result<std::optional<std::int64_t>> next_ready_at(storage::Database& db) {
  auto stmt = db.prepare("SELECT MIN(next_at) FROM tasks WHERE state = 'queued'");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row || (*stmt)->is_null(0)) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*stmt)->int64(0));
}

std::string process_owner(std::int64_t start_ms) {
  return "host:" + std::to_string(::getpid()) + ":" + std::to_string(start_ms);
}

bool process_owner_alive(std::string_view owner) {
  constexpr std::string_view prefix = "host:";
  if (owner.substr(0, prefix.size()) != prefix) return true;
  const std::string_view rest = owner.substr(prefix.size());
  long pid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc() || end == rest.data() || pid <= 0) return true;
  if (pid == ::getpid()) return true;  // another pool in this very process (tests); its lease decides
  std::error_code error;
  return std::filesystem::exists("/proc/" + std::to_string(pid), error) || error;
}

}  // namespace joblens::host::queue
