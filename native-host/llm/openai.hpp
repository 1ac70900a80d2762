// The OpenAI chat-completions and embeddings wire format, which OpenRouter, Groq, Gemini's compatible
// endpoint, Ollama and llama.cpp's server all speak: request bodies, replies, usage, stream deltas and
// error bodies. No I/O here (provider.cpp sends); everything is a value, nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/llm/provider.hpp"
#include "native-host/llm/sse.hpp"

namespace joblens::host::llm::openai {

std::string chat_url(std::string_view base_url);        // base_url + "/chat/completions"
std::string embeddings_url(std::string_view base_url);  // base_url + "/embeddings"
// Content-Type and, when a key is configured (a local Ollama needs none), "Authorization: Bearer KEY".
std::vector<std::string> headers(const ProviderConfig& provider);

// {"model", "messages": [system?, ...], "max_tokens", "temperature", "response_format"?: json_object,
//  "stream"?: true, "stream_options"?: {"include_usage": true}}
std::string chat_body(const ChatRequest& request);
std::string embeddings_body(std::string_view model, const std::vector<std::string>& texts);

// A 2xx chat body: the first choice's message content, usage, model and finish_reason; a failure
// (bad_response) when the body is not JSON or lacks choices[0].message.content.
ChatOutcome parse_chat_reply(std::string_view body);
// A 2xx embeddings body: data[i].embedding ordered by data[i].index; bad_response unless there is
// exactly one vector per input and all have the same non-zero length.
EmbedOutcome parse_embeddings_reply(std::string_view body, std::size_t expected_count);

// The message of an error body: {"error": {"message"}}, {"error": "text"} (Ollama), a list of them
// (Gemini), or {"message"}; the body itself, shortened, when none of these fit.
std::string error_message(std::string_view body);
// A non-2xx answer as a Failure (see classify_http_failure); a delay written anywhere in the body
// (Gemini's retryDelay) counts when the header gave none.
Failure parse_error(int status, std::string_view body, std::optional<std::int64_t> retry_after_header_ms);

// Accumulates a streamed reply from its SSE events: "data: {choices:[{delta:{content}}]}" chunks, an
// optional usage chunk, then "data: [DONE]".
class ChatStream {
 public:
  // False when the event is an error or unreadable; failure() then says why and the stream should stop.
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

}  // namespace joblens::host::llm::openai
