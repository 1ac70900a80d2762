#include "native-host/llm/circuit_breaker.hpp"

#include <algorithm>

namespace joblens::host::llm {

CircuitBreaker::CircuitBreaker(Options options) : options_(options) {
  options_.failure_threshold = std::max(1, options_.failure_threshold);
  options_.open_ms = std::max<std::int64_t>(0, options_.open_ms);
}

CircuitBreaker::State CircuitBreaker::state_locked(std::int64_t now_ms) const {
  if (state_ == State::open && now_ms - opened_at_ms_ >= options_.open_ms) return State::half_open;
  return state_;
}

bool CircuitBreaker::allow(std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  state_ = state_locked(now_ms);
  switch (state_) {
    case State::closed:
      return true;
    case State::open:
      return false;
    case State::half_open:
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::record_success() {
  const std::lock_guard lock(mutex_);
  state_ = State::closed;
  failures_ = 0;
  trial_in_flight_ = false;
}

void CircuitBreaker::record_failure(std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  ++failures_;
  const bool trial_failed = state_locked(now_ms) == State::half_open;
  if (trial_failed || failures_ >= options_.failure_threshold) {
    state_ = State::open;
    opened_at_ms_ = now_ms;
  }
  trial_in_flight_ = false;
}

void CircuitBreaker::record_neutral() {
  const std::lock_guard lock(mutex_);
  trial_in_flight_ = false;
}

CircuitBreaker::State CircuitBreaker::state(std::int64_t now_ms) const {
  const std::lock_guard lock(mutex_);
  return state_locked(now_ms);
}

int CircuitBreaker::consecutive_failures() const {
  const std::lock_guard lock(mutex_);
  return failures_;
}

nlohmann::json CircuitBreaker::status(std::int64_t now_ms) const {
  const std::lock_guard lock(mutex_);
  const State current = state_locked(now_ms);
  nlohmann::json out = {{"state", to_string(current)},
                        {"consecutive_failures", failures_},
                        {"failure_threshold", options_.failure_threshold}};
  if (current == State::open)
    out["retry_in_ms"] = std::max<std::int64_t>(0, opened_at_ms_ + options_.open_ms - now_ms);
  return out;
}

const char* to_string(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::closed:
      return "closed";
    case CircuitBreaker::State::open:
      return "open";
    case CircuitBreaker::State::half_open:
      return "half_open";
  }
  return "closed";
}

}  // namespace joblens::host::llm
