// A circuit breaker per provider: after `failure_threshold` consecutive failures it opens and every
// call fails fast (no request is sent) for `open_ms`; then it is half-open and lets exactly one trial
// request through, whose success closes it and whose failure opens it again. Thread-safe: one breaker
// is shared by every thread calling the provider.
#pragma once

#include <cstdint>
#include <mutex>

#include <nlohmann/json.hpp>

namespace joblens::host::llm {

// Outside the class: GCC rejects a nested struct with member initialisers as a default argument of
// its enclosing class's constructor.
struct CircuitBreakerOptions {
  int failure_threshold = 5;      // consecutive counted failures that open the breaker
  std::int64_t open_ms = 30'000;  // how long it stays open before a half-open trial
};

class CircuitBreaker {
 public:
  enum class State { closed, open, half_open };
  using Options = CircuitBreakerOptions;

  explicit CircuitBreaker(Options options = {});

  // Whether a request may be sent now. In half-open state only one caller gets true until that trial
  // reports back (record_success / record_failure / record_neutral).
  bool allow(std::int64_t now_ms);
  void record_success();
  void record_failure(std::int64_t now_ms);
  // The outcome says nothing about the provider's health (auth or client error, cancelled): the
  // failure count is kept, and a half-open trial slot is released for the next caller.
  void record_neutral();

  State state(std::int64_t now_ms) const;
  int consecutive_failures() const;
  // For `status`: {"state": "closed"|"open"|"half_open", "consecutive_failures": n,
  // "failure_threshold": n, "retry_in_ms": ms until half-open (open only)}.
  nlohmann::json status(std::int64_t now_ms) const;

 private:
  State state_locked(std::int64_t now_ms) const;

  Options options_;
  mutable std::mutex mutex_;
  State state_ = State::closed;  // as last stored; open turns half-open by time (see state_locked)
  int failures_ = 0;
  std::int64_t opened_at_ms_ = 0;
  bool trial_in_flight_ = false;
};

const char* to_string(CircuitBreaker::State state);

}  // namespace joblens::host::llm
