// Random and mutated inputs for the property tests; seeded by the caller so failures reproduce.
#pragma once

#include <iterator>
#include <random>
#include <span>
#include <string>

namespace joblens::testing {

inline std::string random_bytes(std::mt19937& rng, std::size_t max_length) {
  std::string s(std::uniform_int_distribution<std::size_t>(0, max_length)(rng), '\0');
  for (char& c : s) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
  return s;
}

// 1 to `max_edits` edits: insert one of `pieces`, delete a run, replace a byte, or duplicate a span.
inline std::string mutate(std::mt19937& rng, std::string s, std::span<const std::string> pieces,
                          int max_edits = 8) {
  const int edits = std::uniform_int_distribution<int>(1, max_edits)(rng);
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = s.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
      case 0:
        s.insert(at, pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)]);
        break;
      case 1:
        if (!s.empty()) s.erase(at, std::uniform_int_distribution<std::size_t>(1, 12)(rng));
        break;
      case 2:
        if (!s.empty()) s[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
        break;
      default:
        s.insert(at, s.substr(at, std::uniform_int_distribution<std::size_t>(0, 40)(rng)));
        break;
    }
  }
  return s;
}

}  // namespace joblens::testing
