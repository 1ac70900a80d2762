// llm.analyze, llm.answer, llm.cover_letter, llm.tailor; usage; status. Each feature answers at
// once: the model's finished answer when there is one, else the core's offline answer (flagged) and
// the task that will bring the model's; the extension asks again, or listens for task.done.
#include <algorithm>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/llm_features.hpp"
#include "native-host/llm/budget.hpp"
#include "native-host/llm/offline.hpp"
#include "native-host/llm/price_table.hpp"
#include "native-host/queue/task_store.hpp"
#include "shared/embed/hashed_embedding.hpp"
#include "shared/wire/error_json.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

// A task that failed for good is not tried again for this long, so an open panel polling every
// few seconds does not hammer a provider that is down.
constexpr std::int64_t kFailedQuietMs = 10 * 60 * 1000;
constexpr std::size_t kBatchSize = 5;  // postings per analyze request (llm.batch25 in docs/benchmarks.md)

// Whether AI work can be queued: a provider is configured and the queue exists.
bool llm_ready(Context& context) {
  return context.llm != nullptr && context.llm->config().configured() && context.queue != nullptr;
}

json offline_json(Context& context, std::string_view feature, const json& inputs, const std::string& reason,
                  const std::optional<Error>& error) {
  auto value = llm::offline_result(feature, context.engine, inputs, reason);
  json out{{"offline", true}, {"reason", reason}, {"result", value ? *value : json::object()}};
  if (error) out["error"] = error_json(*error);
  return out;
}

// The newest task for this key, if any.
Result<std::optional<queue::Task>> latest_task(storage::Database& db, const std::string& key) {
  auto stmt = db.prepare("SELECT id FROM tasks WHERE dedup_key = ? ORDER BY id DESC LIMIT 1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, key);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<queue::Task>();
  const std::int64_t id = (*stmt)->int64(0);
  (*stmt)->reset();
  return queue::get(db, id);
}

// One feature for one set of inputs: finished, pending, failed or offline.
Result<json> feature_reply(Context& context, std::string_view feature, const json& inputs, int priority) {
  const std::string key = result_key(feature, inputs);
  const std::int64_t now = context.now_ms();
  auto done = load_result(context.db, key, now);
  if (!done) return done.error();
  if (*done) {
    json out = std::move(**done);
    out["state"] = "done";
    return out;
  }
  if (!llm_ready(context)) {
    json out = offline_json(context, feature, inputs, "no AI provider is configured",
                            make_error(ErrorCode::llm_not_configured,
                                       "no AI provider is configured; add one in the options page"));
    out["state"] = "offline";
    return out;
  }
  auto task = latest_task(context.db, key);
  if (!task) return task.error();
  if (*task) {
    const queue::Task& t = **task;
    if (t.state == queue::TaskState::queued || t.state == queue::TaskState::running) {
      json out = offline_json(context, feature, inputs, "the AI answer is on its way", std::nullopt);
      out["state"] = std::string(queue::to_string(t.state));
      out["task_id"] = t.id;
      out["progress"] = t.progress;
      return out;
    }
    // A finished task whose answer was offline (budget, nothing configured then) or failed for good.
    if (t.state == queue::TaskState::done && t.result.is_object() && t.result.value("offline", false) &&
        now - t.updated_at < kFailedQuietMs) {
      json out = t.result;
      out["state"] = "offline";
      out["task_id"] = t.id;
      return out;
    }
    if (t.state == queue::TaskState::dead && now - t.updated_at < kFailedQuietMs) {
      std::optional<Error> error;
      if (t.last_error.is_object()) {
        error = make_error(static_cast<ErrorCode>(t.last_error.value("code", 4002)),
                           t.last_error.value("message", ""));
      }
      json out = offline_json(context, feature, inputs, "every AI provider failed; JobLens tries again later",
                              error);
      out["state"] = "failed";
      out["task_id"] = t.id;
      return out;
    }
  }
  queue::TaskSpec spec;
  spec.kind = llm_task_kind(feature);
  spec.payload = json{{"feature", feature}, {"inputs", inputs}, {"key", key}};
  spec.priority = priority;
  spec.dedup_key = key;
  auto enqueued = context.queue->enqueue(context.db, spec);
  if (!enqueued) return enqueued.error();
  json out = offline_json(context, feature, inputs, "the AI answer is on its way", std::nullopt);
  out["state"] = "queued";
  out["task_id"] = enqueued->id;
  out["progress"] = 0;
  return out;
}

std::string job_id_arg(const json& args) {
  return args.contains("id") ? args["id"].get<std::string>() : std::string();
}

Result<json> analyze(Context& context, const json& args) {
  if (!args.contains("ids")) {
    if (!args.contains("id"))
      return make_error(ErrorCode::missing_field, "llm.analyze: args.id (or args.ids) is required");
    auto inputs = job_inputs(context.db, "analyze", job_id_arg(args), json::object());
    if (!inputs) return inputs.error();
    return feature_reply(context, "analyze", *inputs, 10);
  }
  // Several postings: batched kBatchSize to a request, so a page of jobs costs a few requests.
  const json& ids = args["ids"];
  if (ids.empty() || ids.size() > 50)
    return make_error(ErrorCode::invalid_value, "llm.analyze: args.ids holds 1-50 job ids");
  json jobs = json::array();
  json batch = json::array();
  json tasks = json::array();
  const auto flush = [&]() -> std::optional<Error> {
    if (batch.empty()) return std::nullopt;
    queue::TaskSpec spec;
    spec.kind = llm_task_kind("analyze");
    spec.payload = json{{"feature", "analyze"}, {"batch", batch}};
    spec.priority = 5;
    auto enqueued = context.queue->enqueue(context.db, spec);
    if (!enqueued) return enqueued.error();
    tasks.push_back(enqueued->id);
    batch = json::array();
    return std::nullopt;
  };
  const bool configured = llm_ready(context);
  for (const json& id : ids) {
    if (!id.is_string()) return make_error(ErrorCode::wrong_type, "llm.analyze: args.ids holds strings");
    auto inputs = job_inputs(context.db, "analyze", id.get<std::string>(), json::object());
    if (!inputs) return inputs.error();
    const std::string key = result_key("analyze", *inputs);
    auto done = load_result(context.db, key, context.now_ms());
    if (!done) return done.error();
    json entry{{"id", id}, {"state", *done ? "done" : configured ? "queued" : "offline"}};
    if (!*done && configured) {
      batch.push_back({{"key", key}, {"inputs", *inputs}});
      if (batch.size() == kBatchSize) {
        if (auto error = flush()) return *error;
      }
    }
    jobs.push_back(std::move(entry));
  }
  if (configured) {
    if (auto error = flush()) return *error;
  }
  return json{{"jobs", jobs}, {"task_ids", tasks}};
}

Result<json> job_feature(Context& context, std::string_view feature, const json& args, const json& extra) {
  auto inputs = job_inputs(context.db, feature, job_id_arg(args), extra);
  if (!inputs) return inputs.error();
  return feature_reply(context, feature, *inputs, 10);
}

Result<json> answer(Context& context, const json& args) {
  const json& q = args.at("question");
  if (!q.contains("label") || !q["label"].is_string()) {
    return make_error(ErrorCode::missing_field, "llm.answer: args.question.label is required");
  }
  return job_feature(context, "answer", args, json{{"question", q}});
}

Result<json> cover_letter(Context& context, const json& args) {
  return job_feature(context, "cover_letter", args, json::object());
}

Result<json> tailor(Context& context, const json& args) {
  json extra = json::object();
  if (args.contains("resume")) extra["resume"] = args["resume"];
  return job_feature(context, "tailor", args, extra);
}

Result<llm::BudgetCaps> caps(Context& context) {
  if (context.llm == nullptr) return llm::BudgetCaps{};
  return llm::caps_from_settings(context.llm->config().budget);
}

Result<json> usage(Context& context, const json& args) {
  auto budget = caps(context);
  if (!budget) return budget.error();
  const int days = std::clamp(args.value("days", 30), 1, 366);
  return llm::usage_report(context.db, *budget, context.now_ms(), days);
}

Result<json> status(Context& context, const json&) {
  auto budget = caps(context);
  if (!budget) return budget.error();
  auto spent = llm::spent(context.db, context.now_ms());
  if (!spent) return spent.error();
  auto counts = queue::stats(context.db);
  if (!counts) return counts.error();
  json queue_json = counts->to_json();
  queue_json["workers"] = context.queue != nullptr ? context.queue->worker_count() : 0;
  const bool configured = context.llm != nullptr && context.llm->config().configured();
  const auto provider_embeddings = context.llm != nullptr ? context.llm->embedding_model() : std::nullopt;
  return json{{"version", context.version},
              {"llm",
               {{"configured", configured},
                {"providers", context.llm != nullptr ? context.llm->providers_status() : json::array()},
                {"embeddings", provider_embeddings.value_or(std::string(embed::kHashedModel))}}},
              {"queue", queue_json},
              {"spend",
               {{"today_usd", spent->day_usd},
                {"month_usd", spent->month_usd},
                {"today_tokens", spent->day_tokens},
                {"month_tokens", spent->month_tokens},
                {"budget_usd", budget->monthly_usd ? json(*budget->monthly_usd) : json(nullptr)},
                {"prices_as_of", llm::prices_as_of()}}}};
}

constexpr ArgSpec kAnalyzeArgs[] = {{"id", Kind::string}, {"ids", Kind::array}};
constexpr ArgSpec kAnswerArgs[] = {{"question", Kind::object, true}, {"id", Kind::string}};
constexpr ArgSpec kJobArgs[] = {{"id", Kind::string, true}};
constexpr ArgSpec kTailorArgs[] = {{"id", Kind::string, true}, {"resume", Kind::string}};
constexpr ArgSpec kUsageArgs[] = {{"days", Kind::integer}};

constexpr Route kRoutes[] = {
    {"llm.analyze", analyze, kAnalyzeArgs,
     "AI analysis of a job (or of several): the answer, or the offline one and its task"},
    {"llm.answer", answer, kAnswerArgs, "a screening question answered from the profile (never invented)"},
    {"llm.cover_letter", cover_letter, kJobArgs, "a cover-letter draft for a job from the profile"},
    {"llm.tailor", tailor, kTailorArgs, "resume tailoring suggestions for a job (no invented facts)"},
    {"usage", usage, kUsageArgs, "AI spend and tokens per feature, provider and day; cache hits"},
    {"status", status, {}, "host version, AI providers and their breakers, queue, spend"},
};

}  // namespace

std::span<const Route> llm_routes() { return kRoutes; }

}  // namespace joblens::host
