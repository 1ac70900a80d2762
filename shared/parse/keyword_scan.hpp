// Finding whole-word phrases in folded text: the shared tool of the field parsers.
#pragma once

#include <string>
#include <string_view>

namespace joblens::parse {

// Position of `phrase` in `folded` where it stands as whole words (neighbours are not letters or
// digits), or npos. Both are folded (text::fold).
std::size_t find_word(std::string_view folded, std::string_view phrase, std::size_t from = 0);
inline bool has_word(std::string_view folded, std::string_view phrase) {
  return find_word(folded, phrase) != std::string_view::npos;
}

}  // namespace joblens::parse
