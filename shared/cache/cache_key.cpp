#include "shared/cache/cache_key.hpp"

#include <xxhash.h>

namespace joblens::cache {
namespace {

// Each field is hashed with its length first, so ("ab","c") and ("a","bc") differ.
void feed(XXH3_state_t& state, std::string_view s) {
  const std::uint64_t length = s.size();
  XXH3_64bits_update(&state, &length, sizeof length);
  XXH3_64bits_update(&state, s.data(), s.size());
}

}  // namespace

std::uint64_t score_key(std::string_view profile_version, const model::Job& job) {
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  feed(state, profile_version);
  for (std::string_view field :
       {std::string_view(job.id), std::string_view(job.title), std::string_view(job.company),
        std::string_view(job.location), std::string_view(job.description)})
    feed(state, field);
  for (const auto* optional : {&job.salary, &job.workplace, &job.employment_type}) {
    const std::uint8_t present = optional->has_value();
    XXH3_64bits_update(&state, &present, 1);
    if (present) feed(state, **optional);
  }
  return XXH3_64bits_digest(&state);
}

}  // namespace joblens::cache
