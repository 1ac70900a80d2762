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
    if (!phrases_[i].empty())
      by_first_byte_[static_cast<unsigned char>(phrases_[i].front())].push_back(
          static_cast<std::uint16_t>(i));
}

PhraseSet::Hit PhraseSet::first(std::string_view text) const {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!boundary_at(text, at)) continue;
    const auto& bucket = by_first_byte_[static_cast<unsigned char>(text[at])];
    if (bucket.empty()) continue;
    for (std::uint16_t index : bucket)
      if (whole_word_at(text, at, phrases_[index])) return Hit{at, index};
  }
  return Hit{};
}

}  // namespace joblens::parse
