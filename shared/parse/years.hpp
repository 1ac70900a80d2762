// Years-of-experience requirements in a sentence: "5+ years", "3-5 years", "at least 4 years",
// "five years", "3 Jahre Berufserfahrung", "3 ans d'expérience", "3 años", "3 anni", "3 jaar".
// Not "5 years ago", "18 years old" or "a 2-year contract".
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace joblens::parse {

struct YearsMention {
  int min = 0;
  std::optional<int> max;
  std::size_t begin = 0, end = 0;  // byte offsets of the mention in the text given
};

std::vector<YearsMention> find_years_requirements(std::string_view text);

}  // namespace joblens::parse
