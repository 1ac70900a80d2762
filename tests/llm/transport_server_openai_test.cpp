// OpenAI-compatible chat and embeddings end to end against the local test server (127.0.0.1 only):
// normal and streamed replies, Retry-After, retries, timeouts, cut streams, malformed bodies, auth,
// the key's header and its absence from every failure, the breaker.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "native-host/llm/resilient_call.hpp"
#include "tests/llm/transport_fake_env.hpp"
#include "tests/support/llm_test_server.hpp"

using namespace joblens::host::llm;
using joblens::host::llm::testing::FakeEnv;
using joblens::testing::LlmTestServer;
using joblens::testing::ServerConfig;
using joblens::testing::ServerStep;

namespace {

constexpr const char* kKey = "sk-test-0123456789-SECRET";

ProviderConfig openai_provider(const LlmTestServer& server) {
  ProviderConfig provider;
  provider.id = "test-openai";
  provider.kind = ProviderKind::openai;
  provider.base_url = server.openai_base_url();
  provider.api_key = kKey;
  provider.connect_timeout_ms = 1'000;
  provider.total_timeout_ms = 3'000;
  return provider;
}

ChatRequest request(bool stream = false) {
  ChatRequest out;
  out.model = "test-model";
  out.system = "Answer in JSON.";
  out.messages = {{"user", "Hello there"}};
  out.max_tokens = 100;
  out.stream = stream;
  return out;
}

ServerStep step_with_status(int status) {
  ServerStep step;
  step.status = status;
  return step;
}

void check_no_key(const Failure& failure) { CHECK(failure.message.find(kKey) == std::string::npos); }

}  // namespace

TEST_CASE("openai e2e: a normal reply, with the key as a bearer token") {
  LlmTestServer server;
  REQUIRE(server.port() > 0);
  ServerStep step;
  step.content = R"({"score":7})";
  server.push(step);
  const ChatOutcome outcome = chat(openai_provider(server), request());
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == R"({"score":7})");
  CHECK(outcome.reply->model == "test-model");
  CHECK(outcome.reply->finish_reason == "stop");
  CHECK(outcome.reply->usage.input_tokens > 0);
  CHECK(outcome.reply->usage.output_tokens > 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].endpoint == "chat");
  CHECK(requests[0].api_key == kKey);
  CHECK(requests[0].body["messages"][0]["role"] == "system");
  CHECK(requests[0].body["response_format"]["type"] == "json_object");
}

TEST_CASE("openai e2e: a streamed reply reports progress as it arrives") {
  LlmTestServer server;
  ServerStep step;
  step.content = std::string(R"({"summary":")") + std::string(100, 'x') + R"("})";
  server.push(step);
  std::vector<std::size_t> progress;
  const ChatOutcome outcome =
      chat(openai_provider(server), request(true), [&](std::size_t chars) { progress.push_back(chars); });
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == *step.content);
  CHECK(outcome.reply->usage.output_tokens > 0);  // from the usage chunk
  REQUIRE(progress.size() >= 2);
  for (std::size_t i = 1; i < progress.size(); ++i) CHECK(progress[i] > progress[i - 1]);
  CHECK(progress.back() == step.content->size());
  CHECK(server.requests().at(0).stream);
}

TEST_CASE("openai e2e: 429 with Retry-After is waited for, then the retry succeeds") {
  LlmTestServer server;
  ServerStep limited = step_with_status(429);
  limited.retry_after = "2";
  server.push(limited);
  server.push(ServerStep{});
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE(outcome.ok());
  CHECK(report.attempts == 2);
  REQUIRE(report.failures.size() == 1);
  CHECK(report.failures[0].kind == FailureKind::rate_limited);
  CHECK(report.failures[0].http_status == 429);
  CHECK(report.failures[0].retry_after_ms == 2'000);
  CHECK(fake.sleeps == std::vector<std::int64_t>{2'000});
  CHECK(server.request_count() == 2);
}

TEST_CASE("openai e2e: a 429 whose message names the delay, and one past the ceiling") {
  LlmTestServer server;
  ServerStep limited = step_with_status(429);
  limited.error_message = "Rate limit reached for requests. Please try again in 750ms.";
  server.push(limited);
  ServerStep too_long = step_with_status(429);
  too_long.retry_after = "120";
  server.push(too_long);
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::rate_limited);
  CHECK(outcome.failure.retry_after_ms == 120'000);
  CHECK(fake.sleeps == std::vector<std::int64_t>{750});  // the message's delay; the 120 s is not waited
  CHECK(report.attempts == 2);
}

TEST_CASE("openai e2e: 500 then success is retried; 503 three times fails after max attempts") {
  LlmTestServer server;
  server.push(step_with_status(500));
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  ChatOutcome outcome = chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE(outcome.ok());
  CHECK(report.attempts == 2);
  CHECK(report.failures.at(0).kind == FailureKind::server);

  for (int i = 0; i < 3; ++i) server.push(step_with_status(503));
  server.push(ServerStep{});  // would succeed, but the policy allows 3 attempts only
  CallReport failed;
  outcome = chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &failed);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::server);
  CHECK(outcome.failure.http_status == 503);
  CHECK(failed.attempts == 3);
  CHECK(server.request_count() == 5);
}

TEST_CASE("openai e2e: a hang past the total timeout is a timeout") {
  LlmTestServer server;
  ServerStep hang;
  hang.hang_ms = 2'000;
  server.push(hang);
  ProviderConfig provider = openai_provider(server);
  provider.total_timeout_ms = 300;
  const ChatOutcome outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::timeout);
  CHECK(outcome.failure.http_status == 0);
}

TEST_CASE("openai e2e: a cancel flag aborts a transfer in flight") {
  LlmTestServer server;
  ServerStep hang;
  hang.hang_ms = 2'000;
  server.push(hang);
  std::atomic<bool> cancel{true};
  const ChatOutcome outcome = chat(openai_provider(server), request(), {}, &cancel);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::cancelled);
}

TEST_CASE("openai e2e: a stream cut before [DONE] is cut_stream") {
  LlmTestServer server;
  ServerStep cut;
  cut.content = std::string(200, 'y');
  cut.cut_stream_after = 2;
  server.push(cut);
  std::size_t last_progress = 0;
  const ChatOutcome outcome =
      chat(openai_provider(server), request(true), [&](std::size_t chars) { last_progress = chars; });
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::cut_stream);
  CHECK(last_progress > 0);  // some text did arrive before the cut
  CHECK(last_progress < 200);
}

TEST_CASE("openai e2e: malformed JSON and a wrong shape are bad_response") {
  LlmTestServer server;
  ServerStep raw;
  raw.raw_body = R"({"choices": [{"message": {"content": "trunc)";
  server.push(raw);
  ChatOutcome outcome = chat(openai_provider(server), request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::bad_response);
  CHECK(outcome.failure.http_status == 200);

  ServerStep wrong;
  wrong.wrong_shape = true;
  server.push(wrong);
  outcome = chat(openai_provider(server), request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::bad_response);
}

TEST_CASE("openai e2e: a wrong key is auth, not retried, and no failure holds the key") {
  ServerConfig config;
  config.required_key = "the-right-key";
  LlmTestServer server(config);
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::auth);
  CHECK(outcome.failure.http_status == 401);
  CHECK(report.attempts == 1);
  CHECK(server.request_count() == 1);
  check_no_key(outcome.failure);
  CHECK(runtime.breaker.consecutive_failures() == 0);
}

TEST_CASE("openai e2e: a server that echoes the key in its error does not get it into our failure") {
  LlmTestServer server;
  ServerStep echo = step_with_status(400);
  echo.error_message = std::string("Invalid key ") + kKey + " for this project";
  server.push(echo);
  const ChatOutcome outcome = chat(openai_provider(server), request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::client);
  check_no_key(outcome.failure);
  CHECK(outcome.failure.message.find("[redacted]") != std::string::npos);
}

TEST_CASE("openai e2e: nothing listening is a network failure") {
  int port = 0;
  {
    LlmTestServer gone;
    port = gone.port();
  }
  ProviderConfig provider;
  provider.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  provider.api_key = kKey;
  provider.connect_timeout_ms = 500;
  const ChatOutcome outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::network);
  check_no_key(outcome.failure);
}

TEST_CASE("openai e2e: only http and https urls are used") {
  ProviderConfig provider;
  provider.base_url = "file:///etc";
  const ChatOutcome outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::client);
}

TEST_CASE("openai e2e: the breaker opens after N failures, fails fast, and half-opens after its timeout") {
  LlmTestServer server;
  for (int i = 0; i < 2; ++i) server.push(step_with_status(500));
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider, CircuitBreakerOptions{2, 5'000});
  RetryPolicy policy;
  policy.max_attempts = 5;
  ChatOutcome outcome = chat_resilient(provider, runtime, request(), policy, fake.env());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::breaker_open);
  CHECK(server.request_count() == 2);
  CHECK(runtime.breaker.status(fake.now)["state"] == "open");

  outcome = chat_resilient(provider, runtime, request(), policy, fake.env());
  CHECK(outcome.failure.kind == FailureKind::breaker_open);
  CHECK(server.request_count() == 2);  // failed fast: nothing sent

  fake.now += 5'000;
  CHECK(runtime.breaker.status(fake.now)["state"] == "half_open");
  outcome = chat_resilient(provider, runtime, request(), policy, fake.env());
  REQUIRE(outcome.ok());
  CHECK(server.request_count() == 3);
  CHECK(runtime.breaker.status(fake.now)["state"] == "closed");
}

TEST_CASE("openai e2e: embeddings round trip, in order, one vector per text") {
  ServerConfig config;
  config.embedding_dim = 16;
  LlmTestServer server(config);
  const std::vector<std::string> texts = {"senior c++ engineer", "barista", "senior c++ engineer"};
  const EmbedOutcome outcome = embed(openai_provider(server), "embed-model", texts);
  REQUIRE(outcome.ok());
  REQUIRE(outcome.vectors->size() == 3);
  for (const auto& vector : *outcome.vectors) CHECK(vector.size() == 16);
  CHECK((*outcome.vectors)[0] == (*outcome.vectors)[2]);
  CHECK((*outcome.vectors)[0] != (*outcome.vectors)[1]);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].endpoint == "embeddings");
  CHECK(requests[0].api_key == kKey);
  CHECK(requests[0].body["model"] == "embed-model");

  server.push(step_with_status(503));
  FakeEnv fake;
  const ProviderConfig provider = openai_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const EmbedOutcome retried =
      embed_resilient(provider, runtime, "embed-model", texts, RetryPolicy{}, fake.env(), &report);
  REQUIRE(retried.ok());
  CHECK(report.attempts == 2);
}

TEST_CASE("openai e2e: a non-streamed body cut short is a retryable failure") {
  LlmTestServer server;
  ServerStep cut;
  cut.content = std::string(300, 'w');
  cut.cut_stream_after = 0;
  server.push(cut);
  const ChatOutcome outcome = chat(openai_provider(server), request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::network);
  CHECK(retryable(outcome.failure.kind));
}

TEST_CASE("openai e2e: a stream request answered with plain JSON is read as a normal reply") {
  LlmTestServer server;
  ServerStep plain;
  plain.raw_body = R"({"model":"m","choices":[{"message":{"content":"whole"},"finish_reason":"stop"}]})";
  server.push(plain);
  const ChatOutcome outcome = chat(openai_provider(server), request(true));
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == "whole");
}

TEST_CASE("openai e2e: a throwing progress callback stops the stream without crashing") {
  LlmTestServer server;
  ServerStep step;
  step.content = std::string(100, 'v');
  server.push(step);
  const ChatOutcome outcome =
      chat(openai_provider(server), request(true), [](std::size_t) { throw std::runtime_error("boom"); });
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.message.find("boom") != std::string::npos);
}

TEST_CASE("runtime status shows the breaker and the buckets") {
  ProviderConfig provider;
  provider.requests_per_min = 10;
  ProviderRuntime runtime(provider, CircuitBreakerOptions{1, 1'000});
  runtime.breaker.record_failure(0);
  REQUIRE(runtime.requests.try_take(1, 0));
  const auto status = runtime.status(10);
  CHECK(status["breaker"]["state"] == "open");
  CHECK(status["requests_available"] == 9);
  CHECK(status["tokens_available"].is_null());
}
