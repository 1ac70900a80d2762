// Shared by the queue tests: a migrated database in a temporary directory, and waiting for a condition.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "native-host/storage/schema.hpp"
#include "native-host/storage/sqlite.hpp"
#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

struct QueueDb {
  TempDir dir;
  std::string path = dir.path + "/joblens.db";
  std::unique_ptr<storage::Database> db;

  QueueDb() {
    auto opened = storage::Database::open(path);
    REQUIRE(opened.ok());
    db = std::make_unique<storage::Database>(std::move(*opened));
    REQUIRE_FALSE(storage::migrate(*db).has_value());
  }
};

// Polls `done` every few milliseconds until it holds or `timeout` passes; returns whether it held.
inline bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

}  // namespace joblens::host::testing
