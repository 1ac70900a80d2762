// When to try a provider again and how long to wait first: exponential backoff with jitter, the
// Retry-After header, the delays providers write into their rate-limit messages, and the mapping of
// an HTTP error to a FailureKind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "native-host/llm/provider.hpp"

namespace joblens::host::llm {

struct RetryPolicy {
  int max_attempts = 3;                      // attempts in all, the first included
  std::int64_t base_delay_ms = 250;          // the first backoff's ceiling
  std::int64_t max_delay_ms = 8'000;         // no backoff is longer
  std::int64_t max_retry_after_ms = 30'000;  // a provider asking for longer: give up, let the chain move on
  std::int64_t max_bucket_wait_ms = 30'000;  // longest wait for our own token buckets
};

// "Full jitter" (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in
// [0, min(max_delay, base * 2^(failed_attempts-1))]. `random_bits` is the randomness, injected so that
// tests are deterministic. failed_attempts < 1 is treated as 1.
std::int64_t backoff_delay_ms(const RetryPolicy& policy, int failed_attempts, std::uint64_t random_bits);
// "Decorrelated jitter" from the same article: uniform in [base, previous * 3], capped at max_delay.
std::int64_t decorrelated_delay_ms(const RetryPolicy& policy, std::int64_t previous_delay_ms,
                                   std::uint64_t random_bits);

// Retry-After (RFC 9110 §10.2.3): delta-seconds ("120", fractions accepted as some providers send
// them) or an HTTP-date, relative to `now_unix_ms` (wall clock). A date in the past is 0. nullopt
// when the value is neither.
std::optional<std::int64_t> parse_retry_after(std::string_view header, std::int64_t now_unix_ms);

// A delay written in a provider's message or error body: "Please try again in 1.5s", "try again in
// 20ms", "Please try again in 2m59.56s" (OpenAI, Groq), "retry after 7 seconds", Gemini's
// `"retryDelay": "12s"`. nullopt when the text names no delay.
std::optional<std::int64_t> retry_after_from_message(std::string_view text);

// Whether a message speaks of rate limits or quotas ("Rate limit reached", "Too Many Requests",
// "quota", "RESOURCE_EXHAUSTED"): some providers say so with a 400 or inside a stream.
bool mentions_rate_limit(std::string_view text);

// An HTTP error (status >= 300) as a Failure: 429 → rate_limited; 408, 409, 5xx (529 included) →
// server; 401/403 → auth; other statuses → client, except a 400-class answer whose message speaks of
// rate limits → rate_limited. `retry_after_ms` is the header's; when absent, the message's delay.
Failure classify_http_failure(int status, std::string message, std::optional<std::int64_t> retry_after_ms);

}  // namespace joblens::host::llm
