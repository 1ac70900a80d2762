// A token bucket for our own per-provider limits (requests per minute, tokens per minute): it holds
// up to one minute's allowance, refills continuously, and starts full. Thread-safe. A rate <= 0 means
// unlimited. Hand-written: a few lines of arithmetic, no library worth a dependency.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace joblens::host::llm {

class TokenBucket {
 public:
  explicit TokenBucket(double per_minute);

  // Milliseconds until `amount` could be taken (0: now). Takes nothing. An amount above the capacity
  // is treated as the capacity, so that one large request waits for a full bucket instead of forever.
  std::int64_t wait_ms(double amount, std::int64_t now_ms);
  // Takes `amount` when available; false (and nothing taken) otherwise.
  bool try_take(double amount, std::int64_t now_ms);
  // Puts back (positive) or takes more (negative) once the real cost is known, e.g. the reply's token
  // count against the estimate. The level stays within [-capacity, capacity].
  void adjust(double delta, std::int64_t now_ms);

  bool unlimited() const { return per_minute_ <= 0; }
  double available(std::int64_t now_ms);

 private:
  void refill_locked(std::int64_t now_ms);
  double effective_amount(double amount) const;

  double per_minute_;
  std::mutex mutex_;
  double level_;
  std::optional<std::int64_t> last_ms_;  // set by the first use: the clock is whatever the caller injects
};

}  // namespace joblens::host::llm
