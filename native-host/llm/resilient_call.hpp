// One provider + model call with retries: our own token buckets first (wait for capacity up to a
// bound), the provider's circuit breaker (open: fail fast, nothing sent), then attempts with
// exponential backoff and jitter, honouring Retry-After up to a ceiling beyond which we give up so
// that the chain can move to the next provider. Every wait is interruptible by the cancel flag; the
// clock, the sleep and the randomness are injected so that tests run in microseconds.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "native-host/llm/circuit_breaker.hpp"
#include "native-host/llm/provider.hpp"
#include "native-host/llm/retry.hpp"
#include "native-host/llm/token_bucket.hpp"

namespace joblens::host::llm {

// The shared state of one configured provider: one per provider, used by every thread.
struct ProviderRuntime {
  explicit ProviderRuntime(const ProviderConfig& provider, CircuitBreaker::Options breaker_options = {})
      : breaker(breaker_options), requests(provider.requests_per_min), tokens(provider.tokens_per_min) {}
  CircuitBreaker breaker;
  TokenBucket requests;  // requests per minute
  TokenBucket tokens;    // tokens per minute (estimated before, corrected after each reply)

  // For `status`: {"breaker": CircuitBreaker::status, "requests_available": n | null (unlimited),
  // "tokens_available": n | null}.
  nlohmann::json status(std::int64_t now_ms);
};

struct CallEnv {
  std::function<std::int64_t()> now_ms;           // a monotonic clock
  std::function<void(std::int64_t ms)> sleep_ms;  // should return early when *cancel is set
  const std::atomic<bool>* cancel = nullptr;
  std::function<std::uint64_t()> random;  // bits for the jitter
};

// The real thing: steady clock, sleeps in slices of at most 50 ms that stop when `cancel` is set, a
// per-thread Mersenne Twister seeded from std::random_device.
CallEnv real_call_env(const std::atomic<bool>* cancel = nullptr);

struct CallReport {
  int attempts = 0;                    // requests actually sent
  std::vector<Failure> failures;       // one per failed attempt (and the final refusal, if any), in order
  std::vector<std::int64_t> waits_ms;  // each sleep before a retry or for bucket capacity, in order
};

// What an attempt function returns to the loop.
struct AttemptResult {
  std::optional<Failure> failure;  // nullopt: success
  std::int64_t tokens_used = 0;    // the real count on success, to correct the token bucket
};

// The loop itself, over any attempt (chat_resilient and embed_resilient use it; tests drive it
// directly). `estimated_tokens` is taken from the token bucket before each attempt. Returns nullopt
// on success, else the failure that ended the call (breaker_open, cancelled, a rate_limited whose
// Retry-After passes the ceiling or whose bucket wait would, or the last attempt's failure).
std::optional<Failure> run_with_retries(ProviderRuntime& runtime, const RetryPolicy& policy,
                                        const CallEnv& env, double estimated_tokens,
                                        const std::function<AttemptResult()>& attempt,
                                        CallReport* report = nullptr);

// A rough token estimate for the token bucket: characters / 4 of everything sent, plus max_tokens.
double estimate_tokens(const ChatRequest& request);

ChatOutcome chat_resilient(const ProviderConfig& provider, ProviderRuntime& runtime,
                           const ChatRequest& request, const RetryPolicy& policy, const CallEnv& env,
                           const ProgressFn& progress = {}, CallReport* report = nullptr);
EmbedOutcome embed_resilient(const ProviderConfig& provider, ProviderRuntime& runtime,
                             const std::string& model, const std::vector<std::string>& texts,
                             const RetryPolicy& policy, const CallEnv& env, CallReport* report = nullptr);

}  // namespace joblens::host::llm
