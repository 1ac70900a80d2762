// The OpenAI and Anthropic wire formats of the LLM test server (see llm_test_server_wire.hpp).
#include "tests/support/llm_test_server_wire.hpp"

#include <algorithm>

namespace joblens::testing::wire {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void collect_text(const json& content, std::vector<std::string>& parts) {
  if (content.is_string()) {
    parts.push_back(content.get<std::string>());
  } else if (content.is_array()) {
    for (const auto& block : content) {
      if (block.is_object()) parts.push_back(string_field(block, "text"));
    }
  }
}

std::string sse_data(const json& event) { return "data: " + to_text(event) + "\n\n"; }

std::string sse_event(const char* name, const json& event) {
  return std::string("event: ") + name + "\n" + sse_data(event);
}

}  // namespace

std::string to_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::vector<std::string> prompt_parts(const json& request) {
  std::vector<std::string> parts;
  if (!request.is_object()) return parts;
  if (const auto system = request.find("system"); system != request.end()) collect_text(*system, parts);
  if (const auto messages = request.find("messages"); messages != request.end() && messages->is_array()) {
    for (const auto& message : *messages) {
      if (message.is_object() && message.contains("content")) collect_text(message["content"], parts);
    }
  }
  return parts;
}

int prompt_tokens(const std::vector<std::string>& parts) {
  std::string all;
  for (const auto& part : parts) all += part;
  return approximate_tokens(all);
}

std::string choose_content(const ServerStep& step, const ServerConfig& config, const std::string& model,
                           const std::vector<std::string>& parts) {
  if (step.content) return *step.content;
  // Each part is checked on its own, so a block opened in one message cannot hide another message.
  if (config.gullible && std::any_of(parts.begin(), parts.end(), [](const std::string& part) {
        return asks_to_ignore_instructions(part);
      })) {
    return config.injected_content;
  }
  if (const auto it = config.contents_by_model.find(model); it != config.contents_by_model.end()) {
    return it->second;
  }
  return config.default_content;
}

json openai_error_body(int status, const std::string& message) {
  std::string type = status >= 500 ? "server_error" : "invalid_request_error";
  json code = nullptr;
  if (status == 401) code = "invalid_api_key";
  if (status == 429) {
    type = "requests";
    code = "rate_limit_exceeded";
  }
  return {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
}

json anthropic_error_body(int status, const std::string& message) {
  std::string type = status >= 500 ? "api_error" : "invalid_request_error";
  if (status == 401) type = "authentication_error";
  if (status == 403) type = "permission_error";
  if (status == 404) type = "not_found_error";
  if (status == 429) type = "rate_limit_error";
  if (status == 503 || status == 529) type = "overloaded_error";
  return {{"type", "error"}, {"error", {{"type", type}, {"message", message}}}};
}

std::string default_error_message(int status) {
  switch (status) {
    case 400:
      return "Invalid request.";
    case 401:
      return "Incorrect API key provided.";
    case 429:
      return "Rate limit reached. Please try again later.";
    case 503:
      return "The server is overloaded. Please try again later.";
    default:
      return status >= 500 ? "The server had an error while processing your request." : "Request failed.";
  }
}

json chat_completion(const Reply& reply) {
  return {{"id", reply.id},
          {"object", "chat.completion"},
          {"model", reply.model},
          {"choices", json::array({{{"index", 0},
                                    {"message", {{"role", "assistant"}, {"content", reply.content}}},
                                    {"finish_reason", "stop"}}})},
          {"usage",
           {{"prompt_tokens", reply.prompt_tokens},
            {"completion_tokens", reply.completion_tokens},
            {"total_tokens", reply.prompt_tokens + reply.completion_tokens}}}};
}

std::vector<std::string> chat_stream_events(const Reply& reply, std::size_t chunk_bytes) {
  const auto chunk_event = [&](const json& delta, const json& finish_reason) {
    return json{
        {"id", reply.id},
        {"object", "chat.completion.chunk"},
        {"model", reply.model},
        {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish_reason}}})}};
  };
  std::vector<std::string> events;
  for (const auto& chunk : split_utf8_chunks(reply.content, chunk_bytes)) {
    events.push_back(sse_data(chunk_event({{"content", chunk}}, nullptr)));
  }
  json last = chunk_event(json::object(), "stop");
  last["usage"] = chat_completion(reply)["usage"];
  events.push_back(sse_data(last));
  events.push_back("data: [DONE]\n\n");
  return events;
}

json anthropic_message(const Reply& reply) {
  return {{"id", reply.id},
          {"type", "message"},
          {"role", "assistant"},
          {"model", reply.model},
          {"content", json::array({{{"type", "text"}, {"text", reply.content}}})},
          {"stop_reason", "end_turn"},
          {"stop_sequence", nullptr},
          {"usage", {{"input_tokens", reply.prompt_tokens}, {"output_tokens", reply.completion_tokens}}}};
}

std::vector<std::string> anthropic_stream_events(const Reply& reply, std::size_t chunk_bytes) {
  json start = anthropic_message(reply);
  start["content"] = json::array();
  start["stop_reason"] = nullptr;
  start["usage"]["output_tokens"] = 0;
  std::vector<std::string> events;
  events.push_back(sse_event("message_start", {{"type", "message_start"}, {"message", start}}));
  events.push_back(sse_event(
      "content_block_start",
      {{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}}));
  for (const auto& chunk : split_utf8_chunks(reply.content, chunk_bytes)) {
    events.push_back(
        sse_event("content_block_delta", {{"type", "content_block_delta"},
                                          {"index", 0},
                                          {"delta", {{"type", "text_delta"}, {"text", chunk}}}}));
  }
  events.push_back(sse_event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}}));
  events.push_back(
      sse_event("message_delta", {{"type", "message_delta"},
                                  {"delta", {{"stop_reason", "end_turn"}, {"stop_sequence", nullptr}}},
                                  {"usage", {{"output_tokens", reply.completion_tokens}}}}));
  events.push_back(sse_event("message_stop", {{"type", "message_stop"}}));
  return events;
}

std::optional<json> embeddings_reply(const json& request, int dimensions) {
  const auto input = request.find("input");
  if (input == request.end()) return std::nullopt;
  std::vector<std::string> texts;
  if (input->is_string()) {
    texts.push_back(input->get<std::string>());
  } else if (input->is_array() &&
             std::all_of(input->begin(), input->end(), [](const json& item) { return item.is_string(); })) {
    for (const auto& item : *input) texts.push_back(item.get<std::string>());
  } else {
    return std::nullopt;
  }
  json data = json::array();
  std::string all;
  for (std::size_t index = 0; index < texts.size(); ++index) {
    data.push_back(
        {{"object", "embedding"}, {"index", index}, {"embedding", embed_text(texts[index], dimensions)}});
    all += texts[index];
  }
  const int tokens = approximate_tokens(all);
  return json{{"object", "list"},
              {"data", data},
              {"model", string_field(request, "model")},
              {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}};
}

}  // namespace joblens::testing::wire
