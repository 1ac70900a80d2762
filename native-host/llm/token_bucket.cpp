#include "native-host/llm/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace joblens::host::llm {

TokenBucket::TokenBucket(double per_minute) : per_minute_(per_minute), level_(std::max(0.0, per_minute)) {}

void TokenBucket::refill_locked(std::int64_t now_ms) {
  if (last_ms_ && now_ms > *last_ms_) {
    level_ = std::min(per_minute_, level_ + static_cast<double>(now_ms - *last_ms_) * per_minute_ / 60'000.0);
  }
  if (!last_ms_ || now_ms > *last_ms_) last_ms_ = now_ms;
}

double TokenBucket::effective_amount(double amount) const { return std::clamp(amount, 0.0, per_minute_); }

std::int64_t TokenBucket::wait_ms(double amount, std::int64_t now_ms) {
  if (unlimited()) return 0;
  const std::lock_guard lock(mutex_);
  refill_locked(now_ms);
  const double missing = effective_amount(amount) - level_;
  if (missing <= 0) return 0;
  return static_cast<std::int64_t>(std::ceil(missing * 60'000.0 / per_minute_));
}

bool TokenBucket::try_take(double amount, std::int64_t now_ms) {
  if (unlimited()) return true;
  const std::lock_guard lock(mutex_);
  refill_locked(now_ms);
  const double needed = effective_amount(amount);
  // A tiny tolerance: the wait computed by wait_ms() is rounded up, but floating point may still
  // leave the level a hair short after exactly that wait.
  if (level_ + 1e-9 < needed) return false;
  level_ -= needed;
  return true;
}

void TokenBucket::adjust(double delta, std::int64_t now_ms) {
  if (unlimited()) return;
  const std::lock_guard lock(mutex_);
  refill_locked(now_ms);
  level_ = std::clamp(level_ + delta, -per_minute_, per_minute_);
}

double TokenBucket::available(std::int64_t now_ms) {
  if (unlimited()) return INFINITY;
  const std::lock_guard lock(mutex_);
  refill_locked(now_ms);
  return level_;
}

}  // namespace joblens::host::llm
