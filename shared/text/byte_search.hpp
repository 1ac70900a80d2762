// Byte searches the field parsers make over a whole posting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/text/swar.hpp"

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

// Offset of the first `needle` in `s` at or after `from`, or npos. Eight positions at a time, the
// places where the needle's first two bytes stand are found with a few integer operations and only
// those are compared whole. Written here rather than std::string_view::find or memmem: find() calls
// memchr at every occurrence of the first letter ('e' of "employment type" is every tenth byte), and
// WebAssembly's memmem (musl's two-way, a loop per byte) made a single search over a posting a
// visible share of scoring there.
inline std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t from = 0) {
  if (from > s.size()) return std::string_view::npos;
  if (needle.size() < 2) return s.find(needle, from);
  const std::uint64_t first = swar::kOnes * static_cast<unsigned char>(needle[0]);
  const std::uint64_t second = swar::kOnes * static_cast<unsigned char>(needle[1]);
  std::size_t at = from;
  for (; s.size() - at >= 9; at += 8) {  // positions at .. at + 7, whose second bytes end at at + 8
    std::uint64_t candidates = swar::zero_bytes(swar::load(s.data() + at) ^ first) &
                               swar::zero_bytes(swar::load(s.data() + at + 1) ^ second);
    for (; candidates; candidates &= candidates - 1)
      if (const std::size_t k = at + swar::first(candidates); occurs_at(s, k, needle)) return k;
  }
  return s.find(needle, at);
}

}  // namespace joblens::text
