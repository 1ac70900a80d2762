#include "native-host/llm/openai.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "native-host/llm/retry.hpp"
#include "native-host/llm/wire_json.hpp"

namespace joblens::host::llm::openai {
namespace {

using nlohmann::json;

using wire::bad_response;
using wire::int_member;
using wire::kMaxQuotedBody;
using wire::kMaxReplyBytes;
using wire::member;
using wire::string_member;

std::string join_url(std::string_view base_url, std::string_view path) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + std::string(path);
}

Usage read_usage(const json& usage) {
  return Usage{int_member(usage, "prompt_tokens"), int_member(usage, "completion_tokens")};
}

// One error object's message: {"message": ...} or a bare string.
std::string message_of(const json& error) {
  if (error.is_string()) return error.get<std::string>();
  std::string message = string_member(error, "message");
  if (message.empty()) message = string_member(error, "type");
  return message;
}

}  // namespace

std::string chat_url(std::string_view base_url) { return join_url(base_url, "/chat/completions"); }
std::string embeddings_url(std::string_view base_url) { return join_url(base_url, "/embeddings"); }

std::vector<std::string> headers(const ProviderConfig& provider) {
  std::vector<std::string> out = {"Content-Type: application/json",
                                  "Accept: application/json, text/event-stream"};
  if (!provider.api_key.empty()) out.push_back("Authorization: Bearer " + provider.api_key);
  return out;
}

std::string chat_body(const ChatRequest& request) {
  json messages = json::array();
  if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
  for (const auto& message : request.messages) {
    messages.push_back({{"role", message.role}, {"content", message.content}});
  }
  json body = {{"model", request.model},
               {"messages", std::move(messages)},
               {"max_tokens", request.max_tokens},
               {"temperature", request.temperature}};
  if (request.json_output) body["response_format"] = {{"type", "json_object"}};
  if (request.stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};  // the usage arrives in a last chunk
  }
  // Replacing invalid UTF-8 instead of throwing: a scraped page may hold a broken byte.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string embeddings_body(std::string_view model, const std::vector<std::string>& texts) {
  const json body = {{"model", std::string(model)}, {"input", texts}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

ChatOutcome parse_chat_reply(std::string_view body) {
  ChatOutcome outcome;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    outcome.failure = bad_response("the reply is not JSON");
    return outcome;
  }
  const json* choices = member(parsed, "choices");
  if (choices == nullptr || !choices->is_array() || choices->empty()) {
    outcome.failure = bad_response("the reply has no choices");
    return outcome;
  }
  const json& choice = choices->front();
  const json* message = member(choice, "message");
  const json* content = message != nullptr ? member(*message, "content") : nullptr;
  if (content == nullptr || !content->is_string()) {
    outcome.failure = bad_response("the reply's first choice has no text content");
    return outcome;
  }
  ChatReply reply;
  reply.text = content->get<std::string>();
  if (const json* usage = member(parsed, "usage")) reply.usage = read_usage(*usage);
  reply.model = string_member(parsed, "model");
  reply.finish_reason = string_member(choice, "finish_reason");
  outcome.reply = std::move(reply);
  return outcome;
}

EmbedOutcome parse_embeddings_reply(std::string_view body, std::size_t expected_count) {
  EmbedOutcome outcome;
  const json parsed = json::parse(body, nullptr, false);
  const json* data = member(parsed, "data");
  if (data == nullptr || !data->is_array()) {
    outcome.failure = bad_response(parsed.is_discarded() ? "the reply is not JSON" : "the reply has no data");
    return outcome;
  }
  if (data->size() != expected_count) {
    outcome.failure = bad_response("the reply has " + std::to_string(data->size()) + " vectors for " +
                                   std::to_string(expected_count) + " texts");
    return outcome;
  }
  std::vector<std::vector<float>> vectors(expected_count);
  std::vector<bool> seen(expected_count, false);
  for (std::size_t position = 0; position < data->size(); ++position) {
    const json& item = (*data)[position];
    const json* index_value = member(item, "index");
    const std::size_t index = index_value != nullptr && index_value->is_number_unsigned()
                                  ? index_value->get<std::size_t>()
                                  : position;
    const json* embedding = member(item, "embedding");
    if (index >= expected_count || seen[index] || embedding == nullptr || !embedding->is_array() ||
        embedding->empty()) {
      outcome.failure = bad_response("the reply's vector " + std::to_string(position) + " is malformed");
      return outcome;
    }
    seen[index] = true;
    auto& vector = vectors[index];
    vector.reserve(embedding->size());
    for (const json& number : *embedding) {
      if (!number.is_number()) {
        outcome.failure =
            bad_response("the reply's vector " + std::to_string(position) + " holds a non-number");
        return outcome;
      }
      vector.push_back(number.get<float>());
    }
    if (vector.size() != vectors[0].size() && !vectors[0].empty()) {
      outcome.failure = bad_response("the reply's vectors differ in length");
      return outcome;
    }
  }
  for (const auto& vector : vectors) {
    if (vector.size() != vectors.front().size()) {
      outcome.failure = bad_response("the reply's vectors differ in length");
      return outcome;
    }
  }
  if (const json* usage = member(parsed, "usage"))
    outcome.usage.input_tokens = int_member(*usage, "prompt_tokens");
  outcome.vectors = std::move(vectors);
  return outcome;
}

std::string error_message(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  const json* root = &parsed;
  if (parsed.is_array() && !parsed.empty()) root = &parsed.front();  // Gemini wraps the error in a list
  if (const json* error = member(*root, "error")) {
    if (std::string message = message_of(*error); !message.empty()) return message;
  }
  if (std::string message = string_member(*root, "message"); !message.empty()) return message;
  std::string quoted(body.substr(0, kMaxQuotedBody));
  if (body.size() > kMaxQuotedBody) quoted += "...";
  return quoted;
}

Failure parse_error(int status, std::string_view body, std::optional<std::int64_t> retry_after_header_ms) {
  Failure failure = classify_http_failure(status, error_message(body), retry_after_header_ms);
  if (!failure.retry_after_ms &&
      (failure.kind == FailureKind::rate_limited || failure.kind == FailureKind::server))
    failure.retry_after_ms = retry_after_from_message(body);
  return failure;
}

bool ChatStream::fail(FailureKind kind, std::string message) {
  failure_ = wire::stream_failure(kind, std::move(message));
  return false;
}

bool ChatStream::on_event(const SseEvent& event) {
  if (done_) return true;  // anything after [DONE] is ignored
  if (event.data == "[DONE]") {
    done_ = true;
    return true;
  }
  const json chunk = json::parse(event.data, nullptr, false);
  if (chunk.is_discarded()) return fail(FailureKind::bad_response, "a stream event is not JSON");
  if (const json* error = member(chunk, "error")) {  // a provider's error in mid-stream
    const std::string message = message_of(*error);
    return fail(mentions_rate_limit(message) ? FailureKind::rate_limited : FailureKind::server,
                "stream error: " + message);
  }
  if (std::string model = string_member(chunk, "model"); !model.empty()) reply_.model = std::move(model);
  if (const json* usage = member(chunk, "usage"); usage != nullptr && usage->is_object())
    reply_.usage = read_usage(*usage);
  const json* choices = member(chunk, "choices");
  if (choices == nullptr || !choices->is_array() || choices->empty()) return true;  // the usage chunk
  const json& choice = choices->front();
  if (const json* delta = member(choice, "delta")) {
    if (const json* content = member(*delta, "content"); content != nullptr && content->is_string()) {
      const auto& piece = content->get_ref<const std::string&>();
      if (reply_.text.size() + piece.size() > kMaxReplyBytes)
        return fail(FailureKind::bad_response, "the streamed reply passed the size limit");
      reply_.text += piece;
    }
  }
  if (std::string reason = string_member(choice, "finish_reason"); !reason.empty())
    reply_.finish_reason = std::move(reason);
  return true;
}

}  // namespace joblens::host::llm::openai
