#include "shared/text/utf8.hpp"

#include <utf8cpp/utf8.h>
#include <cstring>
#include <iterator>

#include "shared/text/normalize.hpp"
#include "shared/text/swar.hpp"

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

namespace {

// Valid UTF-8, and (when kExclude) without the ASCII byte `excluded`. ASCII, nearly all of a posting,
// is checked eight bytes at a time; utfcpp validates the rest. Both questions in one pass: in
// WebAssembly, memchr reads four bytes at a time and a separate search cost as much as the check.
template <bool kExclude>
bool validate(std::string_view s, char excluded) {
  const std::uint64_t pattern = swar::kOnes * static_cast<unsigned char>(excluded);
  std::size_t i = 0;
  while (i < s.size()) {
    while (i + 8 <= s.size()) {
      const std::uint64_t word = swar::load(s.data() + i);
      std::uint64_t suspect = word;
      if (kExclude) {
        const std::uint64_t x = word ^ pattern;  // a zero byte where `excluded` is
        suspect |= (x - swar::kOnes) & ~x;       // high bit set in (or after) a zero byte
      }
      if (suspect & swar::kHigh) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (kExclude && byte == static_cast<unsigned char>(excluded)) return false;
      ++i;
      continue;
    }
    const char* it = s.data() + i;
    if (utf8::internal::validate_next(it, s.data() + s.size()) != utf8::internal::UTF8_OK) return false;
    i = static_cast<std::size_t>(it - s.data());
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view s) { return validate<false>(s, '\0'); }

bool is_valid_utf8_without(std::string_view s, char ascii_byte) { return validate<true>(s, ascii_byte); }

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) append_utf8(out, next_code_point(s, i));
  return out;
}

}  // namespace joblens::text
