#include "native-host/handlers/llm_features.hpp"

#include "native-host/handlers/job_rows.hpp"
#include "native-host/handlers/profile_store.hpp"
#include "native-host/llm/response_cache.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr const char* kResultNamespace = "llm.result";

bool needs_profile(std::string_view feature) { return feature != "analyze"; }

// What a model may read of a stored job: the posting, not our bookkeeping.
json posting(const json& stored) {
  json job{{"id", stored.value("id", "")},
           {"title", stored.value("title", "")},
           {"company", stored.value("company", "")},
           {"location", stored.value("location", "")},
           {"description", stored.value("description", "")}};
  for (const char* optional : {"salary", "workplace", "employment_type"}) {
    if (stored.contains(optional) && stored[optional].is_string()) job[optional] = stored[optional];
  }
  return job;
}

// Retrying helps when providers failed for a while (rate limits, outages); not when nothing is
// configured or the budget is spent.
bool worth_retrying(const llm::FeatureResult& result) {
  return result.offline && result.error &&
         (result.error->code == ErrorCode::llm_failed || result.error->code == ErrorCode::rate_limited ||
          result.error->code == ErrorCode::provider_timeout ||
          result.error->code == ErrorCode::provider_error);
}

class TaskCancel {
 public:
  explicit TaskCancel(queue::TaskContext& task) : task_(task) {}
  // Polled by the chain between attempts and by libcurl's progress callback.
  const std::atomic<bool>* flag() {
    flag_.store(task_.cancelled());
    return &flag_;
  }

 private:
  queue::TaskContext& task_;
  std::atomic<bool> flag_{false};
};

Result<json> run_one(queue::TaskContext& task, const json& payload, const llm::LlmService& service,
                     const Engine& engine, const llm::LlmEventFn& events) {
  const std::string feature = payload.value("feature", "");
  const json& inputs = payload.at("inputs");
  TaskCancel cancel(task);
  llm::RunOptions options;
  options.cancel = cancel.flag();
  options.events = events;
  options.progress = [&task, &cancel](std::size_t chars) {
    cancel.flag();
    // Streamed output: a rough fraction against a typical reply of ~3,000 characters.
    task.progress(std::min(0.95, static_cast<double>(chars) / 3000.0), json{{"chars", chars}});
  };
  llm::FeatureResult result = service.run(task.db(), engine, feature, inputs, options);
  if (worth_retrying(result)) return *result.error;
  json out = result.to_json();
  if (!result.offline) {
    const auto ttl = static_cast<std::int64_t>(service.config().cache_ttl_hours * 3600 * 1000);
    if (auto error = store_result(task.db(), payload.value("key", ""), out, ttl, task.now_ms()))
      return *error;
  }
  return out;
}

// Several postings in one request (analyze_batch): the answers are stored one per job, so each job's
// llm.analyze finds its own.
Result<json> run_batch(queue::TaskContext& task, const json& payload, const llm::LlmService& service,
                       const Engine& engine, const llm::LlmEventFn& events) {
  json jobs = json::array();
  for (const json& item : payload.at("batch")) jobs.push_back(item.at("inputs").at("job"));
  TaskCancel cancel(task);
  llm::RunOptions options;
  options.cancel = cancel.flag();
  options.events = events;
  llm::FeatureResult result = service.run(task.db(), engine, "analyze_batch", json{{"jobs", jobs}}, options);
  if (worth_retrying(result)) return *result.error;
  if (result.offline) return result.to_json();
  const json& analyses = result.value.at("analyses");
  const auto ttl = static_cast<std::int64_t>(service.config().cache_ttl_hours * 3600 * 1000);
  json stored = json::array();
  for (std::size_t i = 0; i < payload.at("batch").size() && i < analyses.size(); ++i) {
    llm::FeatureResult one = result;
    one.value = analyses[i];
    const json& item = payload["batch"][i];
    if (auto error = store_result(task.db(), item.value("key", ""), one.to_json(), ttl, task.now_ms()))
      return *error;
    stored.push_back(item.at("inputs").at("job").value("id", ""));
  }
  return json{{"stored", stored}, {"provider", result.provider}, {"model", result.model}};
}

}  // namespace

std::string llm_task_kind(std::string_view feature) { return "llm." + std::string(feature); }

Result<json> job_inputs(storage::Database& db, std::string_view feature, const std::string& job_id,
                        const json& extra) {
  json inputs = json::object();
  if (!job_id.empty()) {
    auto job = load_job(db, job_id);
    if (!job) return job.error();
    if (job->is_null()) {
      return make_error(ErrorCode::not_found,
                        "no stored job with id '" + job_id + "': open it on LinkedIn first");
    }
    inputs["job"] = posting(*job);
  }
  if (needs_profile(feature)) {
    auto profile = load_profile(db);
    if (!profile) return profile.error();
    if (profile->version == 0)
      return make_error(ErrorCode::missing_field, "no profile saved yet: set it up first");
    inputs["profile"] = profile->data;
  }
  for (const auto& [name, value] : extra.items()) inputs[name] = value;
  return inputs;
}

std::string result_key(std::string_view feature, const json& inputs) {
  return std::string(feature) + ":" + llm::sha256_hex(inputs.dump());
}

Result<std::optional<json>> load_result(storage::Database& db, const std::string& key, std::int64_t now) {
  auto stmt = db.prepare("SELECT value FROM cache WHERE namespace = ?1 AND key = ?2 AND expires_at > ?3");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, kResultNamespace).bind(2, key).bind(3, now);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<json>();
  json value = json::parse((*stmt)->text(0), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::optional<json>();
  return std::optional<json>(std::move(value));
}

std::optional<Error> store_result(storage::Database& db, const std::string& key, const json& result,
                                  std::int64_t ttl_ms, std::int64_t now) {
  if (ttl_ms <= 0 || key.empty()) return std::nullopt;
  auto stmt = db.prepare(
      "INSERT INTO cache (namespace, key, value, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(namespace, key) DO UPDATE SET value = ?3, created_at = ?4, expires_at = ?5");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, kResultNamespace).bind(2, key).bind(3, result.dump()).bind(4, now).bind(5, now + ttl_ms);
  return (*stmt)->run();
}

void register_llm_kinds(queue::WorkerPool& pool, const llm::LlmService& service, const Engine& engine,
                        llm::LlmEventFn events) {
  // Providers' own retries happen inside one attempt; the queue's retries are for outages that last
  // minutes, so few and far apart.
  const queue::RetryPolicy policy{3, 30'000, 10 * 60 * 1000};
  for (std::string_view feature : kLlmFeatures) {
    pool.register_kind(
        llm_task_kind(feature),
        [&service, &engine, events](queue::TaskContext& task, const json& payload) -> Result<json> {
          if (payload.contains("batch")) return run_batch(task, payload, service, engine, events);
          return run_one(task, payload, service, engine, events);
        },
        policy);
  }
}

}  // namespace joblens::host
