// UTF-8 encoding and decoding, on top of utfcpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace joblens::text {

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void append_utf8(std::string& out, char32_t cp);

// Decodes the code point starting at s[i] and advances i past it. `s` must be valid UTF-8 (callers
// sanitise first); on a malformed byte it returns U+FFFD and advances by one byte, so it always ends.
char32_t next_code_point(std::string_view s, std::size_t& i);

// next_code_point for the index of a caller's loop: ASCII decoded inline, and for the call a copy of
// the index. A local whose address reaches a call that is not inlined lives in memory, and in
// WebAssembly that memory is the stack in linear memory: the tokeniser's loop loaded and stored its
// index around every use, which cost a tenth of tokenising there (docs/benchmarks.md).
[[gnu::always_inline]] inline char32_t decode_next(std::string_view s, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(s[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  std::size_t next = i;
  const char32_t cp = next_code_point(s, next);
  i = next;
  return cp;
}

// True for the debug self-check of the entity table (see html_entities.cpp).
bool named_entities_sorted();

}  // namespace joblens::text
