// Whether a word stands at a given byte offset: the check the field parsers make at every word.
#pragma once

#include <cstddef>
#include <string_view>

namespace joblens::text {

// True when `word` occurs in `s` starting at byte `at` (same answer as s.compare(at, word.size(),
// word) == 0, without its exception for at > size). Inline on purpose: libc++ (the WebAssembly build)
// compiles std::string_view::compare out of line, and this runs at every word of a posting.
inline bool occurs_at(std::string_view s, std::size_t at, std::string_view word) {
  if (at > s.size() || s.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (s[at + k] != word[k]) return false;
  return true;
}

}  // namespace joblens::text
