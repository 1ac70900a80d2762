// The OpenAI and Anthropic wire formats: request bodies, and replies, usage, stream events and error
// bodies as the real APIs send them (samples copied from their documentation).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "native-host/llm/anthropic.hpp"
#include "native-host/llm/openai.hpp"

using namespace joblens::host::llm;
using nlohmann::json;

namespace {

ChatRequest sample_request() {
  ChatRequest request;
  request.model = "gpt-4o-mini";
  request.system = "You are terse.";
  request.messages = {{"user", "Hello"}, {"assistant", "Hi"}, {"user", "Score this job"}};
  request.max_tokens = 200;
  request.temperature = 0.25;
  return request;
}

template <typename Stream>
Stream feed_events(const std::vector<SseEvent>& events) {
  Stream stream;
  for (const auto& event : events) {
    if (!stream.on_event(event)) break;
  }
  return stream;
}

}  // namespace

TEST_CASE("openai: urls and headers") {
  CHECK(openai::chat_url("http://h/v1/") == "http://h/v1/chat/completions");
  CHECK(openai::embeddings_url("http://h/v1") == "http://h/v1/embeddings");
  ProviderConfig provider;
  provider.api_key = "sk-secret";
  const auto with_key = openai::headers(provider);
  CHECK(std::find(with_key.begin(), with_key.end(), "Authorization: Bearer sk-secret") != with_key.end());
  provider.api_key.clear();
  for (const auto& header : openai::headers(provider))
    CHECK(header.find("Authorization") == std::string::npos);
}

TEST_CASE("openai: the chat body carries the system prompt first, json mode and stream options") {
  ChatRequest request = sample_request();
  json body = json::parse(openai::chat_body(request));
  CHECK(body["model"] == "gpt-4o-mini");
  REQUIRE(body["messages"].size() == 4);
  CHECK(body["messages"][0] == json({{"role", "system"}, {"content", "You are terse."}}));
  CHECK(body["messages"][3] == json({{"role", "user"}, {"content", "Score this job"}}));
  CHECK(body["max_tokens"] == 200);
  CHECK(body["temperature"] == 0.25);
  CHECK(body["response_format"]["type"] == "json_object");
  CHECK_FALSE(body.contains("stream"));

  request.json_output = false;
  request.stream = true;
  request.system.clear();
  body = json::parse(openai::chat_body(request));
  CHECK_FALSE(body.contains("response_format"));
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"]["include_usage"] == true);
  CHECK(body["messages"].size() == 3);
}

TEST_CASE("openai: invalid UTF-8 in a prompt does not throw") {
  ChatRequest request = sample_request();
  request.messages[0].content = std::string("bad \xff byte");
  CHECK(json::parse(openai::chat_body(request), nullptr, false).is_object());
}

TEST_CASE("openai: a chat completion reply") {
  const std::string body = R"({
    "id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288, "model": "gpt-4o-mini-2024-07-18",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\"score\": 7}"},
                 "logprobs": null, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}})";
  const ChatOutcome outcome = openai::parse_chat_reply(body);
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == "{\"score\": 7}");
  CHECK(outcome.reply->usage.input_tokens == 9);
  CHECK(outcome.reply->usage.output_tokens == 12);
  CHECK(outcome.reply->model == "gpt-4o-mini-2024-07-18");
  CHECK(outcome.reply->finish_reason == "stop");
}

TEST_CASE("openai: malformed and wrong-shaped replies are bad_response") {
  for (const char* body : {"not json", "{\"result\":\"ok\"}", "{\"choices\":[]}",
                           "{\"choices\":[{\"message\":{\"content\":null}}]}", "[1,2]"}) {
    CAPTURE(body);
    const ChatOutcome outcome = openai::parse_chat_reply(body);
    CHECK_FALSE(outcome.ok());
    CHECK(outcome.failure.kind == FailureKind::bad_response);
  }
}

TEST_CASE("openai: error bodies of OpenAI, Ollama and Gemini") {
  const std::string openai_429 =
      R"({"error": {"message": "Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): )"
      R"(Limit 30000, Used 29000, Requested 2000. Please try again in 2.5s.", "type": "tokens", "param": null,)"
      R"( "code": "rate_limit_exceeded"}})";
  Failure failure = openai::parse_error(429, openai_429, std::nullopt);
  CHECK(failure.kind == FailureKind::rate_limited);
  CHECK(failure.retry_after_ms == 2'500);
  CHECK(failure.message.find("Rate limit reached") != std::string::npos);

  failure = openai::parse_error(404, R"({"error":"model \"llama9\" not found, try pulling it first"})",
                                std::nullopt);
  CHECK(failure.kind == FailureKind::client);
  CHECK(failure.message.find("llama9") != std::string::npos);

  const std::string gemini_429 = R"([{"error": {"code": 429, "message": "You exceeded your current quota.",
    "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo",
    "retryDelay": "12s"}]}}])";
  failure = openai::parse_error(429, gemini_429, std::nullopt);
  CHECK(failure.kind == FailureKind::rate_limited);
  CHECK(failure.retry_after_ms == 12'000);
  CHECK(failure.message.find("exceeded your current quota") != std::string::npos);

  failure = openai::parse_error(401, R"({"error":{"message":"Incorrect API key provided"}})", std::nullopt);
  CHECK(failure.kind == FailureKind::auth);

  failure = openai::parse_error(502, "<html>Bad Gateway</html>", 3'000);
  CHECK(failure.kind == FailureKind::server);
  CHECK(failure.retry_after_ms == 3'000);
  CHECK(failure.message.find("Bad Gateway") != std::string::npos);
}

TEST_CASE("openai: stream deltas, the usage chunk and [DONE]") {
  const auto stream = feed_events<openai::ChatStream>({
      {"",
       R"({"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})",
       ""},
      {"", R"({"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"}}]})", ""},
      {"",
       R"({"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]})",
       ""},
      {"", R"({"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"length"}]})", ""},
      {"", R"({"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})",
       ""},
      {"", "[DONE]", ""},
  });
  CHECK(stream.done());
  CHECK_FALSE(stream.failure());
  CHECK(stream.reply().text == "Hello");
  CHECK(stream.reply().finish_reason == "length");
  CHECK(stream.reply().usage.input_tokens == 5);
  CHECK(stream.reply().usage.output_tokens == 2);
  CHECK(stream.reply().model == "gpt-4o-mini");
}

TEST_CASE("openai: a stream without [DONE] is not done; an error chunk fails it") {
  auto cut = feed_events<openai::ChatStream>({{"", R"({"choices":[{"delta":{"content":"Hel"}}]})", ""}});
  CHECK_FALSE(cut.done());
  auto errored = feed_events<openai::ChatStream>(
      {{"", R"({"choices":[{"delta":{"content":"Hel"}}]})", ""},
       {"", R"({"error":{"message":"Rate limit reached. Please try again in 4s"}})", ""},
       {"", "[DONE]", ""}});
  CHECK_FALSE(errored.done());
  REQUIRE(errored.failure());
  CHECK(errored.failure()->kind == FailureKind::rate_limited);
  CHECK(errored.failure()->retry_after_ms == 4'000);
  auto garbage = feed_events<openai::ChatStream>({{"", "{not json", ""}});
  REQUIRE(garbage.failure());
  CHECK(garbage.failure()->kind == FailureKind::bad_response);
}

TEST_CASE("openai: embeddings body and reply, reordered by index") {
  const json body = json::parse(openai::embeddings_body("text-embedding-3-small", {"a", "b"}));
  CHECK(body["model"] == "text-embedding-3-small");
  CHECK(body["input"] == json({"a", "b"}));
  const std::string reply = R"({"object":"list","data":[
      {"object":"embedding","index":1,"embedding":[0.5,0.25]},
      {"object":"embedding","index":0,"embedding":[1.0,-1.0]}],
    "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}})";
  const EmbedOutcome outcome = openai::parse_embeddings_reply(reply, 2);
  REQUIRE(outcome.ok());
  CHECK((*outcome.vectors)[0] == std::vector<float>{1.0F, -1.0F});
  CHECK((*outcome.vectors)[1] == std::vector<float>{0.5F, 0.25F});
  CHECK(outcome.usage.input_tokens == 8);
  CHECK(openai::parse_embeddings_reply(reply, 3).failure.kind == FailureKind::bad_response);
  CHECK_FALSE(openai::parse_embeddings_reply(
                  R"({"data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[1,2]}]})", 2)
                  .ok());
  CHECK_FALSE(openai::parse_embeddings_reply(R"({"data":[{"index":0,"embedding":["x"]}]})", 1).ok());
  CHECK_FALSE(openai::parse_embeddings_reply(
                  R"({"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]})", 2)
                  .ok());
}

TEST_CASE("anthropic: url, headers and the messages body") {
  CHECK(anthropic::messages_url("https://api.anthropic.com/v1") == "https://api.anthropic.com/v1/messages");
  ProviderConfig provider;
  provider.kind = ProviderKind::anthropic;
  provider.api_key = "sk-ant-secret";
  const auto headers = anthropic::headers(provider);
  CHECK(std::find(headers.begin(), headers.end(), "x-api-key: sk-ant-secret") != headers.end());
  CHECK(std::find(headers.begin(), headers.end(), "anthropic-version: 2023-06-01") != headers.end());
  for (const auto& header : headers) CHECK(header.find("Authorization") == std::string::npos);

  ChatRequest request = sample_request();
  request.model = "claude-3-5-haiku-latest";
  request.stream = true;
  const json body = json::parse(anthropic::messages_body(request));
  CHECK(body["system"] == "You are terse.");
  REQUIRE(body["messages"].size() == 3);  // the system prompt is not a message
  CHECK(body["messages"][0] == json({{"role", "user"}, {"content", "Hello"}}));
  CHECK(body["max_tokens"] == 200);
  CHECK(body["stream"] == true);
  CHECK_FALSE(body.contains("response_format"));
}

TEST_CASE("anthropic: a messages reply with several content blocks") {
  const std::string body =
      R"({"id":"msg_01","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
    "content":[{"type":"text","text":"{\"score\":"},{"type":"tool_use","id":"t","name":"x","input":{}},
               {"type":"text","text":" 7}"}],
    "stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":3}})";
  const ChatOutcome outcome = anthropic::parse_messages_reply(body);
  REQUIRE(outcome.ok());
  CHECK(outcome.reply->text == "{\"score\": 7}");
  CHECK(outcome.reply->usage.input_tokens == 25);
  CHECK(outcome.reply->usage.output_tokens == 3);
  CHECK(outcome.reply->finish_reason == "length");
  CHECK(outcome.reply->model == "claude-3-5-haiku-20241022");
  for (const char* bad :
       {"nope", R"({"result":"ok"})", R"({"content":[]})", R"({"content":[{"type":"image"}]})"}) {
    CAPTURE(bad);
    CHECK(anthropic::parse_messages_reply(bad).failure.kind == FailureKind::bad_response);
  }
}

TEST_CASE("anthropic: error bodies by type and status") {
  Failure failure = anthropic::parse_error(
      529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", std::nullopt);
  CHECK(failure.kind == FailureKind::server);
  CHECK(failure.message.find("Overloaded") != std::string::npos);
  failure = anthropic::parse_error(
      429,
      R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}})",
      20'000);
  CHECK(failure.kind == FailureKind::rate_limited);
  CHECK(failure.retry_after_ms == 20'000);
  failure = anthropic::parse_error(
      400, R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: required"}})",
      std::nullopt);
  CHECK(failure.kind == FailureKind::client);
  failure = anthropic::parse_error(
      401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})",
      std::nullopt);
  CHECK(failure.kind == FailureKind::auth);
  // An overloaded_error under an unusual status is still "try again later".
  failure = anthropic::parse_error(
      400, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", std::nullopt);
  CHECK(failure.kind == FailureKind::server);
}

TEST_CASE("anthropic: stream events, usage from message_start and message_delta") {
  const auto stream = feed_events<anthropic::MessageStream>({
      {"message_start",
       R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],)"
       R"("model":"claude-3-5-haiku-20241022","stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}})",
       ""},
      {"content_block_start",
       R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})", ""},
      {"ping", R"({"type": "ping"})", ""},
      {"content_block_delta",
       R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})", ""},
      {"content_block_delta",
       R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}})", ""},
      {"content_block_stop", R"({"type":"content_block_stop","index":0})", ""},
      {"message_delta",
       R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}})",
       ""},
      {"message_stop", R"({"type":"message_stop"})", ""},
  });
  CHECK(stream.done());
  CHECK(stream.reply().text == "Hello");
  CHECK(stream.reply().usage.input_tokens == 25);
  CHECK(stream.reply().usage.output_tokens == 15);
  CHECK(stream.reply().finish_reason == "stop");
  CHECK(stream.reply().model == "claude-3-5-haiku-20241022");
}

TEST_CASE("anthropic: an error event fails the stream by its type; no message_stop is not done") {
  const auto overloaded = feed_events<anthropic::MessageStream>(
      {{"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", ""}});
  REQUIRE(overloaded.failure());
  CHECK(overloaded.failure()->kind == FailureKind::server);
  const auto limited = feed_events<anthropic::MessageStream>(
      {{"error", R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})", ""}});
  REQUIRE(limited.failure());
  CHECK(limited.failure()->kind == FailureKind::rate_limited);
  const auto cut = feed_events<anthropic::MessageStream>(
      {{"content_block_delta", R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}})",
        ""}});
  CHECK_FALSE(cut.done());
  CHECK_FALSE(cut.failure());
}
