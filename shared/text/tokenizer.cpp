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

// Decodes without allocating: ASCII directly, the rest through next_code_point.
inline char32_t decode_at(std::string_view s, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(s[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  return next_code_point(s, i);
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  TokenizedText run() {
    out_.tokens.reserve(text_.size() / 5);
    out_.sentences.reserve(text_.size() / 64 + 1);
    {
      StringSink folded(out_.folded, text_.size());
      folded_ = &folded;
      scan();
      folded_ = nullptr;
    }
    return std::move(out_);
  }

 private:
  void scan() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const std::size_t at = i;
      const char32_t cp = decode_at(text_, i);
      const Classified c = classify(cp);
      switch (c.cls) {
        case CharClass::word:
          if (!in_token_) start_token(at, c.upper);
          token_has_digit_ |= c.digit;
          i = ascii_word_end(i);
          last_word_end_ = i;
          break;
        case CharClass::plus_or_hash:
          // Kept only at the end of a word: "C++ " and "C#," but not "Python+Django".
          if (in_token_ && !word_follows(i))
            last_word_end_ = i;
          else
            end_token();
          break;
        case CharClass::dot:
          if (in_token_ && word_follows(i) && last_word_end_ == at) break;  // "node.js"
          if (!in_token_ && word_follows(i) && leading_dot_allowed(at)) {   // ".NET"
            start_token(at, false);
            break;
          }
          end_token();
          if (!word_follows(i) && (i >= text_.size() || is_space_at(i))) end_sentence(at, false);
          break;
        case CharClass::ampersand:
          if (in_token_ && last_word_end_ == at && word_follows(i)) break;  // "R&D"
          end_token();
          break;
        case CharClass::sentence_end:
          end_token();
          end_sentence(at, false);
          break;
        case CharClass::line_end:
          end_token();
          end_sentence(at, cp == U'\n' || cp == U'\r' || cp > 0x7F);
          break;
        case CharClass::colon:
          end_token();
          last_colon_ = at;
          break;
        case CharClass::comma:
          end_token();
          comma_pending_ = true;
          break;
        case CharClass::separator:
          end_token();
          break;
      }
    }
    end_token();
    end_sentence(text_.size(), true);
  }

  // Most of a posting is runs of ASCII letters and digits: taken eight bytes at a time, without
  // classifying each one. Returns where the run starts at `i` ends; notes a digit in it.
  std::size_t ascii_word_end(std::size_t i) {
    for (; i + 8 <= text_.size(); i += 8) {
      const std::uint64_t word = swar::load(text_.data() + i);
      const std::uint64_t other = ~swar::alphanumerics(word) & swar::kHigh;
      const std::uint64_t digits = swar::digits(word);
      if (!other) {
        token_has_digit_ |= digits != 0;
        continue;
      }
      token_has_digit_ |= (digits & (other - 1)) != 0;  // digits before the first other byte
      return i + swar::first(other);
    }
    for (; i < text_.size() && swar::is_alphanumeric(static_cast<unsigned char>(text_[i])); ++i)
      token_has_digit_ |= text_[i] >= '0' && text_[i] <= '9';
    return i;
  }

  bool word_follows(std::size_t i) const {
    if (i >= text_.size()) return false;
    std::size_t j = i;
    return classify(decode_at(text_, j)).cls == CharClass::word;
  }
  // A word may start with '.' only after a space or an opening mark: ".NET", "(.NET)", "C#/.NET".
  bool leading_dot_allowed(std::size_t at) const {
    if (at == 0) return true;
    switch (text_[at - 1]) {
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
  bool is_space_at(std::size_t i) const {
    const char c = text_[i];
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"' || c == '\'' || c == ')';
  }

  void start_token(std::size_t at, bool upper) {
    in_token_ = true;
    token_begin_ = at;
    token_upper_ = upper;
    token_has_digit_ = false;
    last_word_end_ = at;
  }

  // Always inline: it runs at every separator, and in WebAssembly the call cost more than the work.
  [[gnu::always_inline]] void end_token() {
    if (!in_token_) return;
    in_token_ = false;
    const std::size_t end = last_word_end_;
    if (end <= token_begin_) return;
    Token t;
    t.begin = static_cast<std::uint32_t>(token_begin_);
    t.end = static_cast<std::uint32_t>(end);
    t.capitalized = token_upper_;
    t.has_digit = token_has_digit_;
    t.after_comma = comma_pending_;
    comma_pending_ = false;
    t.sentence = static_cast<std::uint32_t>(out_.sentences.size());
    t.fold_begin = static_cast<std::uint32_t>(folded_->size());
    const std::string_view raw = text_.substr(token_begin_, end - token_begin_);
    if (!folded_->put_ascii_lowercase(raw)) folded_->put(fold(raw));
    t.fold_end = static_cast<std::uint32_t>(folded_->size());
    if (t.fold_end > t.fold_begin) out_.tokens.push_back(t);
  }

  void end_sentence(std::size_t at, bool line_break) {
    const auto first = static_cast<std::uint32_t>(sentence_first_token_);
    const auto end_token_index = static_cast<std::uint32_t>(out_.tokens.size());
    if (end_token_index > first) {
      Sentence s;
      s.first_token = first;
      s.end_token = end_token_index;
      s.begin = out_.tokens[first].begin;
      s.end = static_cast<std::uint32_t>(at);
      s.starts_line = at_line_start_;
      s.ends_line = line_break;
      s.ends_with_colon = last_colon_ != npos && last_colon_ >= out_.tokens[end_token_index - 1].end;
      out_.sentences.push_back(s);
      at_line_start_ = false;
    }
    sentence_first_token_ = out_.tokens.size();
    last_colon_ = npos;
    if (line_break) at_line_start_ = true;
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::string_view text_;
  TokenizedText out_;
  StringSink* folded_ = nullptr;  // writes out_.folded while scan() runs
  bool in_token_ = false;
  bool token_upper_ = false;
  bool token_has_digit_ = false;
  std::size_t token_begin_ = 0;
  std::size_t last_word_end_ = 0;
  std::size_t sentence_first_token_ = 0;
  std::size_t last_colon_ = npos;
  bool at_line_start_ = true;
  bool comma_pending_ = false;
};

}  // namespace

TokenizedText tokenize(std::string_view text) { return Tokenizer(text).run(); }

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
