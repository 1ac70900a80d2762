// What every handler may use: the database, the core's engine and a clock. Tests build one over a
// temporary database and call the dispatcher directly, without pipes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "native-host/storage/sqlite.hpp"
#include "shared/engine/engine.hpp"
#include "shared/match/profile_view.hpp"

namespace joblens::host {

namespace queue {
class WorkerPool;
}
namespace llm {
class LlmService;
}

// The stored profile prepared for scoring, kept while its version is current.
struct ProfileCache {
  std::int64_t version = 0;
  std::optional<match::ProfileView> view;
};

struct Context {
  storage::Database& db;
  Engine& engine;
  std::function<std::int64_t()> now_ms;  // milliseconds since the epoch
  std::string version;                   // of joblens-host
  ProfileCache profile_cache{};
  std::shared_ptr<void> similar_state;  // the similar-jobs indexes, created by the first jobs.similar
  // The background queue (native-host/queue): handlers enqueue long work here instead of blocking the
  // message loop. Owned by HostApp; its workers only run once serve() starts them.
  queue::WorkerPool* queue = nullptr;
  // The AI configuration and the provider chain (native-host/llm/service.hpp). Owned by HostApp.
  llm::LlmService* llm = nullptr;
};

std::int64_t system_now_ms();

}  // namespace joblens::host
