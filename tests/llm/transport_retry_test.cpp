// Backoff bounds, Retry-After (delta-seconds and HTTP-date), provider rate-limit phrasing, and the
// mapping of HTTP statuses to failure kinds.
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>

#include "native-host/llm/retry.hpp"

using namespace joblens::host::llm;

TEST_CASE("backoff: full jitter stays within [0, min(max, base * 2^(n-1))] and reaches its ceiling") {
  RetryPolicy policy;
  policy.base_delay_ms = 100;
  policy.max_delay_ms = 1'000;
  for (int failed = 1; failed <= 8; ++failed) {
    const std::int64_t ceiling = std::min<std::int64_t>(1'000, 100LL << (failed - 1));
    for (std::uint64_t bits : std::initializer_list<std::uint64_t>{
             0, 1, 12345, 987654321, std::numeric_limits<std::uint64_t>::max()}) {
      const auto delay = backoff_delay_ms(policy, failed, bits);
      CHECK(delay >= 0);
      CHECK(delay <= ceiling);
    }
    // bits ≡ ceiling (mod ceiling + 1) gives the ceiling itself: the range is not accidentally shorter.
    CHECK(backoff_delay_ms(policy, failed, static_cast<std::uint64_t>(ceiling)) == ceiling);
  }
  CHECK(backoff_delay_ms(policy, 0, 100) == 100);       // treated as the first failure
  CHECK(backoff_delay_ms(policy, 1000, 1000) == 1000);  // no overflow on absurd counts
}

TEST_CASE("backoff: decorrelated jitter stays within [base, min(max, 3 * previous)]") {
  RetryPolicy policy;
  policy.base_delay_ms = 100;
  policy.max_delay_ms = 2'000;
  for (std::uint64_t bits = 0; bits < 5'000; bits += 37) {
    const auto delay = decorrelated_delay_ms(policy, 400, bits);
    CHECK(delay >= 100);
    CHECK(delay <= 1'200);
  }
  CHECK(decorrelated_delay_ms(policy, 1'500, 1'900) == 2'000);
}

TEST_CASE("retry-after: delta-seconds, fractions, and rejects") {
  CHECK(parse_retry_after("120", 0) == 120'000);
  CHECK(parse_retry_after(" 2 ", 0) == 2'000);
  CHECK(parse_retry_after("0", 0) == 0);
  CHECK(parse_retry_after("1.5", 0) == 1'500);
  CHECK_FALSE(parse_retry_after("", 0));
  CHECK_FALSE(parse_retry_after("soon", 0));
  CHECK_FALSE(parse_retry_after("12abc", 0));
  CHECK_FALSE(parse_retry_after("-3", 0));
}

TEST_CASE("retry-after: an HTTP-date is relative to now, and a past date is 0") {
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch (RFC 9110's example).
  const std::int64_t date_ms = 784'111'777'000;
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", date_ms - 5'000) == 5'000);
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", date_ms - 1'000) == 1'000);  // RFC 850
  CHECK(parse_retry_after("Sun Nov  6 08:49:37 1994", date_ms - 2'000) == 2'000);        // asctime
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", date_ms + 60'000) == 0);
}

TEST_CASE("retry delay in provider messages") {
  CHECK(retry_after_from_message("Rate limit reached for gpt-4o. Please try again in 1.5s. Visit ...") ==
        1'500);
  CHECK(retry_after_from_message("Rate limit reached for requests. Please try again in 20ms.") == 20);
  CHECK(retry_after_from_message("Please try again in 2m59.56s.") == 179'560);
  CHECK(retry_after_from_message("Please retry after 7 seconds") == 7'000);
  CHECK(retry_after_from_message("TRY AGAIN IN 3S") == 3'000);
  CHECK(retry_after_from_message(R"({"error":{"code":429,"details":[{"@type":"type.googleapis.com/)"
                                 R"(google.rpc.RetryInfo","retryDelay":"12s"}]}})") == 12'000);
  CHECK(retry_after_from_message(R"(quota exceeded \"retryDelay\": \"31s\")") == 31'000);
  CHECK_FALSE(retry_after_from_message("Rate limit reached for requests"));
  CHECK_FALSE(retry_after_from_message("please try again in a while"));
  CHECK_FALSE(retry_after_from_message(""));
}

TEST_CASE("rate-limit phrasing is recognised, other messages are not") {
  CHECK(mentions_rate_limit("Rate limit reached for requests"));
  CHECK(mentions_rate_limit("You exceeded your current quota, please check your plan"));
  CHECK(mentions_rate_limit("RESOURCE_EXHAUSTED"));
  CHECK(mentions_rate_limit("Too Many Requests"));
  CHECK_FALSE(mentions_rate_limit("Invalid 'messages': expected an array"));
}

TEST_CASE("classify: statuses and messages to failure kinds") {
  CHECK(classify_http_failure(429, "slow down", std::nullopt).kind == FailureKind::rate_limited);
  CHECK(classify_http_failure(500, "", std::nullopt).kind == FailureKind::server);
  CHECK(classify_http_failure(503, "", std::nullopt).kind == FailureKind::server);
  CHECK(classify_http_failure(529, "Overloaded", std::nullopt).kind == FailureKind::server);
  CHECK(classify_http_failure(408, "", std::nullopt).kind == FailureKind::server);
  CHECK(classify_http_failure(409, "", std::nullopt).kind == FailureKind::server);
  CHECK(classify_http_failure(401, "", std::nullopt).kind == FailureKind::auth);
  CHECK(classify_http_failure(403, "", std::nullopt).kind == FailureKind::auth);
  CHECK(classify_http_failure(404, "no such model", std::nullopt).kind == FailureKind::client);
  CHECK(classify_http_failure(400, "bad messages", std::nullopt).kind == FailureKind::client);
  CHECK(classify_http_failure(400, "Quota exceeded for metric", std::nullopt).kind ==
        FailureKind::rate_limited);

  const Failure with_header = classify_http_failure(429, "Please try again in 9s", 2'000);
  CHECK(with_header.retry_after_ms == 2'000);  // the header wins over the message
  CHECK(with_header.http_status == 429);
  CHECK(with_header.message.find("429") != std::string::npos);
  CHECK(classify_http_failure(429, "Please try again in 9s", std::nullopt).retry_after_ms == 9'000);
  CHECK_FALSE(classify_http_failure(401, "try again in 9s", std::nullopt).retry_after_ms);
}

TEST_CASE("failure kinds: names, retryability, breaker accounting and wire codes") {
  CHECK(std::string(to_string(FailureKind::cut_stream)) == "cut_stream");
  CHECK(std::string(to_string(FailureKind::breaker_open)) == "breaker_open");
  CHECK(retryable(FailureKind::rate_limited));
  CHECK(retryable(FailureKind::cut_stream));
  CHECK_FALSE(retryable(FailureKind::auth));
  CHECK_FALSE(retryable(FailureKind::breaker_open));
  CHECK_FALSE(retryable(FailureKind::cancelled));
  CHECK(counts_against_breaker(FailureKind::timeout));
  CHECK_FALSE(counts_against_breaker(FailureKind::client));
  CHECK(error_code_for(FailureKind::rate_limited) == joblens::ErrorCode::rate_limited);
  CHECK(error_code_for(FailureKind::timeout) == joblens::ErrorCode::provider_timeout);
  CHECK(error_code_for(FailureKind::bad_response) == joblens::ErrorCode::bad_reply);
  CHECK(error_code_for(FailureKind::auth) == joblens::ErrorCode::provider_error);
  CHECK(error_code_for(FailureKind::cancelled) == joblens::ErrorCode::cancelled);
  CHECK(provider_kind_from("anthropic") == ProviderKind::anthropic);
  CHECK(provider_kind_from("openai") == ProviderKind::openai);
  CHECK_FALSE(provider_kind_from("gemini"));
  CHECK(std::string(to_string(ProviderKind::anthropic)) == "anthropic");
}
