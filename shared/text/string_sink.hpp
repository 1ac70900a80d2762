// Appends to a std::string through a raw pointer into room made in advance.
//
// Cleaning, folding and tokenising a posting append a byte or a short run at a time. libc++ (the
// WebAssembly build) compiles std::string::push_back and append out of line, and those calls were the
// most expensive part of the loops there; writing through a pointer keeps the loops inline in both
// builds. The string is sized once for the expected output and doubled if a caller writes more.
#pragma once

#include <utf8cpp/utf8.h>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "shared/text/swar.hpp"

namespace joblens::text {

class StringSink {
 public:
  // Writes after out's current contents; `expected` is the usual number of bytes to be written.
  StringSink(std::string& out, std::size_t expected) : out_(out), size_(out.size()) {
    out_.resize(size_ + expected + kSlack);
    data_ = out_.data();
    capacity_ = out_.size();
  }
  StringSink(const StringSink&) = delete;
  StringSink& operator=(const StringSink&) = delete;
  // Cuts the string to what was written.
  ~StringSink() { out_.resize(size_); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return data_[size_ - 1]; }
  std::string_view view(std::size_t from, std::size_t to) const { return {data_ + from, to - from}; }
  void truncate(std::size_t size) { size_ = std::min(size, size_); }

  // Room for up to `n` bytes at the end, to be written directly and then kept with commit(): for
  // loops that copy as they scan, without a memcpy call per word.
  char* claim(std::size_t n) {
    reserve(n);
    return data_ + size_;
  }
  void commit(std::size_t written) { size_ += written; }

  void put(char c) {
    reserve(1);
    data_[size_++] = c;
  }
  void put(std::string_view s) {
    reserve(s.size());
    std::memcpy(data_ + size_, s.data(), s.size());
    size_ += s.size();
  }
  // Appends `s` with ASCII letters lowercased; false (and nothing appended) when `s` is not all ASCII.
  // Always inline: the tokeniser calls it for every word, and clang kept it out of line in
  // WebAssembly, where a call costs more than lowercasing a short word.
  [[gnu::always_inline]] bool put_ascii_lowercase(std::string_view s) {
    reserve(s.size());
    char* out = data_ + size_;
    const std::size_t n = s.size();
    std::uint64_t seen = 0;
    // Eight bytes at a time (WebAssembly has no vector loop for this without SIMD), and the rest in
    // one overlapping step rather than a loop per byte: the last eight bytes again, or for a short
    // word its first and last four. Bytes written twice get the same value.
    if (n >= 8) {
      for (std::size_t k = 0; k + 8 <= n; k += 8) seen |= lowercase8(s.data() + k, out + k);
      if (n % 8) seen |= lowercase8(s.data() + n - 8, out + n - 8);
    } else if (n >= 4) {
      seen |= lowercase4(s.data(), out) | lowercase4(s.data() + n - 4, out + n - 4);
    } else {
      for (std::size_t k = 0; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[k]);
        seen |= c;
        out[k] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + ('a' - 'A') : c);
      }
    }
    if (seen & swar::kHigh) return false;
    size_ += n;
    return true;
  }
  // Appends the UTF-8 encoding of a valid scalar value (utfcpp, writing through the pointer).
  void put_utf8(char32_t cp) {
    reserve(4);
    size_ = static_cast<std::size_t>(utf8::unchecked::append(static_cast<std::uint32_t>(cp), data_ + size_) -
                                     data_);
  }

 private:
  static constexpr std::size_t kSlack = 16;

  // A byte is an uppercase letter when it is ASCII, >= 'A' and not > 'Z'; its lowercase adds 0x20.
  // Each returns the bytes read, for the caller's test of non-ASCII.
  static std::uint64_t lowercase8(const char* from, char* to) {
    std::uint64_t word = swar::load(from);
    const std::uint64_t read = word;
    word |= (swar::in_range(word & swar::kLow7, 'A', 'Z') & ~word) >> 2;
    std::memcpy(to, &word, 8);
    return read;
  }
  static std::uint32_t lowercase4(const char* from, char* to) {
    std::uint32_t word;
    std::memcpy(&word, from, 4);
    const std::uint32_t read = word;
    word |=
        static_cast<std::uint32_t>(swar::in_range(word & 0x7F7F7F7Fu, 'A', 'Z') & ~std::uint64_t{word}) >> 2;
    std::memcpy(to, &word, 4);
    return read;
  }

  void reserve(std::size_t n) {
    if (size_ + n <= capacity_) [[likely]]
      return;
    const Room room = grow(out_, std::max(capacity_ * 2, size_ + n + kSlack));
    data_ = room.data;
    capacity_ = room.capacity;
  }
  // The rare growth is a static function that never sees `this`: a member call would let the sink's
  // address escape, and the optimiser would then keep its fields in memory, loading and storing them
  // around every byte written, instead of in registers (in WebAssembly, twice as slow per word).
  struct Room {
    char* data;
    std::size_t capacity;
  };
  [[gnu::noinline]] static Room grow(std::string& out, std::size_t capacity) {
    out.resize(capacity);
    return Room{out.data(), out.size()};
  }

  std::string& out_;
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace joblens::text
