// Anthropic's messages API (/v1/messages): request bodies (the system prompt is a top-level field),
// replies made of content blocks, usage, stream events and error bodies. No I/O here; nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/llm/provider.hpp"
#include "native-host/llm/sse.hpp"

namespace joblens::host::llm::anthropic {

inline constexpr const char* kApiVersion = "2023-06-01";

std::string messages_url(std::string_view base_url);  // base_url + "/messages"
// Content-Type, "x-api-key: KEY" and "anthropic-version: 2023-06-01".
std::vector<std::string> headers(const ProviderConfig& provider);

// {"model", "max_tokens", "temperature", "system"?, "messages": [{"role", "content"}], "stream"?: true}.
// The API has no JSON mode: json_output is left to the prompt.
std::string messages_body(const ChatRequest& request);

// A 2xx body: the text blocks of "content" joined, usage, model and stop_reason (end_turn and
// stop_sequence read as "stop", max_tokens as "length"); bad_response when not JSON or no text block.
ChatOutcome parse_messages_reply(std::string_view body);

// {"type": "error", "error": {"type", "message"}}: the message, or the body shortened.
std::string error_message(std::string_view body);
// A non-2xx answer as a Failure: the status decides (classify_http_failure), and the error type
// refines it: rate_limit_error → rate_limited, overloaded_error (HTTP 529) / api_error → server.
Failure parse_error(int status, std::string_view body, std::optional<std::int64_t> retry_after_header_ms);

// "stop" for end_turn / stop_sequence, "length" for max_tokens, anything else as given.
std::string finish_reason_from(std::string_view stop_reason);

// Accumulates a streamed reply: message_start (model, input usage), content_block_delta (text_delta),
// message_delta (stop_reason, output usage), message_stop (the end); ping is ignored; error fails.
class MessageStream {
 public:
  bool on_event(const SseEvent& event);
  bool done() const { return done_; }
  const std::optional<Failure>& failure() const { return failure_; }
  const ChatReply& reply() const { return reply_; }

 private:
  bool fail(FailureKind kind, std::string message);

  ChatReply reply_;
  bool done_ = false;
  std::optional<Failure> failure_;
};

}  // namespace joblens::host::llm::anthropic
