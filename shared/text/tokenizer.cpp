#include "shared/text/tokenizer.hpp"

#include <utf8proc.h>
#include <array>

#include "shared/text/normalize.hpp"
#include "shared/text/string_sink.hpp"
#include "shared/text/swar.hpp"
#include "shared/text/utf8.hpp"

namespace joblens::text {
namespace {

enum class CharClass { word, separator, comma, plus_or_hash, dot, ampersand, sentence_end, line_end, colon };

struct Classified {
  CharClass cls = CharClass::separator;
  bool upper = false;
  bool digit = false;
};

constexpr Classified classify_ascii(char c) {
  if (c >= 'a' && c <= 'z') return {CharClass::word, false, false};
  if (c >= 'A' && c <= 'Z') return {CharClass::word, true, false};
  if (c >= '0' && c <= '9') return {CharClass::word, false, true};
  switch (c) {
    case '+':
    case '#':
      return {CharClass::plus_or_hash, false, false};
    case '.':
      return {CharClass::dot, false, false};
    case '&':
      return {CharClass::ampersand, false, false};
    case '!':
    case '?':
      return {CharClass::sentence_end, false, false};
    case ';':
    case '\n':
    case '\r':
      return {CharClass::line_end, false, false};
    case ':':
      return {CharClass::colon, false, false};
    case ',':
    case '(':
    case ')':
    case '[':
    case ']':
    case '|':
    case '"':
      return {CharClass::comma, false, false};
    default:
      return {CharClass::separator, false, false};
  }
}

// Most characters of a posting are ASCII: one table look-up instead of the comparisons above.
constexpr std::array<Classified, 128> kAsciiClasses = [] {
  std::array<Classified, 128> table{};
  for (int c = 0; c < 128; ++c) table[static_cast<std::size_t>(c)] = classify_ascii(static_cast<char>(c));
  return table;
}();

Classified classify(char32_t cp) {
  if (cp < 0x80) return kAsciiClasses[cp];
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return {CharClass::word, true, false};
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return {CharClass::word, false, false};
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return {CharClass::word, false, true};
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return {CharClass::line_end, false, false};
    default:
      return {CharClass::separator, false, false};
  }
}

// A word may start with '.' only after a space or an opening mark: ".NET", "(.NET)", "C#/.NET".
bool leading_dot_allowed(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  switch (text[at - 1]) {
    case ' ':
    case '\n':
    case '\t':
    case '(':
    case '/':
    case ',':
    case '"':
    case '\'':
      return true;
    default:
      return false;
  }
}

bool is_space_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"' || c == '\'' || c == ')';
}

bool word_follows(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  std::size_t j = i;
  return classify(decode_next(text, j)).cls == CharClass::word;
}

// Most of a posting is runs of ASCII letters and digits: taken eight bytes at a time, without
// classifying each one. Returns where the run that starts at `i` ends; sets `has_digit` for a digit
// in it.
[[gnu::always_inline]] inline std::size_t ascii_word_end(std::string_view text, std::size_t i,
                                                         bool& has_digit) {
  for (; i + 8 <= text.size(); i += 8) {
    const std::uint64_t word = swar::load(text.data() + i);
    const std::uint64_t other = ~swar::alphanumerics(word) & swar::kHigh;
    const std::uint64_t digits = swar::digits(word);
    if (!other) {
      has_digit |= digits != 0;
      continue;
    }
    has_digit |= (digits & (other - 1)) != 0;  // digits before the first other byte
    return i + swar::first(other);
  }
  for (; i < text.size() && swar::is_alphanumeric(static_cast<unsigned char>(text[i])); ++i)
    has_digit |= text[i] >= '0' && text[i] <= '9';
  return i;
}

constexpr std::size_t kNoColon = static_cast<std::size_t>(-1);  // no ':' since the sentence began

// Adds the sentence of tokens [first, out.tokens.size()) that ends at byte `at`, if it has a token.
// A function of values rather than a lambda over the scanner's locals: a lambda left out of line
// holds references to what it captures, and those locals then live in memory, in WebAssembly loaded
// and stored around every use in the scanner's loop (docs/benchmarks.md).
bool add_sentence(TokenizedText& out, std::size_t first, std::size_t at, bool starts_line, bool ends_line,
                  std::size_t last_colon) {
  const auto end_token_index = static_cast<std::uint32_t>(out.tokens.size());
  if (end_token_index <= first) return false;
  Sentence& s = out.sentences.emplace_back();
  s.first_token = static_cast<std::uint32_t>(first);
  s.end_token = end_token_index;
  s.begin = out.tokens[first].begin;
  s.end = static_cast<std::uint32_t>(at);
  s.starts_line = starts_line;
  s.ends_line = ends_line;
  s.ends_with_colon = last_colon != kNoColon && last_colon >= out.tokens[end_token_index - 1].end;
  return true;
}

// One pass over the text. The scanner's state lives in this function's locals and the helpers are
// lambdas inlined into it, so the compilers can keep the state in registers rather than in an object
// in memory.
void scan(std::string_view text, TokenizedText& out) {
  StringSink folded(out.folded, text.size());
  bool in_token = false, token_upper = false, token_has_digit = false;
  bool at_line_start = true, comma_pending = false;
  std::size_t token_begin = 0, last_word_end = 0, sentence_first_token = 0, last_colon = kNoColon;
  // Always out.sentences.size(), kept in a local: read for every token, the size is two loads and a
  // division by sizeof(Sentence).
  std::uint32_t sentence_index = 0;

  const auto start_token = [&](std::size_t at, bool upper) __attribute__((always_inline)) {
    in_token = true;
    token_begin = at;
    token_upper = upper;
    token_has_digit = false;
    last_word_end = at;
  };
  const auto end_token = [&]() __attribute__((always_inline)) {
    if (!in_token) return;
    in_token = false;
    const std::size_t end = last_word_end;
    if (end <= token_begin) return;
    const bool after_comma = comma_pending;
    comma_pending = false;
    const auto fold_begin = static_cast<std::uint32_t>(folded.size());
    const std::string_view raw = text.substr(token_begin, end - token_begin);
    if (!folded.put_ascii_lowercase(raw)) folded.put(fold(raw));
    const auto fold_end = static_cast<std::uint32_t>(folded.size());
    if (fold_end == fold_begin) return;
    // Constructed in place: a Token built on the stack was copied with wide loads over its separately
    // written bool bytes, a store-forwarding stall per word that cost over a quarter of tokenising
    // natively (docs/benchmarks.md).
    out.tokens.emplace_back(static_cast<std::uint32_t>(token_begin), static_cast<std::uint32_t>(end),
                            fold_begin, fold_end, sentence_index, token_upper, token_has_digit, after_comma);
  };
  const auto end_sentence = [&](std::size_t at, bool line_break) __attribute__((always_inline)) {
    if (add_sentence(out, sentence_first_token, at, at_line_start, line_break, last_colon)) {
      at_line_start = false;
      ++sentence_index;
    }
    sentence_first_token = out.tokens.size();
    last_colon = kNoColon;
    if (line_break) at_line_start = true;
  };

  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t cp = decode_next(text, i);
    const Classified c = classify(cp);
    // What continues or starts a token; everything else ends the token at one place below (the
    // space after a word has its own, in the word's fast path): each inlined copy of end_token made
    // the loop larger, and with one copy per case WebAssembly tokenised 7 % slower.
    switch (c.cls) {
      case CharClass::word: {
        std::size_t word_begin = at;
        Classified first = c;
        for (;;) {
          if (!in_token) start_token(word_begin, first.upper);
          token_has_digit |= first.digit;
          i = ascii_word_end(text, i, token_has_digit);
          last_word_end = i;
          // The commonest separator, one space before an ASCII word, ends this token and starts the
          // next without a round of the loop.
          if (i + 1 >= text.size() || text[i] != ' ' ||
              !swar::is_alphanumeric(static_cast<unsigned char>(text[i + 1])))
            break;
          end_token();
          word_begin = i + 1;
          first = kAsciiClasses[static_cast<unsigned char>(text[word_begin])];
          i = word_begin + 1;
        }
        continue;
      }
      case CharClass::plus_or_hash:
        // Kept only at the end of a word: "C++ " and "C#," but not "Python+Django".
        if (in_token && !word_follows(text, i)) {
          last_word_end = i;
          continue;
        }
        break;
      case CharClass::dot:
        if (in_token && word_follows(text, i) && last_word_end == at) continue;     // "node.js"
        if (!in_token && word_follows(text, i) && leading_dot_allowed(text, at)) {  // ".NET"
          start_token(at, false);
          continue;
        }
        break;
      case CharClass::ampersand:
        if (in_token && last_word_end == at && word_follows(text, i)) continue;  // "R&D"
        break;
      default:
        break;
    }
    end_token();
    switch (c.cls) {
      case CharClass::dot:
        if (!word_follows(text, i) && (i >= text.size() || is_space_at(text, i))) end_sentence(at, false);
        break;
      case CharClass::sentence_end:
        end_sentence(at, false);
        break;
      case CharClass::line_end:
        end_sentence(at, cp == U'\n' || cp == U'\r' || cp > 0x7F);
        break;
      case CharClass::colon:
        last_colon = at;
        break;
      case CharClass::comma:
        comma_pending = true;
        break;
      default:
        break;
    }
  }
  end_token();
  end_sentence(text.size(), true);
}

}  // namespace

TokenizedText tokenize(std::string_view text) {
  TokenizedText out;
  out.tokens.reserve(text.size() / 5);
  out.sentences.reserve(text.size() / 64 + 1);
  scan(text, out);
  return out;
}

std::string folded_phrase(std::string_view phrase) {
  const TokenizedText t = tokenize(phrase);
  std::string out;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    if (i) out.push_back(' ');
    out += t.folded_token(i);
  }
  return out;
}

}  // namespace joblens::text
