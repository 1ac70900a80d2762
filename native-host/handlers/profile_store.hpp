// Reading the latest profile, shared by the profile and score handlers.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "native-host/storage/sqlite.hpp"

namespace joblens::host {

struct StoredProfile {
  std::int64_t version = 0;  // 0: no profile saved yet
  nlohmann::json data;
  std::int64_t saved_at = 0;
};

Result<StoredProfile> load_profile(storage::Database& db);
// The latest saved version only (0: none), without reading the profile.
Result<std::int64_t> latest_profile_version(storage::Database& db);

}  // namespace joblens::host
