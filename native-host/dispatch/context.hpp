// What every handler may use: the database, the core's engine and a clock. Tests build one over a
// temporary database and call the dispatcher directly, without pipes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "native-host/storage/sqlite.hpp"
#include "shared/engine/engine.hpp"
#include "shared/match/profile_view.hpp"

namespace joblens::host {

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
};

std::int64_t system_now_ms();

}  // namespace joblens::host
