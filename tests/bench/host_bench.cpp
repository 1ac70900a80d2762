// Benchmarks of the real joblens-host over pipes (scripts/bench host): round trips per second,
// jobs.upsert latency, and memory at rest and over 100,000 messages. Prints `name: value unit`.
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "native-host/protocol/frame.hpp"
#include "tests/host/host_process.hpp"

using joblens::host::testing::HostProcess;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Jobs as a search page yields them: a card's fields plus a 3 KB description.
json jobs_batch(int round, int count) {
  json jobs = json::array();
  const std::string description(3000, 'x');
  for (int i = 0; i < count; ++i) {
    jobs.push_back({{"id", std::to_string(round) + "-" + std::to_string(i)},
                    {"title", "Senior Data Engineer"},
                    {"company", "Acme"},
                    {"location", "Lisbon, Portugal (Hybrid)"},
                    {"salary", "€60K/yr - €80K/yr"},
                    {"promoted", i % 5 == 0},
                    {"description", description}});
  }
  return jobs;
}

}  // namespace

int main() {
  std::string dir = (std::filesystem::temp_directory_path() / "joblens-bench-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) return 1;
  {
    HostProcess host(dir);
    if (host.call("hello")["type"] != "hello") return 1;
    std::printf("idle_rss_mb: %.1f MB\n", static_cast<double>(host.rss_kb()) / 1024.0);

    // Round trips: one small request, wait for its reply, repeat (real dispatch and a SQLite read).
    const std::string request = joblens::host::protocol::encode_frame(
        R"({"id":1,"type":"settings.get","args":{"keys":["filters.min_score"]}})");
    for (int i = 0; i < 2000; ++i) {
      host.write_raw(request);
      host.receive_raw();
    }
    constexpr int kTrips = 50000;
    auto start = Clock::now();
    for (int i = 0; i < kTrips; ++i) {
      host.write_raw(request);
      if (!host.receive_raw()) return 1;
    }
    std::printf("roundtrips_per_s: %.0f /s\n", kTrips / (ms_since(start) / 1000.0));

    for (const int size : {25, 1000}) {
      std::vector<double> times;
      for (int round = 0; round < (size == 25 ? 101 : 25); ++round) {
        const json args{{"jobs", jobs_batch(round * 10000 + size, size)}, {"layout", "E4"}};
        const std::string frame = joblens::host::protocol::encode_frame(
            json{{"id", 1}, {"type", "jobs.upsert"}, {"args", args}}.dump());
        start = Clock::now();
        host.write_raw(frame);
        auto reply = host.receive();
        if (!reply || (*reply)["type"] != "jobs.upsert") return 1;
        times.push_back(ms_since(start));
      }
      std::printf("upsert%d_ms: %.2f ms\n", size, median(times));
    }

    // Memory over 100,000 messages of mixed kinds, after a warm-up that fills caches and statements.
    const std::vector<std::string> mixed = {
        request,
        joblens::host::protocol::encode_frame(R"({"id":2,"type":"jobs.get","args":{"ids":["25-1","25-2"]}})"),
        joblens::host::protocol::encode_frame(R"({"id":3,"type":"stats"})"),
        joblens::host::protocol::encode_frame(R"({"id":4,"type":"no.such.type"})"),
        joblens::host::protocol::encode_frame(R"({"id":5,"type":"selectors.report","args":{"layout":"E4",)"
                                              R"("fields":[{"field":"title","step":0}]}})")};
    for (int i = 0; i < 5000; ++i) {
      host.write_raw(mixed[i % mixed.size()]);
      host.receive_raw();
    }
    const long warm = host.rss_kb();
    for (int i = 0; i < 100000; ++i) {
      host.write_raw(mixed[i % mixed.size()]);
      if (!host.receive_raw()) return 1;
    }
    std::printf("rss_growth_mb: %.1f MB\n", static_cast<double>(host.rss_kb() - warm) / 1024.0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
