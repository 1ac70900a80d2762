// queue.enqueue / queue.get / queue.list / queue.cancel / queue.stats: the background queue
// (native-host/queue, docs/queue.md) as the extension sees it. Progress and results also arrive as
// events (docs/protocol.md, Events), so polling queue.get is only a fallback.
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/queue/worker_pool.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxPayloadBytes = 256u << 10;  // a task's payload is a request, not a document
constexpr int kMaxPriority = 1000;

Result<queue::WorkerPool*> pool_of(Context& context, std::string_view type) {
  if (context.queue == nullptr) {
    return make_error(ErrorCode::internal, std::string(type) + ": the background queue is not available");
  }
  return context.queue;
}

Result<json> queue_enqueue(Context& context, const json& args) {
  auto pool = pool_of(context, "queue.enqueue");
  if (!pool) return pool.error();
  queue::TaskSpec spec;
  spec.kind = arg_string(args, "kind");
  if (!(*pool)->has_kind(spec.kind)) {
    return make_error(ErrorCode::invalid_value,
                      "queue.enqueue: args.kind '" + spec.kind + "' is not a task kind this host runs");
  }
  if (const auto payload = args.find("payload"); payload != args.end() && !payload->is_null()) {
    spec.payload = *payload;
    if (storage::dump(spec.payload).size() > kMaxPayloadBytes) {
      return make_error(ErrorCode::too_large, "queue.enqueue: args.payload is over 256 KiB");
    }
  }
  const std::int64_t priority = arg_int(args, "priority", 0);
  if (priority < -kMaxPriority || priority > kMaxPriority) {
    return make_error(ErrorCode::invalid_value, "queue.enqueue: args.priority must be from -1000 to 1000");
  }
  spec.priority = static_cast<int>(priority);
  spec.dedup_key = arg_optional_string(args, "dedup_key");
  if (spec.dedup_key && (spec.dedup_key->empty() || spec.dedup_key->size() > 512)) {
    return make_error(ErrorCode::invalid_value, "queue.enqueue: args.dedup_key must be 1-512 characters");
  }
  spec.max_attempts = 0;  // the kind's policy
  auto enqueued = (*pool)->enqueue(context.db, spec);
  if (!enqueued) return enqueued.error();
  auto task = queue::get(context.db, enqueued->id);
  if (!task) return task.error();
  const std::string state = *task ? std::string(queue::to_string((*task)->state)) : "queued";
  return json{{"task_id", enqueued->id}, {"state", state}, {"created", enqueued->created}};
}

Result<json> queue_get(Context& context, const json& args) {
  const std::int64_t id = arg_int(args, "id", 0);
  auto task = queue::get(context.db, id);
  if (!task) return task.error();
  if (!*task) return make_error(ErrorCode::not_found, "queue.get: no task " + std::to_string(id));
  return json{{"task", (*task)->to_json()}};
}

Result<json> queue_list(Context& context, const json& args) {
  std::optional<queue::TaskState> state;
  if (auto text = arg_optional_string(args, "state")) {
    state = queue::parse_task_state(*text);
    if (!state) {
      return make_error(ErrorCode::invalid_value,
                        "queue.list: args.state must be queued, running, done, dead or cancelled");
    }
  }
  auto limit = arg_limit(args, 50, 500);
  if (!limit) return limit.error();
  auto tasks = queue::list(context.db, state, static_cast<int>(*limit));
  if (!tasks) return tasks.error();
  json out = json::array();
  for (const queue::Task& task : *tasks) out.push_back(task.to_json());
  return json{{"tasks", std::move(out)}};
}

Result<json> queue_cancel(Context& context, const json& args) {
  auto pool = pool_of(context, "queue.cancel");
  if (!pool) return pool.error();
  const std::int64_t id = arg_int(args, "id", 0);
  auto state = (*pool)->cancel(context.db, id);
  if (!state) return state.error();
  return json{{"task_id", id}, {"state", queue::to_string(*state)}};
}

Result<json> queue_stats(Context& context, const json&) {
  auto pool = pool_of(context, "queue.stats");
  if (!pool) return pool.error();
  auto counts = queue::stats(context.db);
  if (!counts) return counts.error();
  return json{
      {"counts", counts->to_json()}, {"workers", (*pool)->worker_count()}, {"kinds", (*pool)->kinds()}};
}

constexpr ArgSpec kEnqueueArgs[] = {{"kind", Kind::string, true},
                                    {"payload", Kind::object},
                                    {"priority", Kind::integer},
                                    {"dedup_key", Kind::string}};
constexpr ArgSpec kIdArgs[] = {{"id", Kind::integer, true}};
constexpr ArgSpec kListArgs[] = {{"state", Kind::string}, {"limit", Kind::integer}};

constexpr Route kRoutes[] = {
    {"queue.cancel", queue_cancel, kIdArgs, "cancels a queued or running background task"},
    {"queue.enqueue", queue_enqueue, kEnqueueArgs, "queues background work of a registered kind"},
    {"queue.get", queue_get, kIdArgs, "one background task: state, progress, result or last error"},
    {"queue.list", queue_list, kListArgs, "background tasks, newest first, optionally of one state"},
    {"queue.stats", queue_stats, {}, "background task counts by state, workers and kinds"},
};

}  // namespace

std::span<const Route> queue_routes() { return kRoutes; }

}  // namespace joblens::host
