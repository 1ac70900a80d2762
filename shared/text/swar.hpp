// Eight bytes at a time in a 64-bit integer ("SIMD within a register").
//
// The scanners over a posting (clean_text, fold, the field parsers) spend most of their time stepping
// over letters to the next byte that matters. WebAssembly has no vectorised memchr or strspn and runs
// a loop per byte at about half the speed of native code; testing eight bytes with a few integer
// operations keeps both builds fast. The range tests work on ASCII bytes: each byte's low seven bits
// plus an offset below 0x80 cannot carry into the next byte.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace joblens::text::swar {

static_assert(std::endian::native == std::endian::little, "the first byte of a word is its lowest");

constexpr std::uint64_t kOnes = 0x0101010101010101ull;  // 1 in every byte
constexpr std::uint64_t kHigh = kOnes * 0x80;           // the high bit of every byte
constexpr std::uint64_t kLow7 = kOnes * 0x7F;

inline std::uint64_t load(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// The high bit of every byte of `low7` (bytes below 0x80) that lies in [lo, hi].
constexpr std::uint64_t in_range(std::uint64_t low7, unsigned char lo, unsigned char hi) {
  return (low7 + kOnes * (0x80u - lo)) & ~(low7 + kOnes * (0x7Fu - hi)) & kHigh;
}

// The high bit of every byte that is an ASCII digit.
constexpr std::uint64_t digits(std::uint64_t word) { return in_range(word & kLow7, '0', '9') & ~word; }

// One byte at a time, what alphanumerics() tells of eight: an ASCII letter (either case) or digit.
constexpr bool is_alphanumeric(unsigned char b) {
  return ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9');
}

// The high bit of every zero byte of `word`, and possibly of bytes above a zero byte (the borrow of the
// subtraction): a filter whose candidates the caller confirms. No zero byte is ever missed.
constexpr std::uint64_t zero_bytes(std::uint64_t word) { return (word - kOnes) & ~word & kHigh; }

// The high bit of every byte that is an ASCII letter (either case) or digit.
constexpr std::uint64_t alphanumerics(std::uint64_t word) {
  const std::uint64_t low7 = word & kLow7;
  return (in_range(low7 | kOnes * 0x20, 'a', 'z') | in_range(low7, '0', '9')) & ~word;
}

// The high bit of every byte of folded text that belongs to a word: a lowercase letter, a digit, or a
// byte of a multi-byte character.
constexpr std::uint64_t folded_word_bytes(std::uint64_t word) {
  const std::uint64_t low7 = word & kLow7;
  return in_range(low7, 'a', 'z') | in_range(low7, '0', '9') | (word & kHigh);
}

// Whether n bytes at a and b are the same: eight at a time, and the rest in one overlapping step (the
// last eight again, or for fewer than eight the first and last four) rather than a loop per byte.
inline bool equal(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t k = 0; k + 8 <= n; k += 8)
      if (load(a + k) != load(b + k)) return false;
    return load(a + n - 8) == load(b + n - 8);
  }
  if (n >= 4) {
    std::uint32_t a1, a2, b1, b2;
    std::memcpy(&a1, a, 4);
    std::memcpy(&b1, b, 4);
    std::memcpy(&a2, a + n - 4, 4);
    std::memcpy(&b2, b + n - 4, 4);
    return a1 == b1 && a2 == b2;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

// Index of the first byte whose high bit is set in `mask` (not zero).
inline std::size_t first(std::uint64_t mask) { return static_cast<std::size_t>(std::countr_zero(mask)) / 8; }

}  // namespace joblens::text::swar
