#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "shared/skills/phrase_matcher.hpp"

using joblens::skills::PhraseMatcher;

namespace {

// Words of every length around the vocabulary's short-key boundaries (3/4, 7/8/9), and neighbours
// that differ from them in one byte only: in the first, a middle or the last position.
std::vector<std::string> words_and_neighbours() {
  std::vector<std::string> out;
  for (std::size_t n = 1; n <= 20; ++n) {
    std::string word;
    for (std::size_t i = 0; i < n; ++i) word.push_back(static_cast<char>('a' + (i * 7 + n) % 26));
    out.push_back(word);
  }
  return out;
}

std::vector<std::string> one_byte_changes(const std::string& word) {
  std::vector<std::string> out;
  for (const std::size_t at : {std::size_t{0}, word.size() / 2, word.size() - 1}) {
    std::string changed = word;
    changed[at] = changed[at] == 'z' ? 'y' : static_cast<char>(changed[at] + 1);
    out.push_back(changed);
  }
  return out;
}

}  // namespace

TEST_CASE("phrase matcher: every vocabulary word of every length is found, and no one-byte neighbour") {
  const auto words = words_and_neighbours();
  PhraseMatcher m;
  for (std::size_t i = 0; i < words.size(); ++i)
    m.add(std::vector<std::string>{words[i]}, static_cast<std::uint32_t>(i));
  m.build();
  std::vector<std::uint32_t> ids;
  for (const std::string& w : words) {
    CAPTURE(w);
    const std::uint32_t id = m.token_id(w);
    REQUIRE(id != PhraseMatcher::kUnknownToken);
    ids.push_back(id);
    for (const std::string& near : one_byte_changes(w)) {
      CAPTURE(near);
      bool in_vocabulary = false;
      for (const std::string& other : words) in_vocabulary |= other == near;
      if (!in_vocabulary) CHECK(m.token_id(near) == PhraseMatcher::kUnknownToken);
    }
    // A prefix or an extension of a word is another word.
    if (w.size() > 1 && w.size() != 20) CHECK(m.token_id(w + "q") != id);
    CHECK(m.token_id(w.substr(0, w.size() - 1)) != id);
  }
  std::sort(ids.begin(), ids.end());
  CHECK(std::unique(ids.begin(), ids.end()) == ids.end());  // one id per word
  CHECK(m.token_id("") == PhraseMatcher::kUnknownToken);
}

TEST_CASE("phrase matcher: phrases are reported where they end, and none spans a restart") {
  PhraseMatcher m;
  m.add(std::vector<std::string>{"spring"}, 1);
  m.add(std::vector<std::string>{"spring", "boot"}, 2);
  m.add(std::vector<std::string>{"boot"}, 3);
  m.add(std::vector<std::string>{"kubernetes", "administration"}, 4);  // words longer than eight bytes
  m.build();
  const auto scan = [&](const std::vector<std::string>& words, std::vector<std::uint8_t> restart) {
    std::vector<std::uint32_t> ids;
    for (const auto& w : words) ids.push_back(m.token_id(w));
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> hits;
    m.scan(ids, restart, [&](std::uint32_t first, std::uint32_t end, std::uint32_t payload) {
      hits.emplace_back(first, end, payload);
    });
    return hits;
  };
  using Hits = std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>>;
  CHECK(scan({"we", "use", "spring", "boot"}, {1, 0, 0, 0}) == Hits{{2, 3, 1}, {2, 4, 2}, {3, 4, 3}});
  CHECK(scan({"spring", "boot"}, {1, 1}) == Hits{{0, 1, 1}, {1, 2, 3}});
  CHECK(scan({"kubernetes", "administration"}, {1, 0}) == Hits{{0, 2, 4}});
  CHECK(scan({"kubernetez", "administration"}, {1, 0}).empty());
}
