// scripts/bench intelligence, the LLM half: 25 postings analysed through the chain (the queue's
// workers, the provider, schema checks) against the local test server, whose every request takes a
// fixed simulated latency. Prints `name: value unit`:
//   llm.batch25_latency_ratio  wall time for all 25 / one request's latency (bar: <= 2)
//   llm.batch25_requests       requests sent (postings are batched 5 to a request)
//   llm.batch25_max_in_flight  requests the server saw at once
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

#include "native-host/host_app.hpp"
#include "native-host/protocol/frame.hpp"
#include "tests/support/llm_test_server.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kLatencyMs = 400;
constexpr int kJobs = 25;

// Five analyses: the reply to one batched request.
std::string batch_reply() {
  json one{{"summary", "A data engineering role."},
           {"requirements", {"Python", "SQL"}},
           {"must_haves", {"Python"}},
           {"nice_to_haves", {"Kafka"}},
           {"red_flags", json::array()},
           {"seniority", "senior"},
           {"visa_sponsorship", "unknown"},
           {"relocation", "unknown"},
           {"salary", nullptr}};
  json analyses = json::array();
  for (int i = 0; i < 5; ++i) analyses.push_back(one);
  return json{{"analyses", analyses}}.dump();
}

// Realistic postings: the labelled corpus's, with ids of our own.
json corpus_jobs() {
  std::ifstream in(std::string(JOBLENS_SOURCE_DIR) + "/tests/corpus/postings.jsonl");
  json jobs = json::array();
  std::string line;
  while (static_cast<int>(jobs.size()) < kJobs && std::getline(in, line)) {
    json job = json::parse(line, nullptr, false);
    if (job.is_discarded()) continue;
    job["id"] = std::to_string(4'200'000'000LL + static_cast<long long>(jobs.size()));
    jobs.push_back(job);
  }
  return jobs;
}

}  // namespace

int main() {
  std::string dir = (std::filesystem::temp_directory_path() / "joblens-llm-bench-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) return 1;
  int status = 1;
  {
    joblens::testing::ServerConfig config;
    config.latency_ms = kLatencyMs;
    config.default_content = batch_reply();
    joblens::testing::LlmTestServer server(config);

    auto app = joblens::host::open_host(dir + "/joblens.db", joblens::host::protocol::kMaxOutboundFrame);
    if (!app) {
      std::fprintf(stderr, "llm_bench: %s\n", app.error().message.c_str());
      return 1;
    }
    auto& dispatcher = *app->dispatcher;
    json provider{{"id", "bench"}, {"kind", "openai_compatible"}, {"base_url", server.openai_base_url()},
                  {"model", "bench-model"}};
    if (!dispatcher.call("settings.put", {{"settings", {{"llm.providers", json::array({provider})}}}})) return 1;
    const json jobs = corpus_jobs();
    if (static_cast<int>(jobs.size()) != kJobs || !dispatcher.call("jobs.upsert", {{"jobs", jobs}})) return 1;

    std::mutex mutex;
    std::condition_variable finished;
    int done = 0;
    app->queue->start([&](const json& event) {
      if (event.value("event", "") != "task.done" && event.value("event", "") != "task.dead") return;
      std::lock_guard lock(mutex);
      ++done;
      finished.notify_all();
    });

    json ids = json::array();
    for (const json& job : jobs) ids.push_back(job["id"]);
    const auto start = Clock::now();
    auto enqueued = dispatcher.call("llm.analyze", {{"ids", ids}});
    if (!enqueued) return 1;
    const int tasks = static_cast<int>((*enqueued)["task_ids"].size());
    {
      std::unique_lock lock(mutex);
      finished.wait_for(lock, std::chrono::seconds(60), [&] { return done >= tasks; });
    }
    const double wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();

    // Every posting must have its own analysis now, from the model.
    int analysed = 0;
    for (const json& id : ids) {
      auto one = dispatcher.call("llm.analyze", {{"id", id}});
      if (one && (*one)["state"] == "done" && !(*one).value("offline", true)) ++analysed;
    }
    std::printf("llm.batch25_latency_ratio: %.2f ratio\n", wall_ms / kLatencyMs);
    std::printf("llm.batch25_requests: %zu requests\n", server.request_count());
    std::printf("llm.batch25_max_in_flight: %d requests\n", server.max_in_flight());
    std::printf("llm.batch25_analysed: %d jobs\n", analysed);
    status = analysed == kJobs ? 0 : 1;
    app->queue->stop();
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return status;
}
