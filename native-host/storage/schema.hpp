// The host database's schema, as an ordered list of migrations (docs/storage.md). The database's
// `PRAGMA user_version` is the number of migrations applied; opening a database runs the missing ones,
// each in its own transaction, and refuses one written by a newer JobLens.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "native-host/storage/sqlite.hpp"

namespace joblens::host::storage {

struct Migration {
  int version;  // the user_version after this step
  std::string_view summary;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

Result<int> schema_version(Database& db);

// Brings the database to `target` (default: the latest). Safe to call from two hosts at once: each
// step re-reads the version inside its write transaction.
std::optional<Error> migrate(Database& db, std::optional<int> target = std::nullopt);

}  // namespace joblens::host::storage
