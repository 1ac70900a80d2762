#include "shared/wire/json_text.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "shared/text/normalize.hpp"
#include "shared/text/utf8.hpp"

namespace joblens::wire {

JsonText& JsonText::string(std::string_view s) {
  out_.put('"');
  if (text::is_valid_utf8(s))
    escaped(s);
  else
    escaped(text::sanitize_utf8(s));
  out_.put('"');
  return *this;
}

void JsonText::escaped(std::string_view s) {
  // Runs that need no escape, nearly all of any text, are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ascii_)) continue;
    out_.put(s.substr(run, i - run));
    switch (c) {
      case '"':
        out_.put("\\\"");
        break;
      case '\\':
        out_.put("\\\\");
        break;
      case '\b':
        out_.put("\\b");
        break;
      case '\f':
        out_.put("\\f");
        break;
      case '\n':
        out_.put("\\n");
        break;
      case '\r':
        out_.put("\\r");
        break;
      case '\t':
        out_.put("\\t");
        break;
      default:
        if (c < 0x80) {
          escape_code_unit(c);
        } else {  // Encoding::ascii: the character as UTF-16, a surrogate pair above U+FFFF
          std::size_t next = i;
          const std::uint32_t cp = text::next_code_point(s, next);
          if (cp > 0xFFFF) {
            escape_code_unit(0xD800 + ((cp - 0x10000) >> 10));
            escape_code_unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
          } else {
            escape_code_unit(cp);
          }
          i = next - 1;
        }
    }
    run = i + 1;
  }
  out_.put(s.substr(run));
}

void JsonText::escape_code_unit(std::uint32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char code[] = {'\\',
                       'u',
                       kHex[(unit >> 12) & 0xF],
                       kHex[(unit >> 8) & 0xF],
                       kHex[(unit >> 4) & 0xF],
                       kHex[unit & 0xF]};
  out_.put(std::string_view(code, sizeof code));
}

JsonText& JsonText::strings(const std::vector<std::string>& list) {
  out_.put('[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out_.put(',');
    string(list[i]);
  }
  out_.put(']');
  return *this;
}

JsonText& JsonText::integer(long long value) {
  char digits[24];
  const auto written = std::to_chars(digits, digits + sizeof digits, value);
  out_.put(std::string_view(digits, static_cast<std::size_t>(written.ptr - digits)));
  return *this;
}

JsonText& JsonText::number(double value) {
  if (!std::isfinite(value)) return null();  // as nlohmann's serialiser does
  char digits[64];
  const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out_.put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  return *this;
}

}  // namespace joblens::wire
