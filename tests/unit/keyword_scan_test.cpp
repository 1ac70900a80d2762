#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "shared/parse/keyword_scan.hpp"

using joblens::parse::find_word;
using joblens::parse::PhraseSet;

namespace {

// Every whole-word match, by brute force: the answer PhraseSet's skipping scan must give.
std::vector<std::size_t> brute_force(std::string_view text, const std::vector<std::string_view>& phrases) {
  std::vector<std::size_t> hits;
  for (std::size_t at = 0; at < text.size(); ++at)
    for (std::size_t i = 0; i < phrases.size(); ++i)
      if (!phrases[i].empty() && PhraseSet::whole_word_at(text, at, phrases[i])) hits.push_back(i);
  return hits;
}

}  // namespace

TEST_CASE("keyword scan: whole words only, leftmost first, table order on a tie") {
  const std::vector<std::string_view> phrases = {"part time", "part", "c", "c++", "remote", "-time", "x"};
  const PhraseSet set(phrases);
  CHECK(set.first("a part time role").at == 2);
  CHECK(set.first("a part time role").index == 0);  // both begin at 2: the earlier phrase wins
  CHECK(set.first("apart timeless").at == std::string_view::npos);
  CHECK(set.first("sql, c++ and go").index == 2);  // "c" stands alone before '+'; it is earlier
  CHECK(set.first("fully remote").index == 4);
  CHECK(set.first("remotely").at == std::string_view::npos);
  CHECK(set.first("full-time").index == 5);  // a phrase may begin with punctuation, inside a word
  CHECK(set.first("ends with x").at == 10);  // a one-byte phrase at the very end
  CHECK(set.first("x").at == 0);
  CHECK(set.first("").at == std::string_view::npos);
  CHECK(set.any("caf\xC3\xA9 remote"));
  CHECK_FALSE(set.any("\xC3\xA9remote"));  // a multi-byte character is part of the word
}

TEST_CASE("keyword scan: each() finds what a brute-force search finds") {
  const std::vector<std::string_view> phrases = {"full time", "full", "time", "c", "c#",  "go",
                                                 "r",         "a",    "ab",   "-", "x y", "99"};
  const PhraseSet set(phrases);
  const std::string_view texts[] = {
      "full time, full-time and fulltime", "c c# c++ go golang r&d r a ab abc",
      "x y x  y xy - -- 99 199 99a",       "",
      "\xC3\xA9go go\xC3\xA9 go",          "a",
  };
  for (std::string_view text : texts) {
    std::vector<std::size_t> hits;
    set.each(text, [&](std::size_t index) { hits.push_back(index); });
    CAPTURE(text);
    CHECK(hits == brute_force(text, phrases));
  }
}

TEST_CASE("keyword scan: find_word skips matches inside words") {
  CHECK(find_word("the lead engineer leads", "leads") == 18);
  CHECK(find_word("mislead lead", "lead") == 8);
  CHECK(find_word("no match here", "lead") == std::string_view::npos);
  CHECK(find_word("anything", "") == std::string_view::npos);
}
