#include "native-host/llm/retry.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace joblens::host::llm {
namespace {

// A uniform integer in [0, bound] from 64 random bits (the modulo bias is negligible for delays).
std::int64_t uniform_up_to(std::int64_t bound, std::uint64_t random_bits) {
  if (bound <= 0) return 0;
  return static_cast<std::int64_t>(random_bits % (static_cast<std::uint64_t>(bound) + 1));
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses a decimal number ("1", "1.5", ".5") at `pos`; advances `pos`. nullopt when none is there.
std::optional<double> parse_number(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  if (pos < text.size() && text[pos] == '.' && pos + 1 < text.size() && is_digit(text[pos + 1])) {
    ++pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
  }
  if (pos == start) return std::nullopt;
  // std::from_chars for double is in libstdc++ 12; strtod would depend on the locale.
  double value = 0;
  const auto result = std::from_chars(text.data() + start, text.data() + pos, value);
  if (result.ec != std::errc{}) return std::nullopt;
  return value;
}

// Milliseconds per unit word, or 0 for a word that is not a time unit.
double unit_ms(std::string_view unit) {
  if (unit == "ms" || unit == "msec" || unit == "millisecond" || unit == "milliseconds") return 1;
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") return 1000;
  if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") return 60'000;
  if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours") return 3'600'000;
  return 0;
}

// A duration like "1.5s", "20ms", "2m59.56s", "7 seconds" at `pos` of lowercase text.
std::optional<std::int64_t> parse_duration(std::string_view text, std::size_t pos) {
  double total = 0;
  bool any = false;
  while (pos < text.size()) {
    std::size_t cursor = pos;
    const auto number = parse_number(text, cursor);
    if (!number) break;
    if (cursor < text.size() && text[cursor] == ' ') ++cursor;
    const std::size_t unit_start = cursor;
    while (cursor < text.size() && std::isalpha(static_cast<unsigned char>(text[cursor]))) ++cursor;
    // The run of letters is the unit: "ms" and "m" stay apart, and Go's "2m59.56s" reads as two parts.
    const double per_unit = unit_ms(text.substr(unit_start, cursor - unit_start));
    if (per_unit == 0) break;
    total += *number * per_unit;
    any = true;
    pos = cursor;
  }
  if (!any) return std::nullopt;
  return static_cast<std::int64_t>(std::ceil(total));
}

}  // namespace

std::int64_t backoff_delay_ms(const RetryPolicy& policy, int failed_attempts, std::uint64_t random_bits) {
  const int exponent = std::clamp(failed_attempts, 1, 40) - 1;
  const double ceiling = std::min(static_cast<double>(policy.max_delay_ms),
                                  static_cast<double>(policy.base_delay_ms) * std::ldexp(1.0, exponent));
  return uniform_up_to(static_cast<std::int64_t>(ceiling), random_bits);
}

std::int64_t decorrelated_delay_ms(const RetryPolicy& policy, std::int64_t previous_delay_ms,
                                   std::uint64_t random_bits) {
  const std::int64_t low = policy.base_delay_ms;
  const std::int64_t high =
      std::max(low, std::min(policy.max_delay_ms, std::max(previous_delay_ms, low) * 3));
  return std::min(policy.max_delay_ms, low + uniform_up_to(high - low, random_bits));
}

std::optional<std::int64_t> parse_retry_after(std::string_view header, std::int64_t now_unix_ms) {
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.front()))) header.remove_prefix(1);
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.back()))) header.remove_suffix(1);
  if (header.empty()) return std::nullopt;
  if (is_digit(header.front()) || header.front() == '.') {
    std::size_t pos = 0;
    const auto seconds = parse_number(header, pos);
    if (!seconds || pos != header.size()) return std::nullopt;
    return static_cast<std::int64_t>(std::ceil(*seconds * 1000));
  }
  // libcurl parses the three HTTP date formats RFC 9110 accepts.
  const std::string date(header);
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(when) * 1000 - now_unix_ms);
}

std::optional<std::int64_t> retry_after_from_message(std::string_view text) {
  const std::string lower = lowercase(text);
  // Gemini: "retryDelay": "12s" (possibly with escaped quotes inside a message string).
  if (const auto key = lower.find("retrydelay"); key != std::string::npos) {
    std::size_t pos = key + 10;
    while (pos < lower.size() &&
           (lower[pos] == '"' || lower[pos] == '\\' || lower[pos] == ':' || lower[pos] == ' '))
      ++pos;
    if (const auto delay = parse_duration(lower, pos)) return delay;
  }
  for (const std::string_view phrase : {"try again in ", "retry after ", "retry in ", "try again after "}) {
    std::size_t from = 0;
    while ((from = lower.find(phrase, from)) != std::string::npos) {
      from += phrase.size();
      if (const auto delay = parse_duration(lower, from)) return delay;
    }
  }
  return std::nullopt;
}

bool mentions_rate_limit(std::string_view text) {
  const std::string lower = lowercase(text);
  for (const std::string_view needle : {"rate limit", "rate_limit", "ratelimit", "too many requests", "quota",
                                        "resource_exhausted", "resource exhausted"}) {
    if (lower.find(needle) != std::string::npos) return true;
  }
  return false;
}

Failure classify_http_failure(int status, std::string message, std::optional<std::int64_t> retry_after_ms) {
  Failure failure;
  failure.http_status = status;
  if (!retry_after_ms) retry_after_ms = retry_after_from_message(message);
  if (status == 429) {
    failure.kind = FailureKind::rate_limited;
  } else if (status == 408 || status == 409 || status >= 500) {
    failure.kind = FailureKind::server;  // 529 (Anthropic "overloaded") included
  } else if (status == 401 || status == 403) {
    failure.kind = FailureKind::auth;
  } else if (status >= 400 && mentions_rate_limit(message)) {
    failure.kind = FailureKind::rate_limited;
  } else {
    failure.kind = FailureKind::client;
  }
  if (failure.kind == FailureKind::rate_limited || failure.kind == FailureKind::server)
    failure.retry_after_ms = retry_after_ms;
  failure.message = "HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message);
  return failure;
}

}  // namespace joblens::host::llm
