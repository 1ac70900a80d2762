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

// True for the debug self-check of the entity table (see html_entities.cpp).
bool named_entities_sorted();

}  // namespace joblens::text
