// The background queue's workers: a few threads, each with its own SQLite connection on the host's
// database (WAL lets them write while the message loop reads and writes on its own), claiming ready
// tasks from task_store and running them through the runner registered for their kind. A lease keeper
// thread renews the leases of running tasks, notices tasks cancelled or taken over (also by another
// host on the same database) and requeues tasks abandoned by dead hosts.
//
// Progress and completion are pushed as events through an EventSink (docs/queue.md); scoring and every
// other request never wait for a task.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "native-host/queue/task_store.hpp"
#include "native-host/storage/sqlite.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::queue {

// Events are cut to fit one host -> browser frame (protocol::kMaxOutboundFrame, 1 MiB; this unit does
// not link the protocol library, so the number is repeated here).
inline constexpr std::size_t kMaxEventBytes = 1u << 20;

// Receives one event body: {"type":"event","event":"task.<what>","data":{...}}. Called from worker
// threads and from the message loop, so it must be thread-safe (serve.cpp's FrameWriter is).
using EventSink = std::function<void(const nlohmann::json& event)>;

// What a runner sees of its task.
class TaskContext {
 public:
  virtual ~TaskContext() = default;
  virtual std::int64_t task_id() const = 0;
  virtual int attempt() const = 0;  // 1 on the first run
  // This worker's own connection to the host's database.
  virtual storage::Database& db() = 0;
  // Persists the fraction (0..1) and emits task.progress; rate-limited (calls closer together than
  // progress_every_ms are dropped, except the one reaching 1). `message`, if not null, is passed to
  // the extension as data.message.
  virtual void progress(double fraction, const nlohmann::json& message = nullptr) = 0;
  // True once the task was cancelled, taken over, or the host is shutting down: stop and return (any
  // value; it is discarded).
  virtual bool cancelled() const = 0;
  virtual std::int64_t now_ms() const = 0;
};

using TaskRunner = std::function<Result<nlohmann::json>(TaskContext& task, const nlohmann::json& payload)>;

struct WorkerPoolOptions {
  int workers = 2;
  std::int64_t lease_ms = 30'000;        // renewed every lease_ms / 3 while a task runs
  std::int64_t idle_poll_ms = 1'000;     // a sleeping worker looks again (tasks enqueued by another host)
  std::int64_t progress_every_ms = 250;  // at most one persisted progress per task this often
  std::function<std::int64_t()> now_ms;  // defaults to the system clock
  std::string owner;                     // defaults to process_owner(start time)
};

class WorkerPool {
 public:
  // Nothing runs until start(); the constructor only records where the database is.
  WorkerPool(std::string database_path, WorkerPoolOptions options = {});
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Registers (or replaces) the runner of a kind; call before start(). Its policy's max_attempts is
  // the default for tasks of the kind.
  void register_kind(const std::string& kind, TaskRunner runner, RetryPolicy policy = {});
  bool has_kind(const std::string& kind) const;
  std::vector<std::string> kinds() const;

  // Opens one connection per worker, requeues tasks left running by dead hosts, starts the threads.
  // Events go to `sink` (may be empty: no events).
  std::optional<Error> start(EventSink sink);
  // Stops claiming; running tasks are told to stop (cancelled() turns true) and are handed back to the
  // queue unfinished (release), then the threads are joined. Idempotent.
  void stop();
  bool running() const { return started_; }
  int worker_count() const { return started_ ? static_cast<int>(workers_.size()) : 0; }
  const std::string& owner() const { return options_.owner; }

  // Enqueues on the caller's connection (the message loop's), emits task.queued and wakes a worker.
  // An unregistered kind is `invalid_value`. `spec.max_attempts` <= 0 takes the kind's policy.
  Result<Enqueued> enqueue(storage::Database& db, TaskSpec spec);
  // Cancels on the caller's connection; a task running here stops at once (its runner's next
  // cancelled() check), one running in another host at its lease keeper's next renewal.
  Result<TaskState> cancel(storage::Database& db, std::int64_t id);
  // Wakes the workers (after tasks were enqueued behind the pool's back).
  void notify();
  // Any other event (e.g. the LLM layer's llm.budget_warning) through the same sink, from any thread;
  // dropped before start().
  void publish(const std::string& event, nlohmann::json data);

  std::int64_t now() const { return options_.now_ms(); }

 private:
  struct Kind {
    TaskRunner runner;
    RetryPolicy policy;
  };
  class RunContext;

  void worker_loop(storage::Database* db);
  void lease_keeper_loop(storage::Database* db);
  void run_one(storage::Database& db, Task task);
  void emit(const std::string& event, const Task& task, nlohmann::json extra = nlohmann::json::object());
  void sleep_until_ready(storage::Database& db, std::uint64_t seen_generation);

  std::string database_path_;
  WorkerPoolOptions options_;
  std::map<std::string, Kind> kinds_;
  std::vector<std::string> kind_names_;
  EventSink sink_;

  std::mutex mutex_;  // guards wake_generation_, running_ and the condition variable
  std::condition_variable wake_cv_;
  std::uint64_t wake_generation_ = 0;  // bumped by notify(): a worker that saw an older one looks again
  std::map<std::int64_t, std::shared_ptr<std::atomic<bool>>> running_;
  std::atomic<bool> stopping_{false};
  bool started_ = false;

  std::vector<std::unique_ptr<storage::Database>> connections_;  // one per worker, then the keeper's
  std::vector<std::thread> workers_;
  std::thread lease_keeper_;
};

// Trims an event to fit one outbound frame: a result or message too large is replaced by
// {"truncated": true} (queue.get has the whole result).
nlohmann::json fit_event(nlohmann::json event, std::size_t max_bytes);

}  // namespace joblens::host::queue
