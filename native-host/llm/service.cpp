#include "native-host/llm/service.hpp"

#include <chrono>

#include "native-host/llm/budget.hpp"
#include "native-host/llm/grounding.hpp"
#include "native-host/llm/json_schema.hpp"
#include "native-host/llm/offline.hpp"
#include "native-host/llm/price_table.hpp"
#include "native-host/llm/profile_facts.hpp"
#include "native-host/llm/prompt_template.hpp"
#include "native-host/llm/response_cache.hpp"
#include "shared/model/json_io.hpp"
#include "shared/wire/error_json.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;

std::int64_t wall_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The schema-valid object in a reply, or what is wrong with it (for the repair request).
std::variant<json, std::string> parse_reply(const std::string& text, const json& schema) {
  auto object = extract_json_object(text);
  if (!object) return std::string("the reply holds no JSON object");
  if (auto problem = validate(*object, schema)) return *problem;
  return std::move(*object);
}

// Grounding needs the profile as the core sees it; features without one pass through.
Grounded ground(std::string_view feature, const json& reply, const json& inputs, const Engine& engine) {
  const auto profile_json = inputs.find("profile");
  if (profile_json == inputs.end()) return Grounded{reply, {}, false};
  auto profile = model::profile_from_json(*profile_json);
  if (!profile) return Grounded{reply, {}, false};
  const match::ProfileView view = engine.view(*profile);
  if (feature == "answer") {
    auto question = question_from_json(inputs.value("question", json::object()));
    if (!question) return Grounded{reply, {"question_unreadable"}, false};
    return ground_answer(reply, *question, engine, view);
  }
  if (feature == "tailor") return ground_tailoring(reply, engine, view);
  if (feature == "cover_letter") {
    // With the job, its company and title are not mistaken for skills the letter claims.
    auto job = model::job_from_json(inputs.value("job", json::object()));
    return job ? ground_cover_letter(reply, engine, view, *job) : ground_cover_letter(reply, engine, view);
  }
  return Grounded{reply, {}, false};
}

// The template's variables from a feature's inputs (offline.hpp's shapes): the question's parts as
// the answer template names them, and for a cover letter the skills the core matched, so that the
// model writes about real matches only.
Result<json> template_vars(std::string_view feature, const json& inputs, const Engine& engine) {
  const auto field = [&](const char* name) { return inputs.contains(name) ? inputs[name] : json(); };
  if (feature == "analyze") return json{{"job", field("job")}};
  if (feature == "analyze_batch") return json{{"jobs", field("jobs")}};
  if (feature == "answer") {
    const json q = inputs.value("question", json::object());
    return json{{"question", q.value("label", "")},
                {"options", q.value("options", json::array())},
                {"field_type", q.value("type", "text")},
                {"profile", field("profile")}};
  }
  if (feature == "tailor") {
    return json{{"job", field("job")}, {"profile", field("profile")}, {"resume", inputs.value("resume", "")}};
  }
  if (feature == "cover_letter") {
    auto job = model::job_from_json(field("job"));
    if (!job) return job.error();
    auto profile = model::profile_from_json(field("profile"));
    if (!profile) return profile.error();
    const wire::ScoreResult score = engine.score(*job, engine.view(*profile));
    return json{
        {"job", field("job")}, {"profile", field("profile")}, {"matched_skills", score.matched_skills}};
  }
  return make_error(ErrorCode::invalid_value, "unknown AI feature '" + std::string(feature) + "'");
}

struct StepFailure {
  std::string provider;
  std::string model;
  Error error;
};

json failures_json(const std::vector<StepFailure>& failures) {
  json out = json::array();
  for (const auto& f : failures) {
    json failure = error_json(f.error);
    failure["provider"] = f.provider;
    failure["model"] = f.model;
    out.push_back(std::move(failure));
  }
  return out;
}

}  // namespace

json FeatureResult::to_json() const {
  json out{{"result", value}, {"offline", offline}, {"cached", cached}};
  if (offline) out["reason"] = reason;
  if (!provider.empty()) out["provider"] = provider;
  if (!model.empty()) out["model"] = model;
  if (error) out["error"] = error_json(*error);
  if (!flags.empty()) out["flags"] = flags;
  out["usage"] = {{"input_tokens", usage.input_tokens}, {"output_tokens", usage.output_tokens}};
  return out;
}

std::unique_ptr<LlmService> LlmService::open(const std::string& database_path, std::string* warning) {
  const std::string path = config_path_for_database(database_path);
  auto config = load_config(path);
  if (!config) {
    if (warning != nullptr) *warning = config.error().message;
    return std::make_unique<LlmService>(path, LlmConfig{});
  }
  return std::make_unique<LlmService>(path, std::move(*config));
}

LlmService::LlmService(std::string config_path, LlmConfig config)
    : path_(std::move(config_path)), config_(std::move(config)) {}

std::optional<Error> LlmService::put_settings(const std::vector<std::pair<std::string, json>>& settings) {
  std::lock_guard lock(mutex_);
  LlmConfig next = config_;
  for (const auto& [key, value] : settings) {
    if (auto error = apply_setting(next, key, value)) return error;
  }
  if (auto error = save_config(next, path_)) return error;
  config_ = std::move(next);
  return std::nullopt;
}

json LlmService::setting(std::string_view key) const {
  std::lock_guard lock(mutex_);
  return setting_value(config_, key);
}

LlmConfig LlmService::config() const {
  std::lock_guard lock(mutex_);
  return config_;
}

ProviderRuntime& LlmService::runtime(const ProviderConfig& provider) const {
  std::lock_guard lock(mutex_);
  auto& slot = runtimes_[provider.id];
  if (!slot) slot = std::make_unique<ProviderRuntime>(provider);
  return *slot;
}

FeatureResult LlmService::run(storage::Database& db, const Engine& engine, std::string_view feature,
                              const json& inputs, const RunOptions& options) const {
  const auto now = options.now_ms ? options.now_ms : std::function<std::int64_t()>(wall_now_ms);
  const CallEnv env = options.call_env ? *options.call_env : real_call_env(options.cancel);
  const LlmConfig config = this->config();

  // Every way out without a model's answer: the core's result, saying why.
  const auto offline = [&](std::string reason, std::optional<Error> error) {
    FeatureResult out;
    out.offline = true;
    out.reason = std::move(reason);
    out.error = std::move(error);
    auto value = offline_result(feature, engine, inputs, out.reason);
    out.value = value ? std::move(*value) : json{{"offline", true}, {"reason", out.reason}};
    return out;
  };

  const PromptTemplate* tmpl = find_template(feature);
  if (tmpl == nullptr)
    return offline("no template for " + std::string(feature),
                   make_error(ErrorCode::invalid_value, "unknown feature"));
  const std::vector<ChainStep> steps = config.chain_for(feature);
  if (steps.empty()) {
    return offline("no AI provider is configured",
                   make_error(ErrorCode::llm_not_configured,
                              "no AI provider is configured; add one in the options page"));
  }
  auto vars = template_vars(feature, inputs, engine);
  if (!vars) return offline("the inputs are incomplete: " + vars.error().message, vars.error());
  auto rendered = render(*tmpl, *vars, random_nonce());
  if (!rendered)
    return offline("the inputs could not be rendered: " + rendered.error().message, rendered.error());

  auto caps = caps_from_settings(config.budget);
  if (!caps) return offline(caps.error().message, caps.error());
  auto spent_now = spent(db, now());
  if (!spent_now) return offline(spent_now.error().message, spent_now.error());

  ChatRequest request;
  request.system = rendered->system;
  request.messages.push_back({"user", rendered->user});
  request.max_tokens = tmpl->max_output_tokens;
  request.temperature = tmpl->temperature;
  // Long outputs stream, so the person sees progress instead of a minute of silence.
  request.stream = static_cast<bool>(options.progress) && tmpl->max_output_tokens >= 800;
  const std::int64_t estimated_input = estimate_input_tokens(request);

  std::vector<Candidate> candidates;
  for (const ChainStep& step : steps) {
    const auto* provider = config.provider(step.provider);
    candidates.push_back(
        {step.provider, step.model,
         provider != nullptr && provider->free.value_or(is_local_base_url(provider->endpoint.base_url))});
  }
  const auto plan = plan_candidates(candidates, *caps, *spent_now, estimated_input, tmpl->max_output_tokens);

  ResponseCache cache(db, static_cast<std::int64_t>(config.cache_ttl_hours * 3600 * 1000));
  std::vector<StepFailure> failures;
  bool only_budget = true;
  for (const PlannedCandidate& planned : plan) {
    const Candidate& step = planned.candidate;
    const auto* provider = config.provider(step.provider);
    if (provider == nullptr) continue;
    const std::string key = response_cache_key(step.provider, step.model, tmpl->feature, tmpl->version,
                                               rendered->inputs_canonical);
    if (auto hit = cache.get(key, now()); hit && *hit) {
      record(db, feature, step.provider, step.model, Usage{}, 0, /*cached=*/true, now());
      FeatureResult out;
      out.value = std::move(**hit);
      out.cached = true;
      out.provider = step.provider;
      out.model = step.model;
      return out;
    }
    if (!planned.fits) {
      const BudgetCheck over =
          check(*caps, *spent_now, estimated_input + tmpl->max_output_tokens, planned.estimated_usd);
      failures.push_back({step.provider, step.model, budget_exceeded_error(over, *caps)});
      continue;
    }
    only_budget = false;
    const BudgetCheck budget =
        check(*caps, *spent_now, estimated_input + tmpl->max_output_tokens, planned.estimated_usd);
    if (budget.warn && options.events) {
      options.events("llm.budget_warning",
                     {{"cap", budget.cap}, {"fraction", budget.fraction}, {"feature", feature}});
    }

    ChatRequest call = request;
    call.model = step.model;
    Usage used;
    std::optional<Error> step_error;
    std::optional<json> answer;
    // One repair attempt: the model sees its reply and what is wrong with it.
    for (int round = 0; round < 2 && !answer && !step_error; ++round) {
      const ChatOutcome outcome = chat_resilient(provider->endpoint, runtime(provider->endpoint), call,
                                                 retry_policy, env, options.progress);
      if (!outcome.ok()) {
        step_error = make_error(error_code_for(outcome.failure.kind),
                                step.provider + "/" + step.model + ": " + outcome.failure.message);
        if (outcome.failure.kind == FailureKind::cancelled) {
          return offline("cancelled", step_error);
        }
        break;
      }
      used.input_tokens += outcome.reply->usage.input_tokens;
      used.output_tokens += outcome.reply->usage.output_tokens;
      auto parsed = parse_reply(outcome.reply->text, tmpl->output_schema);
      if (auto* value = std::get_if<json>(&parsed)) {
        answer = std::move(*value);
      } else if (round == 0) {
        call.messages.push_back({"assistant", outcome.reply->text});
        call.messages.push_back({"user", "Your reply did not match the required JSON schema (" +
                                             std::get<std::string>(parsed) +
                                             "). Reply again with only the corrected JSON object."});
      } else {
        step_error = make_error(ErrorCode::bad_reply,
                                step.provider + "/" + step.model + ": " + std::get<std::string>(parsed));
      }
    }
    if (used.input_tokens + used.output_tokens > 0) {
      const Cost cost = cost_usd(step.model, used, step.local);
      record(db, feature, step.provider, step.model, used, cost.usd, /*cached=*/false, now());
    }
    if (!answer) {
      failures.push_back(
          {step.provider, step.model, step_error.value_or(make_error(ErrorCode::llm_failed, "no answer"))});
      continue;
    }
    Grounded grounded = ground(feature, *answer, inputs, engine);
    cache.put(key, grounded.value, now());
    FeatureResult out;
    out.value = std::move(grounded.value);
    out.flags = std::move(grounded.flags);
    out.provider = step.provider;
    out.model = step.model;
    out.usage = used;
    return out;
  }
  if (only_budget && !failures.empty()) {
    auto result = offline("the AI budget's cap is reached", failures.front().error);
    result.value["failures"] = failures_json(failures);
    return result;
  }
  std::string summary = "every AI provider failed";
  if (!failures.empty()) summary += ": " + failures.back().error.message;
  auto result = offline(summary, make_error(ErrorCode::llm_failed, summary));
  result.value["failures"] = failures_json(failures);
  return result;
}

std::optional<std::string> LlmService::embedding_model() const {
  std::lock_guard lock(mutex_);
  if (!config_.embeddings || config_.provider(config_.embeddings->provider) == nullptr) return std::nullopt;
  return config_.embeddings->provider + "/" + config_.embeddings->model;
}

Result<std::vector<std::vector<float>>> LlmService::embed(const std::vector<std::string>& texts,
                                                          const RunOptions& options) const {
  const LlmConfig config = this->config();
  if (!config.embeddings)
    return make_error(ErrorCode::llm_not_configured, "no embedding model is configured");
  const auto* provider = config.provider(config.embeddings->provider);
  if (provider == nullptr)
    return make_error(ErrorCode::llm_not_configured, "the embedding provider is not configured");
  const CallEnv env = options.call_env ? *options.call_env : real_call_env(options.cancel);
  EmbedOutcome outcome = embed_resilient(provider->endpoint, runtime(provider->endpoint),
                                         config.embeddings->model, texts, retry_policy, env);
  if (!outcome.ok()) return make_error(error_code_for(outcome.failure.kind), outcome.failure.message);
  return std::move(*outcome.vectors);
}

json LlmService::providers_status(std::optional<std::int64_t> now) const {
  const LlmConfig config = this->config();
  // The breakers run on the calls' monotonic clock.
  const std::int64_t now_ms = now ? *now : real_call_env().now_ms();
  json out = json::array();
  for (const auto& p : config.providers) {
    ProviderRuntime& rt = runtime(p.endpoint);
    out.push_back({{"id", p.endpoint.id},
                   {"kind", p.preset},
                   {"model", p.model},
                   {"has_key", !p.endpoint.api_key.empty()},
                   {"breaker", rt.breaker.status(now_ms)},
                   {"requests_per_min", p.endpoint.requests_per_min},
                   {"tokens_per_min", p.endpoint.tokens_per_min}});
  }
  return out;
}

}  // namespace joblens::host::llm
