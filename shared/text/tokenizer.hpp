// Splits text into folded word tokens and sentences: the unit the skills matcher and the cue tables
// work on.
//
// A token is a run of letters and digits. '+' and '#' stay at the end of a word ("C++", "C#", "F#"),
// '.' stays between word characters or before one at the start ("Node.js", "ASP.NET", ".NET"), '&'
// stays between word characters ("R&D", "P&L"). Everything else separates words. Sentences end at a
// line break, at ';', and at '.', '!' or '?' followed by a space or the end. A comma, bracket or '|'
// between two tokens is remembered: no phrase spans it ("Azure, SQL Server" is not "Azure SQL").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace joblens::text {

struct Token {
  Token() = default;
  // The tokeniser constructs each token in place with every field: emplace_back() would zero-fill it
  // first (value-initialisation, a memset per word that the stores after it did not remove).
  Token(std::uint32_t begin_at, std::uint32_t end_at, std::uint32_t folded_begin, std::uint32_t folded_end,
        std::uint32_t sentence_index, bool is_capitalized, bool with_digit, bool follows_comma)
      : begin(begin_at),
        end(end_at),
        fold_begin(folded_begin),
        fold_end(folded_end),
        sentence(sentence_index),
        capitalized(is_capitalized),
        has_digit(with_digit),
        after_comma(follows_comma) {}

  std::uint32_t begin = 0, end = 0;            // byte offsets in the source text
  std::uint32_t fold_begin = 0, fold_end = 0;  // offsets of the folded form in TokenizedText::folded
  std::uint32_t sentence = 0;                  // index into TokenizedText::sentences
  bool capitalized = false;                    // first character is an uppercase letter in the source
  bool has_digit = false;
  bool after_comma = false;  // a comma, bracket or '|' separates it from the previous token
};

struct Sentence {
  std::uint32_t first_token = 0, end_token = 0;  // [first, end) in TokenizedText::tokens
  std::uint32_t begin = 0, end = 0;              // byte offsets of the sentence in the source
  bool starts_line = false;                      // the sentence is the first on its line
  bool ends_line = false;                        // nothing follows it on its line
  bool ends_with_colon = false;                  // its last non-space character is ':'
};

struct TokenizedText {
  std::string folded;  // all folded tokens, back to back
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;

  std::string_view folded_token(std::size_t i) const { return folded_token(folded.data(), tokens[i]); }
  // The same with folded.data() read once by the caller: per word, libc++'s data() is a branch on the
  // string's short or long form, which a loop over every token need not repeat.
  static std::string_view folded_token(const char* folded_data, const Token& t) {
    return {folded_data + t.fold_begin, t.fold_end - t.fold_begin};
  }
};

// `text` should be valid UTF-8 (see sanitize_utf8 / clean_text); malformed bytes are treated as
// separators. Offsets are 32-bit: callers cap inputs well below 4 GiB.
TokenizedText tokenize(std::string_view text);

// The folded tokens of a short phrase, joined by single spaces: "Node.js / React" -> "node.js react".
std::string folded_phrase(std::string_view phrase);

}  // namespace joblens::text
