// HTML character references in scraped job text.
//
// Written here rather than taken from a library: the one Debian packages (gumbo's) is a whole HTML
// parser that does not build for WebAssembly with our toolchain, and job text needs only the named
// references pages actually emit plus the numeric forms.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "shared/text/normalize.hpp"
#include "shared/text/utf8.hpp"

namespace joblens::text {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

// Sorted by name (checked by a unit test) for binary search. Case matters: &Eacute; is not &eacute;.
constexpr NamedEntity kNamedEntities[] = {
    {"AElig", 0xC6},    {"Aacute", 0xC1},  {"Agrave", 0xC0},   {"Auml", 0xC4},    {"Ccedil", 0xC7},
    {"Eacute", 0xC9},   {"Egrave", 0xC8},  {"Iacute", 0xCD},   {"Ntilde", 0xD1},  {"Oacute", 0xD3},
    {"Ouml", 0xD6},     {"Uacute", 0xDA},  {"Uuml", 0xDC},     {"aacute", 0xE1},  {"acirc", 0xE2},
    {"aelig", 0xE6},    {"agrave", 0xE0},  {"amp", '&'},       {"apos", '\''},    {"aring", 0xE5},
    {"atilde", 0xE3},   {"auml", 0xE4},    {"bull", 0x2022},   {"ccedil", 0xE7},  {"cent", 0xA2},
    {"copy", 0xA9},     {"deg", 0xB0},     {"eacute", 0xE9},   {"ecirc", 0xEA},   {"egrave", 0xE8},
    {"emsp", 0x2003},   {"ensp", 0x2002},  {"euml", 0xEB},     {"euro", 0x20AC},  {"gt", '>'},
    {"hellip", 0x2026}, {"iacute", 0xED},  {"icirc", 0xEE},    {"iuml", 0xEF},    {"laquo", 0xAB},
    {"ldquo", 0x201C},  {"lsquo", 0x2018}, {"lt", '<'},        {"mdash", 0x2014}, {"middot", 0xB7},
    {"nbsp", 0xA0},     {"ndash", 0x2013}, {"ntilde", 0xF1},   {"oacute", 0xF3},  {"ocirc", 0xF4},
    {"oslash", 0xF8},   {"otilde", 0xF5},  {"ouml", 0xF6},     {"pound", 0xA3},   {"quot", '"'},
    {"raquo", 0xBB},    {"rdquo", 0x201D}, {"reg", 0xAE},      {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"shy", 0xAD},      {"szlig", 0xDF},   {"thinsp", 0x2009}, {"times", 0xD7},   {"trade", 0x2122},
    {"uacute", 0xFA},   {"ucirc", 0xFB},   {"ugrave", 0xF9},   {"uuml", 0xFC},    {"yen", 0xA5},
    {"zwnj", 0x200C},
};

// Parses the digits of "&#8211;" / "&#x2022;" (without '&#' and ';'). Returns 0 when invalid.
char32_t parse_numeric_reference(std::string_view digits) {
  int base = 10;
  if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
    base = 16;
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.size() > 8) return 0;
  std::uint32_t value = 0;
  for (char c : digits) {
    int digit = -1;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    if (digit < 0) return 0;
    value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit);
  }
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return static_cast<char32_t>(value);
}

char32_t lookup_named(std::string_view name) {
  auto it = std::lower_bound(std::begin(kNamedEntities), std::end(kNamedEntities), name,
                             [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  return (it != std::end(kNamedEntities) && it->name == name) ? it->code_point : 0;
}

}  // namespace

bool named_entities_sorted() {
  return std::is_sorted(std::begin(kNamedEntities), std::end(kNamedEntities),
                        [](const NamedEntity& a, const NamedEntity& b) { return a.name < b.name; });
}

std::string decode_html_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      std::size_t next = s.find('&', i);
      if (next == std::string_view::npos) next = s.size();
      out.append(s.substr(i, next - i));
      i = next;
      continue;
    }
    // The longest reference we know is 8 characters between '&' and ';'.
    std::size_t semicolon = s.find(';', i + 1);
    char32_t cp = 0;
    if (semicolon != std::string_view::npos && semicolon - i <= 10) {
      std::string_view body = s.substr(i + 1, semicolon - i - 1);
      cp = (!body.empty() && body[0] == '#') ? parse_numeric_reference(body.substr(1)) : lookup_named(body);
    }
    if (cp == 0) {
      out.push_back('&');
      ++i;
      continue;
    }
    if (cp != 0xAD) append_utf8(out, cp);  // a soft hyphen only marks where a word may break
    i = semicolon + 1;
  }
  return out;
}

}  // namespace joblens::text
