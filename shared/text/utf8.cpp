#include "shared/text/utf8.hpp"

#include <utf8cpp/utf8.h>
#include <cstring>
#include <iterator>

#include "shared/text/normalize.hpp"

namespace joblens::text {

void append_utf8(std::string& out, char32_t cp) {
  utf8::unchecked::append(static_cast<std::uint32_t>(cp), std::back_inserter(out));
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  if (static_cast<unsigned char>(s[i]) < 0x80) return static_cast<char32_t>(s[i++]);
  const char* it = s.data() + i;
  const char* end = s.data() + s.size();
  std::uint32_t cp = 0;
  // utf8::internal::validate_next checks overlongs, surrogates and truncation without throwing.
  if (utf8::internal::validate_next(it, end, cp) != utf8::internal::UTF8_OK) {
    ++i;
    return U'\uFFFD';
  }
  i = static_cast<std::size_t>(it - s.data());
  return static_cast<char32_t>(cp);
}

bool is_valid_utf8(std::string_view s) {
  // ASCII bytes, nearly all of a posting, are checked eight at a time; utfcpp validates the rest.
  std::size_t i = 0;
  while (i < s.size()) {
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const char* it = s.data() + i;
    if (utf8::internal::validate_next(it, s.data() + s.size()) != utf8::internal::UTF8_OK) return false;
    i = static_cast<std::size_t>(it - s.data());
  }
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) append_utf8(out, next_code_point(s, i));
  return out;
}

}  // namespace joblens::text
