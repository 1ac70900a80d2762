// The host's parts wired together: database (opened and migrated), the core's engine, the context
// and the dispatcher. main() and the integration benchmark build one.
#pragma once

#include <memory>
#include <string>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/llm/service.hpp"
#include "native-host/queue/worker_pool.hpp"

namespace joblens::host {

struct HostApp {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Context> context;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<llm::LlmService> llm;  // outlives the queue, whose LLM tasks use it
  // Last, so that it is destroyed (its threads stopped) first. Built with its task kinds registered
  // but not started: serve_command starts it with the event writer; tests may start it themselves.
  std::unique_ptr<queue::WorkerPool> queue;
};

inline constexpr const char* kHostVersion = JOBLENS_VERSION;
// The queue's workers: LLM tasks mostly wait on the network, and a page's batch of postings goes out
// as about five requests at once (docs/benchmarks.md, llm.batch25).
inline constexpr int kHostWorkers = 5;

Result<HostApp> open_host(const std::string& database_path, std::size_t max_reply);

}  // namespace joblens::host
