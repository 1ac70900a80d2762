#include "shared/match/title_similarity.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "shared/text/tokenizer.hpp"

namespace joblens::match {
namespace {

// Words that say the level or the terms, not the job.
constexpr std::array<std::string_view, 40> kIgnored{
    "senior",     "sr",      "junior",   "jr",        "lead", "principal", "staff", "intern",
    "internship", "trainee", "graduate", "associate", "mid",  "level",     "i",     "ii",
    "iii",        "iv",      "m",        "w",         "d",    "f",         "x",     "h",
    "remote",     "hybrid",  "the",      "a",         "an",   "of",        "and",   "for",
    "in",         "with",    "to",       "at",        "all",  "genders",   "entry", "head"};

// Words that name the same job, mapped to one spelling.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kSynonyms{
    {{"developer", "engineer"},
     {"dev", "engineer"},
     {"programmer", "engineer"},
     {"entwickler", "engineer"},
     {"developpeur", "engineer"},
     {"desarrollador", "engineer"},
     {"desenvolvedor", "engineer"},
     {"engenheiro", "engineer"},
     {"ingeniero", "engineer"},
     {"ingenieur", "engineer"},
     {"swe", "software"},
     {"sde", "software"},
     {"analista", "analyst"},
     {"analyste", "analyst"},
     {"mgr", "manager"},
     {"frontend", "front"}}};

}  // namespace

std::vector<std::string> title_words(std::string_view title) {
  const text::TokenizedText t = text::tokenize(title);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    std::string_view w = t.folded_token(i);
    if (std::find(kIgnored.begin(), kIgnored.end(), w) != kIgnored.end()) continue;
    for (const auto& [from, to] : kSynonyms)
      if (w == from) w = to;
    words.emplace_back(w);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

double title_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j])
      ++common, ++i, ++j;
    else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

}  // namespace joblens::match
