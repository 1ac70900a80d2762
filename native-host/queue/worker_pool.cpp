#include "native-host/queue/worker_pool.hpp"
#include "shared/wire/error_json.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

namespace joblens::host::queue {

namespace {

using nlohmann::json;

std::int64_t system_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void log_error(const char* doing, const Error& error) {
  std::fprintf(stderr, "joblens-host: queue: %s: %s\n", doing, error.message.c_str());
}

}  // namespace

json fit_event(json event, std::size_t max_bytes) {
  // The envelope and the small fields are far below any sane limit; only a result or a message can
  // be large, so those are what is cut.
  for (const char* key : {"result", "message", "error"}) {
    if (event.dump().size() <= max_bytes) break;
    if (event["data"].contains(key)) event["data"][key] = json{{"truncated", true}};
  }
  return event;
}

// The TaskContext a runner gets: the task, this worker's connection, and its stop flag.
class WorkerPool::RunContext final : public TaskContext {
 public:
  RunContext(WorkerPool& pool, storage::Database& db, Task& task, std::shared_ptr<std::atomic<bool>> stop)
      : pool_(pool), db_(db), task_(task), stop_(std::move(stop)), last_progress_at_(pool.now()) {}

  std::int64_t task_id() const override { return task_.id; }
  int attempt() const override { return task_.attempts; }
  storage::Database& db() override { return db_; }
  bool cancelled() const override { return stop_->load() || pool_.stopping_.load(); }
  std::int64_t now_ms() const override { return pool_.now(); }

  void progress(double fraction, const json& message) override {
    const std::int64_t now = pool_.now();
    fraction = std::clamp(fraction, 0.0, 1.0);
    // Quick tasks report nothing but their end: the first report waits one interval too.
    if (fraction < 1.0 && now - last_progress_at_ < pool_.options_.progress_every_ms) return;
    last_progress_at_ = now;
    if (auto error = queue::progress(db_, task_.id, pool_.options_.owner, fraction, now)) {
      if (error->code == ErrorCode::conflict) stop_->store(true);  // cancelled or taken over
      return;
    }
    task_.progress = fraction;
    json extra = json::object();
    if (!message.is_null()) extra["message"] = message;
    pool_.emit("task.progress", task_, std::move(extra));
  }

 private:
  WorkerPool& pool_;
  storage::Database& db_;
  Task& task_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::int64_t last_progress_at_;
};

WorkerPool::WorkerPool(std::string database_path, WorkerPoolOptions options)
    : database_path_(std::move(database_path)), options_(std::move(options)) {
  if (!options_.now_ms) options_.now_ms = system_clock_ms;
  if (options_.owner.empty()) options_.owner = process_owner(options_.now_ms());
  options_.workers = std::max(options_.workers, 1);
  options_.lease_ms = std::max<std::int64_t>(options_.lease_ms, 300);
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::register_kind(const std::string& kind, TaskRunner runner, RetryPolicy policy) {
  kinds_[kind] = Kind{std::move(runner), policy};
  kind_names_.clear();
  for (const auto& entry : kinds_) kind_names_.push_back(entry.first);
}

bool WorkerPool::has_kind(const std::string& kind) const { return kinds_.count(kind) == 1; }
std::vector<std::string> WorkerPool::kinds() const { return kind_names_; }

std::optional<Error> WorkerPool::start(EventSink sink) {
  if (started_) return std::nullopt;
  sink_ = std::move(sink);
  stopping_ = false;
  connections_.clear();
  for (int i = 0; i <= options_.workers; ++i) {  // the last one is the lease keeper's
    auto db = storage::Database::open(database_path_);
    if (!db) return db.error();
    connections_.push_back(std::make_unique<storage::Database>(std::move(*db)));
  }
  // Tasks left running by a host that crashed (or was killed) run again now rather than after their lease.
  if (auto recovered = recover(*connections_.back(), options_.owner, now(), process_owner_alive);
      !recovered) {
    return recovered.error();
  }
  started_ = true;
  for (int i = 0; i < options_.workers; ++i) {
    workers_.emplace_back([this, i] { worker_loop(connections_[static_cast<std::size_t>(i)].get()); });
  }
  lease_keeper_ = std::thread([this] { lease_keeper_loop(connections_.back().get()); });
  return std::nullopt;
}

void WorkerPool::stop() {
  if (!started_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& entry : running_) entry.second->store(true);
    ++wake_generation_;
  }
  wake_cv_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  if (lease_keeper_.joinable()) lease_keeper_.join();
  workers_.clear();
  connections_.clear();
  started_ = false;
}

void WorkerPool::notify() {
  {
    std::lock_guard lock(mutex_);
    ++wake_generation_;
  }
  wake_cv_.notify_all();
}

Result<Enqueued> WorkerPool::enqueue(storage::Database& db, TaskSpec spec) {
  const auto kind = kinds_.find(spec.kind);
  if (kind == kinds_.end()) {
    return make_error(ErrorCode::invalid_value, "queue: no task kind '" + spec.kind + "' is registered");
  }
  if (spec.max_attempts <= 0) spec.max_attempts = kind->second.policy.max_attempts;
  auto enqueued = queue::enqueue(db, spec, now());
  if (!enqueued) return enqueued;
  if (enqueued->created) {
    Task task;
    task.id = enqueued->id;
    task.kind = spec.kind;
    task.state = TaskState::queued;
    emit("task.queued", task);
    notify();
  }
  return enqueued;
}

Result<TaskState> WorkerPool::cancel(storage::Database& db, std::int64_t id) {
  auto before = get(db, id);
  if (!before) return before.error();
  if (!*before) return make_error(ErrorCode::not_found, "queue.cancel: no task " + std::to_string(id));
  auto state = queue::cancel(db, id, now());
  if (!state) return state;
  const bool live = (*before)->state == TaskState::queued || (*before)->state == TaskState::running;
  if (*state == TaskState::cancelled && live) {
    {
      std::lock_guard lock(mutex_);
      if (auto running = running_.find(id); running != running_.end()) running->second->store(true);
    }
    Task task = **before;
    task.state = TaskState::cancelled;
    emit("task.cancelled", task);
  }
  return state;
}

void WorkerPool::publish(const std::string& event, json data) {
  if (!started_ || !sink_) return;
  try {
    sink_(fit_event(json{{"type", "event"}, {"event", event}, {"data", std::move(data)}}, kMaxEventBytes));
  } catch (...) {
    // As in emit(): an event that cannot be written is lost, nothing else.
  }
}

void WorkerPool::emit(const std::string& event, const Task& task, json extra) {
  if (!sink_) return;
  json data{{"task_id", task.id},
            {"kind", task.kind},
            {"state", to_string(task.state)},
            {"progress", task.progress},
            {"attempts", task.attempts}};
  for (auto& [key, value] : extra.items()) data[key] = std::move(value);
  json body{{"type", "event"}, {"event", event}, {"data", std::move(data)}};
  try {
    sink_(fit_event(std::move(body), kMaxEventBytes));
  } catch (...) {
    // An event that cannot be written is lost; the task's row still holds the truth.
  }
}

void WorkerPool::worker_loop(storage::Database* db) {
  while (!stopping_) {
    std::uint64_t seen;
    {
      std::lock_guard lock(mutex_);
      seen = wake_generation_;
    }
    auto task = claim(*db, options_.owner, now(), options_.lease_ms, kind_names_);
    if (!task) {
      log_error("claiming a task", task.error());
      sleep_until_ready(*db, seen);
      continue;
    }
    if (!*task) {
      sleep_until_ready(*db, seen);
      continue;
    }
    run_one(*db, std::move(**task));
  }
}

void WorkerPool::sleep_until_ready(storage::Database& db, std::uint64_t seen_generation) {
  std::int64_t wait_ms = options_.idle_poll_ms;
  if (auto next = next_ready_at(db); next && *next) {
    const std::int64_t until = **next - now();
    if (until > 0) wait_ms = std::min(wait_ms, until);
  }
  std::unique_lock lock(mutex_);
  wake_cv_.wait_for(lock, std::chrono::milliseconds(std::max<std::int64_t>(wait_ms, 1)),
                    [&] { return stopping_ || wake_generation_ != seen_generation; });
}

void WorkerPool::run_one(storage::Database& db, Task task) {
  auto stop_flag = std::make_shared<std::atomic<bool>>(false);
  {
    std::lock_guard lock(mutex_);
    running_[task.id] = stop_flag;
    if (stopping_) stop_flag->store(true);
  }
  const Kind& kind = kinds_.at(task.kind);  // claim() only hands out registered kinds
  RunContext context(*this, db, task, stop_flag);
  Result<json> result = make_error(ErrorCode::internal, "the task did not run");
  // The one place a runner's exception stops: it becomes a failed attempt, never a dead worker.
  try {
    result = kind.runner(context, task.payload);
  } catch (const std::exception& e) {
    result = make_error(ErrorCode::internal, task.kind + ": " + e.what());
  } catch (...) {
    result = make_error(ErrorCode::internal, task.kind + ": unknown failure");
  }
  {
    std::lock_guard lock(mutex_);
    running_.erase(task.id);
  }
  const std::int64_t finished_at = now();
  if (result) {
    // A finished result is kept even during shutdown; complete() refuses it if the task was
    // cancelled or taken over meanwhile, so it is never completed twice.
    if (auto error = complete(db, task.id, options_.owner, *result, finished_at)) {
      if (error->code != ErrorCode::conflict) log_error("completing a task", *error);
      return;
    }
    task.state = TaskState::done;
    task.progress = 1;
    emit("task.done", task, json{{"result", *result}});
    return;
  }
  if (stop_flag->load()) {
    // Stopped from outside: cancelled or taken over (nothing to do), or the host is shutting down
    // (hand it back unfinished so that the next host runs it without charging an attempt).
    if (stopping_) {
      if (auto error = release(db, task.id, options_.owner, finished_at);
          error && error->code != ErrorCode::conflict) {
        log_error("releasing a task", *error);
      }
    }
    return;
  }
  auto outcome = fail(db, task.id, options_.owner, result.error(), finished_at, kind.policy);
  if (!outcome) {
    if (outcome.error().code != ErrorCode::conflict) log_error("failing a task", outcome.error());
    return;
  }
  task.state = outcome->state;
  json extra{{"error", error_json(result.error())}};
  if (outcome->state == TaskState::queued) extra["next_at"] = outcome->next_at;
  emit(outcome->state == TaskState::dead ? "task.dead" : "task.failed", task, std::move(extra));
  if (outcome->state == TaskState::queued) notify();  // a sleeping worker must learn the new next_at
}

void WorkerPool::lease_keeper_loop(storage::Database* db) {
  const auto interval = std::chrono::milliseconds(std::min<std::int64_t>(options_.lease_ms / 3, 1000));
  while (!stopping_) {
    {
      std::unique_lock lock(mutex_);
      wake_cv_.wait_for(lock, interval, [&] { return stopping_.load(); });
    }
    if (stopping_) break;
    std::vector<std::int64_t> watched;
    {
      std::lock_guard lock(mutex_);
      for (const auto& entry : running_) watched.push_back(entry.first);
    }
    auto lost = renew_leases(*db, options_.owner, now(), options_.lease_ms, watched);
    if (!lost) {
      log_error("renewing leases", lost.error());
    } else if (!lost->empty()) {
      std::lock_guard lock(mutex_);
      for (std::int64_t id : *lost) {
        if (auto running = running_.find(id); running != running_.end()) running->second->store(true);
      }
    }
    // Another host on this database may have died with tasks running.
    auto recovered = recover(*db, options_.owner, now(), process_owner_alive);
    if (!recovered) {
      log_error("recovering abandoned tasks", recovered.error());
    } else if (*recovered > 0) {
      notify();
    }
  }
}

}  // namespace joblens::host::queue
