#include "shared/parse/keyword_scan.hpp"

#include "shared/text/occurs_at.hpp"

namespace joblens::parse {
namespace {
bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

}  // namespace

bool PhraseSet::whole_word_at(std::string_view text, std::size_t at, std::string_view phrase) {
  if (!text::occurs_at(text, at, phrase)) return false;
  const bool left = at == 0 || !is_word_byte(text[at - 1]) || !is_word_byte(phrase.front());
  const std::size_t end = at + phrase.size();
  return left && (end >= text.size() || !is_word_byte(text[end]) || !is_word_byte(phrase.back()));
}

// Inside a word no whole-word phrase can start.
bool PhraseSet::boundary_at(std::string_view text, std::size_t at) {
  return at == 0 || !is_word_byte(text[at]) || !is_word_byte(text[at - 1]);
}

std::size_t find_word(std::string_view folded, std::string_view phrase, std::size_t from) {
  if (phrase.empty()) return std::string_view::npos;
  for (std::size_t at = folded.find(phrase, from); at != std::string_view::npos;
       at = folded.find(phrase, at + 1))
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
