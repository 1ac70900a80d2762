// Cache keys: a fast 64-bit hash (xxHash3) of the profile version and the job's content.
#pragma once

#include <cstdint>
#include <string_view>

#include "shared/model/job.hpp"

namespace joblens::cache {

// Changes when the profile version or any field of the job that scoring reads changes.
std::uint64_t score_key(std::string_view profile_version, const model::Job& job);

}  // namespace joblens::cache
