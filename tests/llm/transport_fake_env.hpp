// An injected clock and sleep for the resilience tests: sleeping advances the clock instantly and is
// recorded, so that a test sees exactly which waits the retry loop chose.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "native-host/llm/resilient_call.hpp"

namespace joblens::host::llm::testing {

struct FakeEnv {
  std::int64_t now = 1'000'000;
  std::vector<std::int64_t> sleeps;
  std::uint64_t random_bits = 0;  // 0: every jittered backoff is 0 ms
  std::atomic<bool> cancel{false};
  bool cancel_on_sleep = false;  // set the cancel flag when the loop goes to sleep

  CallEnv env() {
    CallEnv out;
    out.now_ms = [this] { return now; };
    out.sleep_ms = [this](std::int64_t ms) {
      sleeps.push_back(ms);
      now += ms;
      if (cancel_on_sleep) cancel = true;
    };
    out.cancel = &cancel;
    out.random = [this] { return random_bits; };
    return out;
  }
};

}  // namespace joblens::host::llm::testing
