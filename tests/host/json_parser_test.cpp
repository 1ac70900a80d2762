// The host's fast JSON reader gives exactly what nlohmann's parser gives, and the core's errors.
#include <doctest/doctest.h>

#include "native-host/protocol/json_parser.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::host::protocol {

TEST_CASE("the fast parser agrees with nlohmann on values and types") {
  JsonParser parser;
  const char* documents[] = {
      R"({"id":1,"type":"hello","args":{}})",
      R"({"a":[1,-2,3.5,1e300,18446744073709551615,-9223372036854775808,true,false,null],"b":""})",
      R"({"s":"caf\u00e9 \ud83d\ude00 \"q\" \\ \n","t":"Marés — 😀"})",
      R"([[],{},[{}],{"x":[[[]]]}])",
      R"("just a string")",
      R"(  {"dup":1,"dup":2}  )",
      "0",
  };
  for (const char* doc : documents) {
    CAPTURE(doc);
    auto fast = parser.parse(doc);
    REQUIRE(fast.ok());
    const nlohmann::json expected = nlohmann::json::parse(doc);
    CHECK(*fast == expected);
    CHECK(fast->dump() == expected.dump());  // the same number types, not just equal values
  }
  // A large document (the fast path's reason to exist) reads the same too.
  std::string big = "[";
  for (int i = 0; i < 20000; ++i)
    big += std::string(i ? "," : "") + R"({"id":")" + std::to_string(i) + R"(","n":)" +
           std::to_string(i * 7) + "}";
  big += "]";
  auto fast = parser.parse(big);
  REQUIRE(fast.ok());
  CHECK(*fast == nlohmann::json::parse(big));
}

TEST_CASE("the fast parser's errors are the core's") {
  JsonParser parser;
  CHECK(parser.parse("{\"a\":\"\xc3\x28\"}").error().code == ErrorCode::invalid_utf8);
  CHECK(parser.parse("{\"a\":").error().code == ErrorCode::invalid_json);
  CHECK(parser.parse("{\"a\":1}x").error().code == ErrorCode::invalid_json);
  CHECK(parser.parse("").error().code == ErrorCode::invalid_json);
  CHECK(parser.parse(std::string(100000, '[') + std::string(100000, ']')).error().code ==
        ErrorCode::invalid_json);
  // simdjson refuses integers past 64 bits; nlohmann reads them as doubles, and so do we.
  auto huge = parser.parse("[123456789012345678901234567890]");
  REQUIRE(huge.ok());
  CHECK((*huge)[0].is_number_float());
}

}  // namespace joblens::host::protocol
