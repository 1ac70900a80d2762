// JSON text written straight into a string, for the results of a burst of cards.
//
// Scoring 25 postings in the extension's background spent more time building an
// nlohmann::ordered_json per result and dumping it (one allocation per value, one out-of-line
// push_back per byte in WebAssembly) than scoring them (docs/benchmarks.md). This writer streams
// instead, through a StringSink. Its output is byte for byte what nlohmann's dump() prints
// (tests/unit/json_text_test.cpp); numbers with a fraction are formatted by nlohmann's own Grisu2
// (nlohmann::detail::to_chars, what its serialiser calls).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/text/string_sink.hpp"

namespace joblens::wire {

// How characters outside ASCII are written: as they are, or escaped as \uXXXX (nlohmann's
// ensure_ascii). ASCII text is what JavaScript decodes fastest: TextDecoder copies it without decoding
// and JSON.parse reads a one-byte string (docs/benchmarks.md).
enum class Encoding { utf8, ascii };

class JsonText {
 public:
  // Appends to `out`; the text is complete when the writer goes out of scope.
  explicit JsonText(std::string& out, std::size_t expected = 1024, Encoding encoding = Encoding::utf8)
      : out_(out, expected), ascii_(encoding == Encoding::ascii) {}

  // Structural text written as given: "{", ",\"key\":", "]".
  JsonText& raw(std::string_view text) {
    out_.put(text);
    return *this;
  }
  // A quoted string, escaped like nlohmann (control characters, '"' and '\', and with
  // Encoding::ascii every other character as ensure_ascii does); ill-formed UTF-8 is replaced with
  // U+FFFD first.
  JsonText& string(std::string_view s);
  JsonText& strings(const std::vector<std::string>& list);  // ["a","b"]
  JsonText& integer(long long value);
  JsonText& number(double value);
  JsonText& boolean(bool value) { return raw(value ? "true" : "false"); }
  JsonText& null() { return raw("null"); }

 private:
  void escaped(std::string_view valid_utf8);
  void escape_code_unit(std::uint32_t unit);  // \u and four lowercase hex digits
  text::StringSink out_;
  bool ascii_ = false;
};

}  // namespace joblens::wire
