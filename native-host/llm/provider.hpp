// What the rest of the host sees of an LLM provider: a configured endpoint, a chat request, and an
// outcome that is either a reply or a classified failure (so the chain can decide to retry, wait,
// fall back or stop). Transport lives in http_client.*, the wire formats in openai.* and anthropic.*.
// Issue #4: providers on libcurl, OpenAI-compatible and Anthropic.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace joblens::host::llm {

enum class ProviderKind { openai, anthropic };

// One configured provider. `openai` covers every OpenAI-compatible server (OpenAI, OpenRouter, Groq,
// Gemini's compatible endpoint, Ollama, llama.cpp); base_url ends before "/chat/completions", e.g.
// "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1". `anthropic`: "https://api.anthropic.com/v1".
struct ProviderConfig {
  std::string id;  // the person's name for it, unique: "openai", "local-ollama"
  ProviderKind kind = ProviderKind::openai;
  std::string base_url;
  std::string api_key;  // never leaves the host
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
};

struct Failure {
  FailureKind kind = FailureKind::network;
  int http_status = 0;                      // 0 when no response arrived
  std::optional<std::int64_t> retry_after_ms;  // from Retry-After or the provider's message
  std::string message;                      // for logs and the last_error of a task; never holds the key
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

// One attempt, no retries (resilience.* wraps these). Never throws.
ChatOutcome chat(const ProviderConfig& provider, const ChatRequest& request, const ProgressFn& progress = {});
EmbedOutcome embed(const ProviderConfig& provider, const std::string& model, const std::vector<std::string>& texts);

const char* to_string(ProviderKind kind);
std::optional<ProviderKind> provider_kind_from(const std::string& name);
const char* to_string(FailureKind kind);
bool retryable(FailureKind kind);

}  // namespace joblens::host::llm
