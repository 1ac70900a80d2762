// Internal to the LLM test server: the OpenAI and Anthropic wire formats (reply bodies, stream
// events, error objects) as pure functions, so that the HTTP side only decides what to send.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/llm_test_server.hpp"

namespace joblens::testing::wire {

// dump() that never throws: invalid UTF-8 in an echoed string is replaced, not an exception.
std::string to_text(const nlohmann::json& value);

// The system prompt and every message's content (strings or arrays of text blocks), in order.
std::vector<std::string> prompt_parts(const nlohmann::json& request);
int prompt_tokens(const std::vector<std::string>& parts);

// The reply text: the step's, else the injected one when a gullible server is asked (outside data
// blocks) to ignore its instructions, else the model's, else the default.
std::string choose_content(const ServerStep& step, const ServerConfig& config, const std::string& model,
                           const std::vector<std::string>& parts);

nlohmann::json openai_error_body(int status, const std::string& message);
nlohmann::json anthropic_error_body(int status, const std::string& message);
std::string default_error_message(int status);

// What a reply is about; the token counts follow from prompt and content.
struct Reply {
  std::string id;  // "chatcmpl-N" or "msg_N"
  std::string model;
  std::string content;
  int prompt_tokens = 0;
  int completion_tokens = 0;
};

nlohmann::json chat_completion(const Reply& reply);
// data: events, one per content chunk, then the finish chunk with usage, then [DONE].
std::vector<std::string> chat_stream_events(const Reply& reply, std::size_t chunk_bytes);

nlohmann::json anthropic_message(const Reply& reply);
// message_start, content_block_start, one content_block_delta per chunk, content_block_stop,
// message_delta, message_stop; the deltas start at index kAnthropicLeadingEvents.
std::vector<std::string> anthropic_stream_events(const Reply& reply, std::size_t chunk_bytes);
inline constexpr std::size_t kAnthropicLeadingEvents = 2;

// nullopt when "input" is neither a string nor an array of strings.
std::optional<nlohmann::json> embeddings_reply(const nlohmann::json& request, int dimensions);

}  // namespace joblens::testing::wire
