// The retry loop on scripted attempts: which failures are retried, how long it waits, the Retry-After
// ceiling, the breaker, the buckets and cancellation. No network, no real sleeping.
#include <doctest/doctest.h>

#include <deque>
#include <optional>

#include "native-host/llm/resilient_call.hpp"
#include "tests/llm/transport_fake_env.hpp"

using namespace joblens::host::llm;
using joblens::host::llm::testing::FakeEnv;

namespace {

Failure failure(FailureKind kind, std::optional<std::int64_t> retry_after = std::nullopt) {
  Failure out;
  out.kind = kind;
  out.retry_after_ms = retry_after;
  out.message = to_string(kind);
  return out;
}

// Plays a script of attempt results (nullopt: success) and counts the calls.
struct Script {
  std::deque<std::optional<Failure>> steps;
  int calls = 0;
  std::function<AttemptResult()> attempt() {
    return [this]() -> AttemptResult {
      ++calls;
      REQUIRE_FALSE(steps.empty());
      auto step = steps.front();
      steps.pop_front();
      return {step, 10};
    };
  }
};

ProviderConfig unlimited_provider() { return ProviderConfig{}; }

}  // namespace

TEST_CASE("loop: success at once, no wait") {
  FakeEnv fake;
  ProviderRuntime runtime(unlimited_provider());
  Script script{{std::nullopt}};
  CallReport report;
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 10, script.attempt(), &report));
  CHECK(report.attempts == 1);
  CHECK(report.failures.empty());
  CHECK(fake.sleeps.empty());
}

TEST_CASE("loop: server errors are retried with backoff within the policy's ceiling") {
  FakeEnv fake;
  fake.random_bits = ~0ULL;
  ProviderRuntime runtime(unlimited_provider());
  Script script{{failure(FailureKind::server), failure(FailureKind::timeout), std::nullopt}};
  RetryPolicy policy;
  policy.base_delay_ms = 100;
  CallReport report;
  CHECK_FALSE(run_with_retries(runtime, policy, fake.env(), 10, script.attempt(), &report));
  CHECK(report.attempts == 3);
  CHECK(report.failures.size() == 2);
  REQUIRE(fake.sleeps.size() == 2);
  CHECK(fake.sleeps[0] <= 100);
  CHECK(fake.sleeps[1] <= 200);
  CHECK(runtime.breaker.consecutive_failures() == 0);  // the success reset it
}

TEST_CASE("loop: max attempts reached returns the last failure") {
  FakeEnv fake;
  ProviderRuntime runtime(unlimited_provider());
  Script script{{failure(FailureKind::server), failure(FailureKind::network), failure(FailureKind::server)}};
  CallReport report;
  const auto result = run_with_retries(runtime, RetryPolicy{}, fake.env(), 10, script.attempt(), &report);
  REQUIRE(result);
  CHECK(result->kind == FailureKind::server);
  CHECK(script.calls == 3);
  CHECK(report.attempts == 3);
}

TEST_CASE("loop: auth and client failures are not retried") {
  for (FailureKind kind : {FailureKind::auth, FailureKind::client}) {
    FakeEnv fake;
    ProviderRuntime runtime(unlimited_provider());
    Script script{{failure(kind), std::nullopt}};
    const auto result = run_with_retries(runtime, RetryPolicy{}, fake.env(), 10, script.attempt());
    REQUIRE(result);
    CHECK(result->kind == kind);
    CHECK(script.calls == 1);
    CHECK(runtime.breaker.consecutive_failures() == 0);  // not the provider's fault
  }
}

TEST_CASE("loop: bad_response is retried once only") {
  FakeEnv fake;
  ProviderRuntime runtime(unlimited_provider());
  RetryPolicy policy;
  policy.max_attempts = 5;
  Script script{{failure(FailureKind::bad_response), failure(FailureKind::bad_response), std::nullopt}};
  const auto result = run_with_retries(runtime, policy, fake.env(), 10, script.attempt());
  REQUIRE(result);
  CHECK(result->kind == FailureKind::bad_response);
  CHECK(script.calls == 2);
}

TEST_CASE("loop: Retry-After is waited exactly, and one past the ceiling gives up at once") {
  FakeEnv fake;
  ProviderRuntime runtime(unlimited_provider());
  Script honoured{{failure(FailureKind::rate_limited, 1'500), std::nullopt}};
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 10, honoured.attempt()));
  CHECK(fake.sleeps == std::vector<std::int64_t>{1'500});

  fake.sleeps.clear();
  RetryPolicy policy;
  policy.max_retry_after_ms = 30'000;
  Script too_long{{failure(FailureKind::rate_limited, 60'000), std::nullopt}};
  const auto result = run_with_retries(runtime, policy, fake.env(), 10, too_long.attempt());
  REQUIRE(result);
  CHECK(result->kind == FailureKind::rate_limited);
  CHECK(result->retry_after_ms == 60'000);  // the chain can tell when this provider is back
  CHECK(too_long.calls == 1);
  CHECK(fake.sleeps.empty());
}

TEST_CASE("loop: the breaker opens after N failures and then fails fast without an attempt") {
  FakeEnv fake;
  ProviderRuntime runtime(unlimited_provider(), CircuitBreakerOptions{2, 10'000});
  RetryPolicy policy;
  policy.max_attempts = 5;
  Script script{{failure(FailureKind::server), failure(FailureKind::server)}};
  CallReport report;
  const auto result = run_with_retries(runtime, policy, fake.env(), 10, script.attempt(), &report);
  REQUIRE(result);
  CHECK(result->kind == FailureKind::breaker_open);
  CHECK(script.calls == 2);
  CHECK(report.attempts == 2);
  CHECK(runtime.breaker.state(fake.now) == CircuitBreaker::State::open);

  Script never{{}};
  const auto again = run_with_retries(runtime, policy, fake.env(), 10, never.attempt());
  REQUIRE(again);
  CHECK(again->kind == FailureKind::breaker_open);
  CHECK(never.calls == 0);

  fake.now += 10'000;  // half-open: one trial, which succeeds and closes it
  Script trial{{std::nullopt}};
  CHECK_FALSE(run_with_retries(runtime, policy, fake.env(), 10, trial.attempt()));
  CHECK(runtime.breaker.state(fake.now) == CircuitBreaker::State::closed);
}

TEST_CASE("loop: our requests-per-minute bucket makes the call wait, up to a bound") {
  FakeEnv fake;
  ProviderConfig provider;
  provider.requests_per_min = 2;
  ProviderRuntime runtime(provider);
  Script script{{std::nullopt, std::nullopt, std::nullopt}};
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 0, script.attempt()));
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 0, script.attempt()));
  CHECK(fake.sleeps.empty());
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 0, script.attempt()));
  REQUIRE(fake.sleeps.size() == 1);
  CHECK(fake.sleeps[0] == 30'000);  // one request per 30 s

  RetryPolicy impatient;
  impatient.max_bucket_wait_ms = 1'000;
  Script refused{{std::nullopt}};
  const auto result = run_with_retries(runtime, impatient, fake.env(), 0, refused.attempt());
  REQUIRE(result);
  CHECK(result->kind == FailureKind::rate_limited);
  CHECK(refused.calls == 0);
}

TEST_CASE("loop: the tokens bucket is charged the estimate and corrected by the real use") {
  FakeEnv fake;
  ProviderConfig provider;
  provider.tokens_per_min = 1'000;
  ProviderRuntime runtime(provider);
  Script script{{std::nullopt}};  // reports 10 tokens used
  CHECK_FALSE(run_with_retries(runtime, RetryPolicy{}, fake.env(), 600, script.attempt()));
  CHECK(runtime.tokens.available(fake.now) == doctest::Approx(990));
}

TEST_CASE("loop: a cancel during the backoff stops the call") {
  FakeEnv fake;
  fake.cancel_on_sleep = true;
  fake.random_bits = 50;
  ProviderRuntime runtime(unlimited_provider());
  Script script{{failure(FailureKind::server), std::nullopt}};
  const auto result = run_with_retries(runtime, RetryPolicy{}, fake.env(), 10, script.attempt());
  REQUIRE(result);
  CHECK(result->kind == FailureKind::cancelled);
  CHECK(script.calls == 1);
}

TEST_CASE("loop: the real environment's sleep returns early on cancel") {
  std::atomic<bool> cancel{true};
  const CallEnv env = real_call_env(&cancel);
  const auto start = env.now_ms();
  env.sleep_ms(5'000);
  CHECK(env.now_ms() - start < 1'000);
  CHECK(env.random() != env.random());
}
