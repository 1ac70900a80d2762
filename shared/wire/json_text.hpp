// JSON text written straight into a string, for the results of a burst of cards.
//
// Scoring 25 postings in the extension's background spent more time building an
// nlohmann::ordered_json per result and dumping it (one allocation per value, one out-of-line
// push_back per byte in WebAssembly) than scoring them (docs/benchmarks.md). This writer streams
// instead, through a StringSink. Its output is byte for byte what nlohmann's dump() prints
// (tests/unit/json_text_test.cpp); numbers with a fraction are formatted by nlohmann's own Grisu2
// (nlohmann::detail::to_chars, what its serialiser calls).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/text/string_sink.hpp"

namespace joblens::wire {

class JsonText {
 public:
  // Appends to `out`; the text is complete when the writer goes out of scope.
  explicit JsonText(std::string& out, std::size_t expected = 1024) : out_(out, expected) {}

  // Structural text written as given: "{", ",\"key\":", "]".
  JsonText& raw(std::string_view text) {
    out_.put(text);
    return *this;
  }
  // A quoted string, escaped like nlohmann (control characters, '"' and '\'); ill-formed UTF-8 is
  // replaced with U+FFFD first.
  JsonText& string(std::string_view s);
  JsonText& strings(const std::vector<std::string>& list);  // ["a","b"]
  JsonText& integer(long long value);
  JsonText& number(double value);
  JsonText& boolean(bool value) { return raw(value ? "true" : "false"); }
  JsonText& null() { return raw("null"); }

 private:
  void escaped(std::string_view valid_utf8);
  text::StringSink out_;
};

}  // namespace joblens::wire
