#include "native-host/llm/resilient_call.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <utility>

namespace joblens::host::llm {
namespace {

bool cancelled(const CallEnv& env) { return env.cancel != nullptr && env.cancel->load(); }

Failure failure_of(FailureKind kind, std::string message,
                   std::optional<std::int64_t> retry_after = std::nullopt) {
  Failure failure;
  failure.kind = kind;
  failure.message = std::move(message);
  failure.retry_after_ms = retry_after;
  return failure;
}

// Waits for one request and `tokens` of capacity from our own buckets, at most policy.max_bucket_wait_ms
// in all. A failure (rate_limited, or cancelled) when that is not possible.
std::optional<Failure> take_capacity(ProviderRuntime& runtime, const RetryPolicy& policy, const CallEnv& env,
                                     double tokens, CallReport* report) {
  std::int64_t waited = 0;
  while (true) {
    if (cancelled(env)) return failure_of(FailureKind::cancelled, "cancelled");
    const std::int64_t now = env.now_ms();
    const std::int64_t wait = std::max(runtime.requests.wait_ms(1, now), runtime.tokens.wait_ms(tokens, now));
    if (wait == 0) {
      if (runtime.requests.try_take(1, now)) {
        if (runtime.tokens.try_take(tokens, now)) return std::nullopt;
        runtime.requests.adjust(1, now);  // another thread took the tokens first: give the request back
      }
      // Lost a race with another thread: look again (the next wait is computed afresh).
    }
    const std::int64_t step = std::max<std::int64_t>(wait, 1);
    if (waited + step > policy.max_bucket_wait_ms) {
      return failure_of(FailureKind::rate_limited,
                        "our own requests/tokens per minute limit for this provider is reached", wait);
    }
    if (report != nullptr) report->waits_ms.push_back(step);
    env.sleep_ms(step);
    waited += step;
  }
}

}  // namespace

nlohmann::json ProviderRuntime::status(std::int64_t now_ms) {
  const auto level = [now_ms](TokenBucket& bucket) -> nlohmann::json {
    if (bucket.unlimited()) return nullptr;
    return static_cast<std::int64_t>(bucket.available(now_ms));
  };
  return {{"breaker", breaker.status(now_ms)},
          {"requests_available", level(requests)},
          {"tokens_available", level(tokens)}};
}

CallEnv real_call_env(const std::atomic<bool>* cancel) {
  CallEnv env;
  env.now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  env.sleep_ms = [cancel](std::int64_t ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!(cancel != nullptr && cancel->load())) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= until) break;
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(50)));
    }
  };
  env.cancel = cancel;
  env.random = [] {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return generator();
  };
  return env;
}

std::optional<Failure> run_with_retries(ProviderRuntime& runtime, const RetryPolicy& policy,
                                        const CallEnv& env, double estimated_tokens,
                                        const std::function<AttemptResult()>& attempt, CallReport* report) {
  const auto give_up = [report](Failure failure) {
    if (report != nullptr) report->failures.push_back(failure);
    return std::optional<Failure>(std::move(failure));
  };
  const int max_attempts = std::max(1, policy.max_attempts);
  int bad_responses = 0;
  std::optional<Failure> last;
  for (int number = 1; number <= max_attempts; ++number) {
    if (auto refused = take_capacity(runtime, policy, env, estimated_tokens, report))
      return give_up(*refused);
    if (!runtime.breaker.allow(env.now_ms())) {
      // The capacity taken is unused: give it back so that other providers' calls are not slowed.
      runtime.requests.adjust(1, env.now_ms());
      runtime.tokens.adjust(estimated_tokens, env.now_ms());
      return give_up(
          failure_of(FailureKind::breaker_open, "the circuit breaker is open after repeated failures"));
    }
    if (report != nullptr) ++report->attempts;
    AttemptResult result = attempt();
    if (!result.failure) {
      runtime.breaker.record_success();
      runtime.tokens.adjust(estimated_tokens - static_cast<double>(result.tokens_used), env.now_ms());
      return std::nullopt;
    }
    Failure failure = std::move(*result.failure);
    if (counts_against_breaker(failure.kind)) {
      runtime.breaker.record_failure(env.now_ms());
    } else {
      runtime.breaker.record_neutral();
    }
    if (report != nullptr) report->failures.push_back(failure);
    if (failure.kind == FailureKind::bad_response) ++bad_responses;
    // bad_response is retried once only: a model that answers garbage twice will keep doing it.
    const bool again = retryable(failure.kind) && number < max_attempts &&
                       !(failure.kind == FailureKind::bad_response && bad_responses > 1);
    if (!again) return failure;
    std::int64_t wait = backoff_delay_ms(policy, number, env.random ? env.random() : 0);
    if (failure.retry_after_ms &&
        (failure.kind == FailureKind::rate_limited || failure.kind == FailureKind::server)) {
      if (*failure.retry_after_ms > policy.max_retry_after_ms) return failure;  // the chain moves on instead
      wait = std::max<std::int64_t>(0, *failure.retry_after_ms);
    }
    if (cancelled(env)) return give_up(failure_of(FailureKind::cancelled, "cancelled"));
    if (wait > 0) {
      if (report != nullptr) report->waits_ms.push_back(wait);
      env.sleep_ms(wait);
    }
    if (cancelled(env)) return give_up(failure_of(FailureKind::cancelled, "cancelled"));
    last = std::move(failure);
  }
  return last;  // not reached: the last attempt returns above
}

double estimate_tokens(const ChatRequest& request) {
  std::size_t chars = request.system.size();
  for (const auto& message : request.messages) chars += message.content.size();
  return static_cast<double>(chars) / 4.0 + static_cast<double>(std::max(0, request.max_tokens));
}

ChatOutcome chat_resilient(const ProviderConfig& provider, ProviderRuntime& runtime,
                           const ChatRequest& request, const RetryPolicy& policy, const CallEnv& env,
                           const ProgressFn& progress, CallReport* report) {
  ChatOutcome outcome;
  const auto attempt = [&]() -> AttemptResult {
    outcome = chat(provider, request, progress, env.cancel);
    if (!outcome.ok()) return {outcome.failure, 0};
    return {std::nullopt, outcome.reply->usage.input_tokens + outcome.reply->usage.output_tokens};
  };
  if (auto failure = run_with_retries(runtime, policy, env, estimate_tokens(request), attempt, report)) {
    outcome.reply.reset();
    outcome.failure = std::move(*failure);
  }
  return outcome;
}

EmbedOutcome embed_resilient(const ProviderConfig& provider, ProviderRuntime& runtime,
                             const std::string& model, const std::vector<std::string>& texts,
                             const RetryPolicy& policy, const CallEnv& env, CallReport* report) {
  EmbedOutcome outcome;
  std::size_t chars = 0;
  for (const auto& text : texts) chars += text.size();
  const auto attempt = [&]() -> AttemptResult {
    outcome = embed(provider, model, texts, env.cancel);
    if (!outcome.ok()) return {outcome.failure, 0};
    return {std::nullopt, outcome.usage.input_tokens};
  };
  if (auto failure =
          run_with_retries(runtime, policy, env, static_cast<double>(chars) / 4.0, attempt, report)) {
    outcome.vectors.reset();
    outcome.failure = std::move(*failure);
  }
  return outcome;
}

}  // namespace joblens::host::llm
