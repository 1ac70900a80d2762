// What the rest of the host sees of an LLM provider: a configured endpoint, a chat request, and an
// outcome that is either a reply or a classified failure (so the chain can decide to retry, wait,
// fall back or stop). Transport lives in http_client.*, the wire formats in openai.* and anthropic.*.
// Issue #4: providers on libcurl, OpenAI-compatible and Anthropic.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::llm {

enum class ProviderKind { openai, anthropic };

// One configured provider. `openai` covers every OpenAI-compatible server (OpenAI, OpenRouter, Groq,
// Gemini's compatible endpoint, Ollama, llama.cpp); base_url ends before "/chat/completions", e.g.
// "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1". `anthropic`: "https://api.anthropic.com/v1".
struct ProviderConfig {
  std::string id;  // the person's name for it, unique: "openai", "local-ollama"
  ProviderKind kind = ProviderKind::openai;
  std::string base_url;
  std::string api_key;       // never leaves the host
  int requests_per_min = 0;  // 0: no limit of our own
  int tokens_per_min = 0;
  int connect_timeout_ms = 5'000;
  int total_timeout_ms = 60'000;
};

struct ChatMessage {
  std::string role;  // "user" or "assistant"; the system prompt is ChatRequest::system
  std::string content;
};

struct ChatRequest {
  std::string model;
  std::string system;
  std::vector<ChatMessage> messages;
  int max_tokens = 1024;
  double temperature = 0.0;
  bool json_output = true;  // ask for a JSON object where the API allows it
  bool stream = false;      // SSE; progress is reported as text arrives
};

struct Usage {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
};

struct ChatReply {
  std::string text;
  Usage usage;
  std::string model;          // as the provider reports it
  std::string finish_reason;  // "stop", "length", ...
};

enum class FailureKind {
  rate_limited,  // 429 or a provider's rate-limit message: wait (retry_after_ms) and retry
  server,        // 5xx: retry with backoff
  timeout,       // connect or total timeout: retry
  network,       // refused, reset, DNS: retry
  cut_stream,    // the stream ended before its end event: retry
  bad_response,  // not JSON, or JSON of the wrong shape: retry once, then next in the chain
  auth,          // 401/403: next in the chain, no retry
  client,        // other 4xx: next in the chain, no retry
  breaker_open,  // our circuit breaker for this provider is open: next in the chain at once, no request sent
  cancelled,     // the caller's cancel flag was set: stop the whole chain
};

struct Failure {
  FailureKind kind = FailureKind::network;
  int http_status = 0;                         // 0 when no response arrived
  std::optional<std::int64_t> retry_after_ms;  // from Retry-After or the provider's message
  std::string message;                         // for logs and the last_error of a task; never holds the key
};

struct ChatOutcome {
  std::optional<ChatReply> reply;  // set on success
  Failure failure;                 // meaningful when !reply
  bool ok() const { return reply.has_value(); }
};

struct EmbedOutcome {
  std::optional<std::vector<std::vector<float>>> vectors;  // one per input text, in order
  Usage usage;
  Failure failure;
  bool ok() const { return vectors.has_value(); }
};

// Called as streamed text arrives: the characters received so far.
using ProgressFn = std::function<void(std::size_t chars)>;

// One attempt, no retries (resilient_call.* wraps these). Never throws. `cancel`, when set during the
// transfer, aborts it with a `cancelled` failure.
ChatOutcome chat(const ProviderConfig& provider, const ChatRequest& request, const ProgressFn& progress = {},
                 const std::atomic<bool>* cancel = nullptr);
EmbedOutcome embed(const ProviderConfig& provider, const std::string& model,
                   const std::vector<std::string>& texts, const std::atomic<bool>* cancel = nullptr);

const char* to_string(ProviderKind kind);
std::optional<ProviderKind> provider_kind_from(const std::string& name);
const char* to_string(FailureKind kind);
// Worth another attempt at the same provider (rate_limited, server, timeout, network, cut_stream,
// bad_response); auth, client, breaker_open and cancelled are not.
bool retryable(FailureKind kind);
// Whether the kind counts against the provider's circuit breaker: the provider is unwell (server,
// timeout, network, cut_stream, bad_response) or pushing back (rate_limited). auth and client are the
// request's or the configuration's fault, and a healthy provider answered them deliberately.
bool counts_against_breaker(FailureKind kind);
// The wire error code for a failure that ends a call: rate_limited → rate_limited (4003), timeout →
// provider_timeout (4004), bad_response → bad_reply (4005), breaker_open → breaker_open (4007),
// cancelled → cancelled (4009), everything else → provider_error (4008).
ErrorCode error_code_for(FailureKind kind);

}  // namespace joblens::host::llm
