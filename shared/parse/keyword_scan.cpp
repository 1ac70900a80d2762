#include "shared/parse/keyword_scan.hpp"

#include "shared/text/byte_search.hpp"

namespace joblens::parse {

std::size_t find_word(std::string_view folded, std::string_view phrase, std::size_t from) {
  if (phrase.empty()) return std::string_view::npos;
  for (std::size_t at = text::find_bytes(folded, phrase, from); at != std::string_view::npos;
       at = text::find_bytes(folded, phrase, at + 1))
    if (PhraseSet::whole_word_at(folded, at, phrase)) return at;
  return std::string_view::npos;
}

PhraseSet::PhraseSet(std::span<const std::string_view> phrases) : phrases_(phrases.begin(), phrases.end()) {
  for (std::size_t i = 0; i < phrases_.size(); ++i)
    if (!phrases_[i].empty()) {
      const auto first = static_cast<unsigned char>(phrases_[i].front());
      by_first_byte_[first].push_back(static_cast<std::uint16_t>(i));
      if (phrases_[i].size() == 1) {
        pairs_[first].fill(~std::uint64_t{0});
      } else {
        const auto second = static_cast<unsigned char>(phrases_[i][1]);
        pairs_[first][second >> 6] |= std::uint64_t{1} << (second & 63);
      }
    }
}

PhraseSet::Hit PhraseSet::first(std::string_view text) const {
  Hit hit;
  scan(text, [&](std::size_t at, std::uint16_t index) {
    hit = Hit{at, index};
    return true;
  });
  return hit;
}

}  // namespace joblens::parse
