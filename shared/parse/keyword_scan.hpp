// Finding whole-word phrases in folded text: the shared tool of the field parsers.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
    for (std::size_t at = 0; at < folded.size(); ++at)
      if (boundary_at(folded, at))
        for (std::uint16_t index : by_first_byte_[static_cast<unsigned char>(folded[at])])
          if (whole_word_at(folded, at, phrases_[index])) on_hit(index);
  }

  // A phrase may start at `at` (not inside a word); `phrase` stands at `at` as whole words.
  static bool boundary_at(std::string_view text, std::size_t at);
  static bool whole_word_at(std::string_view text, std::size_t at, std::string_view phrase);

 private:
  std::vector<std::string_view> phrases_;
  std::array<std::vector<std::uint16_t>, 256> by_first_byte_;
};

}  // namespace joblens::parse
