#include "shared/parse/years.hpp"

#include <cstdint>
#include <string>

#include "shared/text/byte_search.hpp"

namespace joblens::parse {
namespace {

// ASCII-lowercased copy: same length as the input, so offsets carry over.
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }

constexpr std::string_view kNumberWords[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                             "seven", "eight", "nine", "ten",   "eleven", "twelve"};
constexpr std::string_view kYearWords[] = {"years", "year", "yrs",   "yr",          "jahren", "jahre",
                                           "jahr",  "ans",  "an",    "a\xC3\xB1os", "anos",   "anni",
                                           "anno",  "jaar", "jaren", "ano"};
constexpr std::string_view kNotRequirement[] = {"ago",     "old",       "contract", "warranty",
                                                "program", "programme", "plan",     "degree",
                                                "term",    "period",    "fixed",    "anniversary"};

struct Cursor {
  std::string_view s;
  std::size_t i;
  void skip_spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool take(std::string_view word, bool whole = true) {
    if (!text::occurs_at(s, i, word)) return false;
    if (whole && i + word.size() < s.size() && is_alpha(s[i + word.size()])) return false;
    i += word.size();
    return true;
  }
  // A number written in digits (up to 2) or as a word.
  std::optional<int> number() {
    if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      int value = 0, digits = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 3)
        value = value * 10 + (s[i++] - '0'), ++digits;
      if (digits > 2 || (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ','))) {
        if (!(i < s.size() && s[i] == '.' && (i + 1 >= s.size() || s[i + 1] == ' '))) return std::nullopt;
      }
      return value;
    }
    for (std::size_t w = 0; w < std::size(kNumberWords); ++w)
      if (take(kNumberWords[w])) return static_cast<int>(w);
    return std::nullopt;
  }
  bool range_separator() {
    skip_spaces();
    if (take("-", false) || take("\xE2\x80\x93", false) || take("\xE2\x80\x94", false) || take("to") ||
        take("bis") || take("a") || take("\xC3\xA0") || take("or")) {
      skip_spaces();
      return true;
    }
    return false;
  }
};

bool starts_number(std::string_view s, std::size_t i) {
  if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || is_alpha(s[i - 1]) || s[i - 1] == '.' ||
                s[i - 1] == ',' || s[i - 1] == '$' || s[i - 1] == '-'))
    return false;
  if (s[i] >= '0' && s[i] <= '9') return true;
  // Only a word that starts with a number word's first letter is compared with them.
  constexpr std::uint32_t kFirstLetters = [] {
    std::uint32_t mask = 0;
    for (std::string_view w : kNumberWords) mask |= 1u << (w.front() - 'a');
    return mask;
  }();
  if (s[i] < 'a' || s[i] > 'z' || !((kFirstLetters >> (s[i] - 'a')) & 1u)) return false;
  for (std::string_view w : kNumberWords)
    if (text::occurs_at(s, i, w)) return true;
  return false;
}

}  // namespace

std::vector<YearsMention> find_years_requirements(std::string_view text) {
  std::vector<YearsMention> out;
  const std::string s = lower_ascii(text);
  for (std::size_t start = 0; start < s.size(); ++start) {
    if (!starts_number(s, start)) continue;
    Cursor c{s, start};
    const auto first = c.number();
    if (!first || *first > 40) continue;
    YearsMention m;
    m.min = *first;
    m.begin = start;
    const std::size_t after_first = c.i;
    c.skip_spaces();
    if (c.take("+", false)) {
      c.skip_spaces();
    } else if (c.take("or more") || c.take("or above")) {
      c.skip_spaces();
    } else {
      Cursor r = c;
      r.i = after_first;
      if (r.range_separator()) {
        if (auto second = r.number(); second && *second >= *first && *second <= 40) {
          m.max = *second;
          c.i = r.i;
          c.skip_spaces();
          if (c.take("+", false)) c.skip_spaces();
        }
      }
    }
    c.take("-", false);  // "5-year" written as one word
    bool year_word = false;
    for (std::string_view w : kYearWords)
      if (c.take(w)) {
        year_word = true;
        break;
      }
    if (!year_word) continue;
    // "five years ago", "a 2-year contract".
    Cursor next = c;
    next.skip_spaces();
    bool excluded = false;
    for (std::string_view w : kNotRequirement) excluded |= next.take(w);
    if (excluded) continue;
    m.end = c.i;
    out.push_back(m);
    start = c.i;
  }
  return out;
}

}  // namespace joblens::parse
