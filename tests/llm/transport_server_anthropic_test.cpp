// Anthropic's messages API end to end against the local test server: headers, the system field,
// streamed events with usage, overloaded and rate-limit errors, timeouts, cut streams, bad bodies.
#include <doctest/doctest.h>

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

constexpr const char* kKey = "sk-ant-test-0123456789-SECRET";

ProviderConfig anthropic_provider(const LlmTestServer& server) {
  ProviderConfig provider;
  provider.id = "test-anthropic";
  provider.kind = ProviderKind::anthropic;
  provider.base_url = server.anthropic_base_url();
  provider.api_key = kKey;
  provider.connect_timeout_ms = 1'000;
  provider.total_timeout_ms = 3'000;
  return provider;
}

ChatRequest request(bool stream = false) {
  ChatRequest out;
  out.model = "claude-test";
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

}  // namespace

TEST_CASE("anthropic e2e: a normal reply with x-api-key, the version header and a top-level system") {
  LlmTestServer server;
  REQUIRE(server.port() > 0);
  ServerStep step;
  step.content = R"({"fit":"strong"})";
  server.push(step);
  const ChatOutcome outcome = chat(anthropic_provider(server), request());
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == R"({"fit":"strong"})");
  CHECK(outcome.reply->model == "claude-test");
  CHECK(outcome.reply->usage.input_tokens > 0);
  CHECK(outcome.reply->usage.output_tokens > 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].endpoint == "messages");
  CHECK(requests[0].api_key == kKey);
  CHECK(requests[0].anthropic_version == "2023-06-01");
  CHECK(requests[0].body["system"] == "Answer in JSON.");
  CHECK(requests[0].body["messages"].size() == 1);
}

TEST_CASE("anthropic e2e: a streamed reply reports progress, usage from message_start and message_delta") {
  LlmTestServer server;
  ServerStep step;
  step.content = std::string(R"({"summary":")") + std::string(80, 'z') + R"("})";
  server.push(step);
  std::vector<std::size_t> progress;
  const ChatOutcome outcome =
      chat(anthropic_provider(server), request(true), [&](std::size_t chars) { progress.push_back(chars); });
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == *step.content);
  CHECK(outcome.reply->usage.input_tokens > 0);
  CHECK(outcome.reply->usage.output_tokens > 0);
  CHECK(outcome.reply->finish_reason == "stop");
  REQUIRE(progress.size() >= 2);
  CHECK(progress.back() == step.content->size());
}

TEST_CASE("anthropic e2e: 429 with Retry-After, then success") {
  LlmTestServer server;
  ServerStep limited = step_with_status(429);
  limited.retry_after = "3";
  server.push(limited);
  FakeEnv fake;
  const ProviderConfig provider = anthropic_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE(outcome.ok());
  REQUIRE(report.failures.size() == 1);
  CHECK(report.failures[0].kind == FailureKind::rate_limited);
  CHECK(fake.sleeps == std::vector<std::int64_t>{3'000});
}

TEST_CASE("anthropic e2e: 529 overloaded is a server failure and is retried") {
  LlmTestServer server;
  server.push(step_with_status(529));
  FakeEnv fake;
  const ProviderConfig provider = anthropic_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE(outcome.ok());
  REQUIRE(report.failures.size() == 1);
  CHECK(report.failures[0].kind == FailureKind::server);
  CHECK(report.failures[0].http_status == 529);
}

TEST_CASE("anthropic e2e: 503 three times fails after max attempts") {
  LlmTestServer server;
  for (int i = 0; i < 3; ++i) server.push(step_with_status(503));
  FakeEnv fake;
  const ProviderConfig provider = anthropic_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::server);
  CHECK(report.attempts == 3);
  CHECK(server.request_count() == 3);
}

TEST_CASE("anthropic e2e: timeout, cut stream, malformed and wrong-shaped bodies") {
  LlmTestServer server;
  ProviderConfig provider = anthropic_provider(server);
  provider.total_timeout_ms = 300;

  ServerStep hang;
  hang.hang_ms = 2'000;
  server.push(hang);
  ChatOutcome outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::timeout);

  provider.total_timeout_ms = 3'000;
  ServerStep cut;
  cut.content = std::string(200, 'q');
  cut.cut_stream_after = 1;
  server.push(cut);
  outcome = chat(provider, request(true));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::cut_stream);

  ServerStep raw;
  raw.raw_body = "{\"content\": [";
  server.push(raw);
  outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::bad_response);

  ServerStep wrong;
  wrong.wrong_shape = true;
  server.push(wrong);
  outcome = chat(provider, request());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::bad_response);
}

TEST_CASE("anthropic e2e: a wrong key is auth with no retry and no key in the failure") {
  ServerConfig config;
  config.required_key = "the-right-key";
  LlmTestServer server(config);
  FakeEnv fake;
  const ProviderConfig provider = anthropic_provider(server);
  ProviderRuntime runtime(provider);
  CallReport report;
  const ChatOutcome outcome =
      chat_resilient(provider, runtime, request(), RetryPolicy{}, fake.env(), {}, &report);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::auth);
  CHECK(report.attempts == 1);
  CHECK(outcome.failure.message.find(kKey) == std::string::npos);
}

TEST_CASE("anthropic e2e: embeddings are refused without a request") {
  LlmTestServer server;
  const EmbedOutcome outcome = embed(anthropic_provider(server), "any", {"text"});
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.failure.kind == FailureKind::client);
  CHECK(server.request_count() == 0);
}
