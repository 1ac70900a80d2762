#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

#include "shared/text/byte_search.hpp"
#include "shared/text/swar.hpp"

using namespace joblens::text;

namespace {

// What each mask says of one byte, asked one byte at a time.
bool is_digit(unsigned char b) { return b >= '0' && b <= '9'; }
bool is_alphanumeric(unsigned char b) {
  return is_digit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}
bool is_folded_word_byte(unsigned char b) { return is_digit(b) || (b >= 'a' && b <= 'z') || b >= 0x80; }

}  // namespace

TEST_CASE("swar: every byte value, at every position of a word, against the byte-at-a-time answer") {
  // Neighbours that could disturb a byte's test through a carry: the extremes and the range ends.
  const unsigned char neighbours[] = {0x00, 0x2F, 0x30, 0x39, 0x3A, 0x40, 0x5A, 0x5B,
                                      0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xC3, 0xFF};
  std::string first_mismatch;  // checked once at the end: 800,000 CHECKs would slow every build's suite
  for (int value = 0; value < 256; ++value) {
    for (const unsigned char fill : neighbours) {
      for (std::size_t at = 0; at < 8; ++at) {
        std::string bytes(8, static_cast<char>(fill));
        bytes[at] = static_cast<char>(value);
        const std::uint64_t word = swar::load(bytes.data());
        for (std::size_t k = 0; k < 8 && first_mismatch.empty(); ++k) {
          const auto b = static_cast<unsigned char>(bytes[k]);
          const std::uint64_t bit = std::uint64_t{0x80} << (8 * k);
          if (((swar::digits(word) & bit) != 0) != is_digit(b) ||
              ((swar::alphanumerics(word) & bit) != 0) != is_alphanumeric(b) ||
              ((swar::folded_word_bytes(word) & bit) != 0) != is_folded_word_byte(b))
            first_mismatch =
                "byte " + std::to_string(b) + " at " + std::to_string(k) + " among " + std::to_string(fill);
        }
      }
    }
  }
  CHECK(first_mismatch == "");
}

TEST_CASE("swar: first() is the index of the first marked byte") {
  CHECK(swar::first(swar::digits(swar::load("abc7def9"))) == 3);
  CHECK(swar::first(swar::digits(swar::load("5bcdefgh"))) == 0);
  CHECK((~swar::alphanumerics(swar::load("Kubernet")) & swar::kHigh) == 0);
  CHECK(swar::first(~swar::alphanumerics(swar::load("Go, Rust")) & swar::kHigh) == 2);
  CHECK(swar::first(~swar::folded_word_bytes(swar::load("node.js ")) & swar::kHigh) == 4);
}

TEST_CASE("swar: equal() finds a difference at every position of every length up to 24") {
  const std::string base = "kubernetes-postgresql-go";
  for (std::size_t n = 0; n <= base.size(); ++n) {
    CHECK(swar::equal(base.data(), std::string(base).data(), n));
    for (std::size_t at = 0; at < n; ++at) {
      std::string other = base;
      other[at] = static_cast<char>(other[at] ^ 0x01);
      CAPTURE(n);
      CAPTURE(at);
      CHECK_FALSE(swar::equal(base.data(), other.data(), n));
    }
  }
}

TEST_CASE("swar: zero_bytes() marks every zero byte, at every position, whatever its neighbours") {
  for (int fill = 0; fill < 256; ++fill)
    for (std::size_t at = 0; at < 8; ++at) {
      std::string bytes(8, static_cast<char>(fill));
      bytes[at] = '\0';
      const bool marked = (swar::zero_bytes(swar::load(bytes.data())) >> (8 * at + 7)) & 1u;
      CHECK(marked);
      // Below the lowest zero byte nothing is marked: no candidate is reported early.
      CHECK(swar::first(swar::zero_bytes(swar::load(bytes.data()))) == (fill == 0 ? 0 : at));
    }
  CHECK(swar::zero_bytes(swar::load("abcdefgh")) == 0);
}

TEST_CASE("find_bytes: the same answer as std::string_view::find, from every start, over random text") {
  // A three-letter alphabet makes near misses common: the first two bytes match often, the rest not.
  std::mt19937 random(7);
  std::string haystack(300, 'a');
  for (char& c : haystack) c = "abe"[random() % 3];
  const std::string_view view = haystack;
  for (const std::string_view needle :
       {"ab", "ea", "abe", "eab", "aabba", "beeb", "abeabea", "ebab", "zz", "e"}) {
    CAPTURE(needle);
    for (std::size_t from = 0; from <= haystack.size() + 1; ++from) {
      CAPTURE(from);
      REQUIRE(find_bytes(view, needle, from) == view.find(needle, from));
    }
  }
  const std::string posting = std::string(200, 'x') + " employment type: full-time";
  CHECK(find_bytes(posting, "employment type") == 201);
  CHECK(find_bytes(posting, "employment types") == std::string_view::npos);
}
