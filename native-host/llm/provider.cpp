// One attempt at a provider: build the request for its wire format, send it through http_client,
// and turn whatever came back (a reply, an HTTP error, a transport error, a broken stream) into a
// ChatOutcome. Retries, breakers and buckets are resilient_call.*'s business.
#include "native-host/llm/provider.hpp"
#include "native-host/llm/wire_json.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <utility>
#include <variant>

#include "native-host/llm/anthropic.hpp"
#include "native-host/llm/http_client.hpp"
#include "native-host/llm/openai.hpp"
#include "native-host/llm/retry.hpp"
#include "native-host/llm/sse.hpp"

namespace joblens::host::llm {
namespace {

std::int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Belt and braces: no message we produce should hold the key, but an echoing server or proxy could
// quote our headers back; whatever came from the network is scrubbed before it is kept.
void scrub_key(Failure& failure, const std::string& api_key) {
  if (api_key.size() < 4) return;  // too short to be a real key; replacing would mangle the text
  for (std::size_t at = failure.message.find(api_key); at != std::string::npos;
       at = failure.message.find(api_key, at)) {
    failure.message.replace(at, api_key.size(), "[redacted]");
  }
}

Failure make_failure(FailureKind kind, std::string message, int status = 0) {
  Failure failure;
  failure.kind = kind;
  failure.http_status = status;
  failure.message = std::move(message);
  return failure;
}

Failure transport_failure(const HttpResult& result, bool streaming_started) {
  switch (result.error) {
    case TransportError::timeout:
      return make_failure(FailureKind::timeout, "timed out: " + result.error_message,
                          static_cast<int>(result.status));
    case TransportError::cancelled:
      return make_failure(FailureKind::cancelled, "cancelled");
    case TransportError::too_large:
      return make_failure(FailureKind::bad_response, result.error_message, static_cast<int>(result.status));
    case TransportError::setup:
      return make_failure(FailureKind::client, result.error_message);
    case TransportError::aborted:
    case TransportError::network:
    case TransportError::none:
      break;
  }
  // A connection lost after the stream began is a cut stream: the reply is incomplete, not absent.
  if (streaming_started)
    return make_failure(FailureKind::cut_stream, "the stream broke: " + result.error_message,
                        static_cast<int>(result.status));
  return make_failure(FailureKind::network, result.error_message, static_cast<int>(result.status));
}

std::optional<std::int64_t> retry_after_header_ms(const HttpResult& result) {
  if (!result.retry_after) return std::nullopt;
  return parse_retry_after(*result.retry_after, wall_now_ms());
}

// The per-format pieces chat() needs, so that it is written once for both APIs.
struct ChatFormat {
  std::string url;
  std::vector<std::string> headers;
  std::string body;
  ChatOutcome (*parse_reply)(std::string_view);
  Failure (*parse_error)(int, std::string_view, std::optional<std::int64_t>);
  const char* end_event;  // for the cut-stream message
};

ChatFormat format_for(const ProviderConfig& provider, const ChatRequest& request) {
  if (provider.kind == ProviderKind::anthropic) {
    return {anthropic::messages_url(provider.base_url),
            anthropic::headers(provider),
            anthropic::messages_body(request),
            &anthropic::parse_messages_reply,
            &anthropic::parse_error,
            "message_stop"};
  }
  return {openai::chat_url(provider.base_url), openai::headers(provider), openai::chat_body(request),
          &openai::parse_chat_reply,           &openai::parse_error,      "[DONE]"};
}

template <typename Stream>
ChatOutcome run_chat(const ProviderConfig& provider, const ChatRequest& request, const ProgressFn& progress,
                     const std::atomic<bool>* cancel) {
  ChatFormat format = format_for(provider, request);
  HttpRequest http;
  http.url = std::move(format.url);
  http.headers = std::move(format.headers);
  http.body = std::move(format.body);
  http.connect_timeout_ms = provider.connect_timeout_ms;
  http.total_timeout_ms = provider.total_timeout_ms;
  http.cancel = cancel;

  SseParser parser;
  Stream stream;
  std::size_t reported_chars = 0;
  bool stream_failed = false;
  std::optional<std::string> callback_error;
  const StreamFn on_stream = [&](std::string_view chunk) {
    // This runs inside libcurl's C frames, which an exception must never cross: a throwing progress
    // callback (or exhausted memory) stops the transfer instead.
    try {
      const bool parsed = parser.feed(chunk, [&](const SseEvent& event) {
        if (stream_failed) return;
        if (!stream.on_event(event)) {
          stream_failed = true;
          return;
        }
        if (progress && stream.reply().text.size() != reported_chars) {
          reported_chars = stream.reply().text.size();
          progress(reported_chars);
        }
      });
      return parsed && !stream_failed;
    } catch (const std::exception& error) {
      callback_error = error.what();
      return false;
    }
  };
  const HttpResult result = http_post(http, request.stream ? on_stream : StreamFn{});

  ChatOutcome outcome;
  if (callback_error) {
    outcome.failure = make_failure(FailureKind::client, "internal error while streaming: " + *callback_error);
  } else if (stream_failed && stream.failure()) {
    outcome.failure = *stream.failure();
  } else if (result.error == TransportError::aborted && parser.failed()) {
    outcome.failure = make_failure(FailureKind::bad_response, "a stream line passed the size limit", 200);
  } else if (result.error != TransportError::none) {
    outcome.failure = transport_failure(result, result.streamed);
  } else if (result.status < 200 || result.status >= 300) {
    outcome.failure =
        format.parse_error(static_cast<int>(result.status), result.body, retry_after_header_ms(result));
  } else if (result.streamed) {
    if (stream.done()) {
      outcome.reply = stream.reply();
    } else {
      outcome.failure = make_failure(FailureKind::cut_stream,
                                     std::string("the stream ended before ") + format.end_event, 200);
    }
  } else {
    outcome = format.parse_reply(result.body);  // also a stream request answered without streaming
    if (!outcome.ok()) outcome.failure.http_status = static_cast<int>(result.status);
  }
  if (!outcome.ok()) scrub_key(outcome.failure, provider.api_key);
  return outcome;
}

}  // namespace

ChatOutcome chat(const ProviderConfig& provider, const ChatRequest& request, const ProgressFn& progress,
                 const std::atomic<bool>* cancel) {
  try {
    if (provider.kind == ProviderKind::anthropic)
      return run_chat<anthropic::MessageStream>(provider, request, progress, cancel);
    return run_chat<openai::ChatStream>(provider, request, progress, cancel);
  } catch (const std::exception& error) {  // out of memory, or a progress callback that threw
    ChatOutcome outcome;
    outcome.failure = make_failure(FailureKind::client, std::string("internal error: ") + error.what());
    scrub_key(outcome.failure, provider.api_key);
    return outcome;
  }
}

EmbedOutcome embed(const ProviderConfig& provider, const std::string& model,
                   const std::vector<std::string>& texts, const std::atomic<bool>* cancel) {
  EmbedOutcome outcome;
  try {
    if (provider.kind == ProviderKind::anthropic) {
      outcome.failure = make_failure(FailureKind::client, "Anthropic's API has no embeddings endpoint");
      return outcome;
    }
    if (texts.empty()) {
      outcome.vectors.emplace();
      return outcome;
    }
    HttpRequest http;
    http.url = openai::embeddings_url(provider.base_url);
    http.headers = openai::headers(provider);
    http.body = openai::embeddings_body(model, texts);
    http.connect_timeout_ms = provider.connect_timeout_ms;
    http.total_timeout_ms = provider.total_timeout_ms;
    http.cancel = cancel;
    const HttpResult result = http_post(http);
    if (result.error != TransportError::none) {
      outcome.failure = transport_failure(result, false);
    } else if (result.status < 200 || result.status >= 300) {
      outcome.failure =
          openai::parse_error(static_cast<int>(result.status), result.body, retry_after_header_ms(result));
    } else {
      outcome = openai::parse_embeddings_reply(result.body, texts.size());
      if (!outcome.ok()) outcome.failure.http_status = static_cast<int>(result.status);
    }
  } catch (const std::exception& error) {
    outcome = EmbedOutcome{};
    outcome.failure = make_failure(FailureKind::client, std::string("internal error: ") + error.what());
  }
  if (!outcome.ok()) scrub_key(outcome.failure, provider.api_key);
  return outcome;
}

const char* to_string(ProviderKind kind) { return kind == ProviderKind::anthropic ? "anthropic" : "openai"; }

std::optional<ProviderKind> provider_kind_from(const std::string& name) {
  if (name == "openai") return ProviderKind::openai;
  if (name == "anthropic") return ProviderKind::anthropic;
  return std::nullopt;
}

const char* to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::rate_limited:
      return "rate_limited";
    case FailureKind::server:
      return "server";
    case FailureKind::timeout:
      return "timeout";
    case FailureKind::network:
      return "network";
    case FailureKind::cut_stream:
      return "cut_stream";
    case FailureKind::bad_response:
      return "bad_response";
    case FailureKind::auth:
      return "auth";
    case FailureKind::client:
      return "client";
    case FailureKind::breaker_open:
      return "breaker_open";
    case FailureKind::cancelled:
      return "cancelled";
  }
  return "network";
}

bool retryable(FailureKind kind) {
  switch (kind) {
    case FailureKind::rate_limited:
    case FailureKind::server:
    case FailureKind::timeout:
    case FailureKind::network:
    case FailureKind::cut_stream:
    case FailureKind::bad_response:
      return true;
    case FailureKind::auth:
    case FailureKind::client:
    case FailureKind::breaker_open:
    case FailureKind::cancelled:
      return false;
  }
  return false;
}

bool counts_against_breaker(FailureKind kind) {
  // The same kinds as retryable() today: the provider is unwell or pushing back. auth and client are
  // answers a healthy provider gave on purpose.
  return retryable(kind);
}

ErrorCode error_code_for(FailureKind kind) {
  switch (kind) {
    case FailureKind::rate_limited:
      return ErrorCode::rate_limited;
    case FailureKind::timeout:
      return ErrorCode::provider_timeout;
    case FailureKind::bad_response:
      return ErrorCode::bad_reply;
    case FailureKind::breaker_open:
      return ErrorCode::breaker_open;
    case FailureKind::cancelled:
      return ErrorCode::cancelled;
    case FailureKind::server:
    case FailureKind::network:
    case FailureKind::cut_stream:
    case FailureKind::auth:
    case FailureKind::client:
      return ErrorCode::provider_error;
  }
  return ErrorCode::provider_error;
}

namespace wire {

Failure stream_failure(FailureKind kind, std::string message) {
  Failure failure;
  failure.kind = kind;
  failure.http_status = 200;
  failure.message = std::move(message);
  if (kind == FailureKind::rate_limited) failure.retry_after_ms = retry_after_from_message(failure.message);
  return failure;
}

}  // namespace wire

}  // namespace joblens::host::llm
