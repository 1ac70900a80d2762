// Byte searches the field parsers make over a whole posting.
#pragma once

#include <cstddef>
#include <cstring>
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

// Offset of the first `needle` in `s` at or after `from`, or npos: std::string_view::find through
// memmem. find() calls memchr for every occurrence of the needle's first letter and compares there,
// which in WebAssembly (no vectorised memchr) made a single search for "employment type" a visible
// share of scoring; memmem (two-way) reads the text once.
inline std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t from = 0) {
  if (from > s.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  // Over a title or a line, memmem's set-up (a shift table per call) costs more than it saves.
  if (s.size() - from < 256) return s.find(needle, from);
  const void* at = memmem(s.data() + from, s.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s.data()) : std::string_view::npos;
}

}  // namespace joblens::text
