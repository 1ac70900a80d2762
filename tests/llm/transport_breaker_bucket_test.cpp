// The circuit breaker's transitions and the token bucket's arithmetic, on an injected clock.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "native-host/llm/circuit_breaker.hpp"
#include "native-host/llm/token_bucket.hpp"

using namespace joblens::host::llm;

TEST_CASE("breaker: closed until N consecutive failures, then open, half-open after the timeout") {
  CircuitBreaker breaker({3, 1'000});
  CHECK(breaker.state(0) == CircuitBreaker::State::closed);
  breaker.record_failure(10);
  breaker.record_failure(20);
  CHECK(breaker.allow(20));
  CHECK(breaker.state(20) == CircuitBreaker::State::closed);
  breaker.record_failure(30);
  CHECK(breaker.state(30) == CircuitBreaker::State::open);
  CHECK_FALSE(breaker.allow(500));
  CHECK(breaker.status(500)["state"] == "open");
  CHECK(breaker.status(500)["retry_in_ms"] == 530);
  CHECK(breaker.status(500)["consecutive_failures"] == 3);
  CHECK_FALSE(breaker.allow(1'029));
  CHECK(breaker.state(1'030) == CircuitBreaker::State::half_open);
  CHECK(breaker.status(1'030)["state"] == "half_open");
  CHECK(breaker.allow(1'030));        // the one trial
  CHECK_FALSE(breaker.allow(1'031));  // nobody else while it runs
  breaker.record_success();
  CHECK(breaker.state(1'032) == CircuitBreaker::State::closed);
  CHECK(breaker.consecutive_failures() == 0);
  CHECK(breaker.allow(1'032));
}

TEST_CASE("breaker: a success resets the count, so failures must be consecutive") {
  CircuitBreaker breaker({2, 1'000});
  breaker.record_failure(0);
  breaker.record_success();
  breaker.record_failure(1);
  CHECK(breaker.state(1) == CircuitBreaker::State::closed);
  breaker.record_failure(2);
  CHECK(breaker.state(2) == CircuitBreaker::State::open);
}

TEST_CASE("breaker: a failed half-open trial opens it again for a full period") {
  CircuitBreaker breaker({1, 100});
  breaker.record_failure(0);
  CHECK(breaker.allow(100));
  breaker.record_failure(150);
  CHECK(breaker.state(200) == CircuitBreaker::State::open);
  CHECK_FALSE(breaker.allow(249));
  CHECK(breaker.allow(250));
}

TEST_CASE("breaker: a neutral outcome releases the half-open trial without closing it") {
  CircuitBreaker breaker({1, 100});
  breaker.record_failure(0);
  CHECK(breaker.allow(100));
  breaker.record_neutral();
  CHECK(breaker.state(101) == CircuitBreaker::State::half_open);
  CHECK(breaker.allow(101));
  CHECK_FALSE(breaker.allow(102));
}

TEST_CASE("breaker: exactly one of many threads gets the half-open trial") {
  CircuitBreaker breaker({1, 10});
  breaker.record_failure(0);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { allowed += breaker.allow(100) ? 1 : 0; });
  for (auto& thread : threads) thread.join();
  CHECK(allowed == 1);
}

TEST_CASE("bucket: starts full, empties, refills at per_minute / 60000 per ms") {
  TokenBucket bucket(60);  // one per second
  for (int i = 0; i < 60; ++i) REQUIRE(bucket.try_take(1, 0));
  CHECK_FALSE(bucket.try_take(1, 0));
  CHECK(bucket.wait_ms(1, 0) == 1'000);
  CHECK(bucket.wait_ms(3, 500) == 2'500);
  CHECK_FALSE(bucket.try_take(1, 999));
  CHECK(bucket.try_take(1, 1'000));
  CHECK(bucket.wait_ms(1, 1'000) == 1'000);
  CHECK(bucket.available(1'000'000) == doctest::Approx(60));  // never above the capacity
}

TEST_CASE("bucket: an amount above the capacity waits for a full bucket instead of forever") {
  TokenBucket bucket(100);
  CHECK(bucket.try_take(100, 0));
  CHECK(bucket.wait_ms(500, 0) == 60'000);
  CHECK(bucket.try_take(500, 60'000));
}

TEST_CASE("bucket: adjust gives back or takes more, within bounds") {
  TokenBucket bucket(1'000);
  REQUIRE(bucket.try_take(1'000, 0));
  bucket.adjust(300, 0);
  CHECK(bucket.available(0) == doctest::Approx(300));
  bucket.adjust(-5'000, 0);
  CHECK(bucket.available(0) == doctest::Approx(-1'000));
  CHECK(bucket.wait_ms(1, 0) == 60'060);  // 1001 tokens short at 1000/min
}

TEST_CASE("bucket: a rate of zero is unlimited") {
  TokenBucket bucket(0);
  CHECK(bucket.unlimited());
  for (int i = 0; i < 1'000; ++i) REQUIRE(bucket.try_take(1e9, 0));
  CHECK(bucket.wait_ms(1e9, 0) == 0);
}

TEST_CASE("bucket: threads never take more than the capacity") {
  TokenBucket bucket(100);
  std::atomic<int> taken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 100; ++j) taken += bucket.try_take(1, 0) ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(taken == 100);
}
