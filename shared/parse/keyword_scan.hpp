// Finding whole-word phrases in folded text: the shared tool of the field parsers.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/text/byte_search.hpp"
#include "shared/text/swar.hpp"

namespace joblens::parse {

// Position of `phrase` in `folded` where it stands as whole words (neighbours are not letters or
// digits), or npos. Both are folded (text::fold).
std::size_t find_word(std::string_view folded, std::string_view phrase, std::size_t from = 0);
inline bool has_word(std::string_view folded, std::string_view phrase) {
  return find_word(folded, phrase) != std::string_view::npos;
}

// Many phrases found in one left-to-right pass: at each word start only the phrases that begin with
// that byte are compared. Built once per phrase table (a function-local constant) and then read-only.
class PhraseSet {
 public:
  explicit PhraseSet(std::span<const std::string_view> phrases);
  // The set of one column of a keyword table, in table order: of(kKeywords, &Keyword::phrase).
  template <typename Row, std::size_t N>
  static PhraseSet of(const Row (&table)[N], std::string_view Row::*phrase) {
    std::vector<std::string_view> phrases;
    phrases.reserve(N);
    for (const Row& row : table) phrases.push_back(row.*phrase);
    return PhraseSet(phrases);
  }

  struct Hit {
    std::size_t at = std::string_view::npos;  // byte offset in the text
    std::size_t index = 0;                    // index of the phrase in the table
  };
  // The leftmost whole-word match (on a tie, the earliest phrase in the table), or at == npos.
  Hit first(std::string_view folded) const;
  bool any(std::string_view folded) const { return first(folded).at != std::string_view::npos; }
  // Calls on_hit(index) for every whole-word match, left to right.
  template <typename OnHit>
  void each(std::string_view folded, OnHit&& on_hit) const {
    scan(folded, [&](std::size_t, std::uint16_t index) {
      on_hit(index);
      return false;
    });
  }

  // Letters, digits and any byte of a multi-byte character: what a whole-word match may not touch.
  static bool is_word_byte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }
  // `phrase` stands at `at` as whole words.
  static bool whole_word_at(std::string_view text, std::size_t at, std::string_view phrase) {
    if (!text::occurs_at(text, at, phrase)) return false;
    const bool left = at == 0 || !is_word_byte(text[at - 1]) || !is_word_byte(phrase.front());
    const std::size_t end = at + phrase.size();
    return left && (end >= text.size() || !is_word_byte(text[end]) || !is_word_byte(phrase.back()));
  }

 private:
  static constexpr std::array<bool, 256> kWordBytes = [] {
    std::array<bool, 256> table{};
    for (int b = 0; b < 256; ++b)
      table[static_cast<std::size_t>(b)] = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
    return table;
  }();

  // Calls on_hit(at, index) for every whole-word match until it returns true. Only the places where a
  // phrase may start are visited: each non-word byte and the first byte of each word; the rest of a
  // word is skipped in a tight loop. Most words begin no phrase, which the first two bytes tell.
  template <typename OnHit>
  void scan(std::string_view text, OnHit&& on_hit) const {
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
      const auto byte = static_cast<unsigned char>(text[at]);
      const auto next = at + 1 < size ? static_cast<unsigned char>(text[at + 1]) : 0;
      if (may_start(byte, next))
        for (std::uint16_t index : by_first_byte_[byte])
          if (whole_word_at(text, at, phrases_[index]) && on_hit(at, index)) return;
      ++at;
      if (kWordBytes[byte]) at = word_end(text, at);
    }
  }
  // The end of the word that goes on at `at`: eight bytes at a time, then one by one.
  static std::size_t word_end(std::string_view text, std::size_t at) {
    for (; at + 8 <= text.size(); at += 8)
      if (const std::uint64_t other =
              ~text::swar::folded_word_bytes(text::swar::load(text.data() + at)) & text::swar::kHigh)
        return at + text::swar::first(other);
    while (at < text.size() && kWordBytes[static_cast<unsigned char>(text[at])]) ++at;
    return at;
  }

  std::vector<std::string_view> phrases_;
  std::array<std::vector<std::uint16_t>, 256> by_first_byte_;
  // Bit b2 of pairs_[b1] is set when a phrase begins with the bytes b1 b2 (a one-byte phrase sets
  // every bit of its byte): 8 KB that spare comparing most words with a bucket of phrases.
  std::array<std::array<std::uint64_t, 4>, 256> pairs_{};
  bool may_start(unsigned char first, unsigned char second) const {
    return (pairs_[first][second >> 6] >> (second & 63)) & 1u;
  }
};

}  // namespace joblens::parse
