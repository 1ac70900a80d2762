#include "shared/parse/keyword_scan.hpp"

namespace joblens::parse {
namespace {
bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}
}  // namespace

std::size_t find_word(std::string_view folded, std::string_view phrase, std::size_t from) {
  if (phrase.empty()) return std::string_view::npos;
  for (std::size_t at = folded.find(phrase, from); at != std::string_view::npos;
       at = folded.find(phrase, at + 1)) {
    const bool left = at == 0 || !is_word_byte(folded[at - 1]) || !is_word_byte(phrase.front());
    const std::size_t end = at + phrase.size();
    const bool right = end >= folded.size() || !is_word_byte(folded[end]) || !is_word_byte(phrase.back());
    if (left && right) return at;
  }
  return std::string_view::npos;
}

}  // namespace joblens::parse
