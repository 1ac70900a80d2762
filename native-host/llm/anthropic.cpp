#include "native-host/llm/anthropic.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "native-host/llm/retry.hpp"
#include "native-host/llm/wire_json.hpp"

namespace joblens::host::llm::anthropic {
namespace {

using nlohmann::json;

using wire::bad_response;
using wire::int_member;
using wire::kMaxQuotedBody;
using wire::kMaxReplyBytes;
using wire::member;
using wire::string_member;

// The error type decides where the status alone would not (an overloaded_error sent as 500 or 200
// inside a stream is still "try again later").
FailureKind kind_of_error_type(std::string_view type, FailureKind by_status) {
  if (type == "rate_limit_error") return FailureKind::rate_limited;
  if (type == "overloaded_error" || type == "api_error") return FailureKind::server;
  if (type == "authentication_error" || type == "permission_error") return FailureKind::auth;
  return by_status;
}

}  // namespace

std::string messages_url(std::string_view base_url) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/messages";
}

std::vector<std::string> headers(const ProviderConfig& provider) {
  return {"Content-Type: application/json", "Accept: application/json, text/event-stream",
          "x-api-key: " + provider.api_key, std::string("anthropic-version: ") + kApiVersion};
}

std::string messages_body(const ChatRequest& request) {
  json messages = json::array();
  for (const auto& message : request.messages) {
    messages.push_back({{"role", message.role}, {"content", message.content}});
  }
  json body = {{"model", request.model},
               {"max_tokens", request.max_tokens},
               {"temperature", request.temperature},
               {"messages", std::move(messages)}};
  if (!request.system.empty()) body["system"] = request.system;
  if (request.stream) body["stream"] = true;
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string finish_reason_from(std::string_view stop_reason) {
  if (stop_reason == "end_turn" || stop_reason == "stop_sequence") return "stop";
  if (stop_reason == "max_tokens") return "length";
  return std::string(stop_reason);
}

ChatOutcome parse_messages_reply(std::string_view body) {
  ChatOutcome outcome;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    outcome.failure = bad_response("the reply is not JSON");
    return outcome;
  }
  const json* content = member(parsed, "content");
  if (content == nullptr || !content->is_array()) {
    outcome.failure = bad_response("the reply has no content blocks");
    return outcome;
  }
  ChatReply reply;
  bool any_text = false;
  for (const json& block : *content) {
    if (string_member(block, "type") != "text") continue;  // tool_use, thinking: not ours
    const json* text = member(block, "text");
    if (text == nullptr || !text->is_string()) continue;
    reply.text += text->get<std::string>();
    any_text = true;
  }
  if (!any_text) {
    outcome.failure = bad_response("the reply has no text block");
    return outcome;
  }
  if (const json* usage = member(parsed, "usage")) {
    reply.usage = Usage{int_member(*usage, "input_tokens"), int_member(*usage, "output_tokens")};
  }
  reply.model = string_member(parsed, "model");
  reply.finish_reason = finish_reason_from(string_member(parsed, "stop_reason"));
  outcome.reply = std::move(reply);
  return outcome;
}

std::string error_message(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  if (const json* error = member(parsed, "error")) {
    if (std::string message = string_member(*error, "message"); !message.empty()) return message;
    if (std::string type = string_member(*error, "type"); !type.empty()) return type;
  }
  std::string quoted(body.substr(0, kMaxQuotedBody));
  if (body.size() > kMaxQuotedBody) quoted += "...";
  return quoted;
}

Failure parse_error(int status, std::string_view body, std::optional<std::int64_t> retry_after_header_ms) {
  Failure failure = classify_http_failure(status, error_message(body), retry_after_header_ms);
  const json parsed = json::parse(body, nullptr, false);
  const json* error = member(parsed, "error");
  const std::string type = error != nullptr ? string_member(*error, "type") : std::string();
  // Only promote towards "try again": a 400 stays client unless it says rate limit / overloaded.
  const FailureKind refined = kind_of_error_type(type, failure.kind);
  if (refined == FailureKind::rate_limited || refined == FailureKind::server) {
    failure.kind = refined;
    if (!failure.retry_after_ms)
      failure.retry_after_ms = retry_after_header_ms ? retry_after_header_ms : retry_after_from_message(body);
  }
  return failure;
}

bool MessageStream::fail(FailureKind kind, std::string message) {
  failure_ = wire::stream_failure(kind, std::move(message));
  return false;
}

bool MessageStream::on_event(const SseEvent& event) {
  if (done_) return true;
  const json data = json::parse(event.data, nullptr, false);
  if (data.is_discarded()) return fail(FailureKind::bad_response, "a stream event is not JSON");
  // The type is in both the SSE event name and the data; the data's wins (some proxies drop "event:").
  std::string type = string_member(data, "type");
  if (type.empty()) type = event.event;
  if (type == "message_start") {
    if (const json* message = member(data, "message")) {
      reply_.model = string_member(*message, "model");
      if (const json* usage = member(*message, "usage")) {
        reply_.usage.input_tokens = int_member(*usage, "input_tokens");
        reply_.usage.output_tokens = int_member(*usage, "output_tokens");
      }
    }
  } else if (type == "content_block_delta") {
    const json* delta = member(data, "delta");
    if (delta != nullptr && string_member(*delta, "type") == "text_delta") {
      const std::string piece = string_member(*delta, "text");
      if (reply_.text.size() + piece.size() > kMaxReplyBytes)
        return fail(FailureKind::bad_response, "the streamed reply passed the size limit");
      reply_.text += piece;
    }
  } else if (type == "message_delta") {
    if (const json* delta = member(data, "delta")) {
      if (std::string reason = string_member(*delta, "stop_reason"); !reason.empty())
        reply_.finish_reason = finish_reason_from(reason);
    }
    // message_delta's usage is cumulative: the output count replaces message_start's.
    if (const json* usage = member(data, "usage")) {
      if (member(*usage, "output_tokens") != nullptr)
        reply_.usage.output_tokens = int_member(*usage, "output_tokens");
      if (member(*usage, "input_tokens") != nullptr)
        reply_.usage.input_tokens = int_member(*usage, "input_tokens");
    }
  } else if (type == "message_stop") {
    done_ = true;
  } else if (type == "error") {
    const json* error = member(data, "error");
    const std::string error_type = error != nullptr ? string_member(*error, "type") : std::string();
    const std::string message = error != nullptr ? string_member(*error, "message") : std::string();
    return fail(kind_of_error_type(error_type, FailureKind::server),
                "stream error: " + (message.empty() ? error_type : message));
  }
  // ping, content_block_start, content_block_stop and future event types carry nothing we need.
  return true;
}

}  // namespace joblens::host::llm::anthropic
