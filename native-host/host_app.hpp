// The host's parts wired together: database (opened and migrated), the core's engine, the context
// and the dispatcher. main() and the integration benchmark build one.
#pragma once

#include <memory>
#include <string>

#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

struct HostApp {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Context> context;
  std::unique_ptr<Dispatcher> dispatcher;
};

inline constexpr const char* kHostVersion = JOBLENS_VERSION;

Result<HostApp> open_host(const std::string& database_path, std::size_t max_reply);

}  // namespace joblens::host
