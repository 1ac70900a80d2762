// The streaming writer prints exactly what nlohmann's dump() prints, so the CLI, the WebAssembly
// module and the host agree byte for byte whichever path wrote a result.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "shared/model/json_io.hpp"
#include "shared/wire/json_text.hpp"
#include "shared/wire/score_result.hpp"
#include "tests/test_engine.hpp"

using namespace joblens;

namespace {
std::string text_of(const wire::ScoreResult& r, wire::Encoding encoding = wire::Encoding::utf8) {
  std::string out;
  wire::append_json_text(r, out, encoding);
  return out;
}
}  // namespace

TEST_CASE("json_text: strings are escaped like nlohmann's dump") {
  for (const std::string& s : {std::string("plain"), std::string("quote \" and \\ back"),
                               std::string("tab\tnew\nline\rcr\bbs\ffeed"), std::string("\x01\x1f\x7f"),
                               std::string("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"), std::string()}) {
    std::string out;
    wire::JsonText(out).string(s);
    CHECK(out == nlohmann::json(s).dump());
  }
  std::string bad;
  wire::JsonText(bad).string(
      "a\xFF"
      "b");
  CHECK(bad ==
        "\"a\xEF\xBF\xBD"
        "b\"");
}

TEST_CASE("json_text: Encoding::ascii escapes like nlohmann's dump with ensure_ascii") {
  for (const std::string& s :
       {std::string("plain \" \\ \t\x01"), std::string("caf\xC3\xA9 \xC2\xB7 \xC3\x8E"),
        std::string("\xE2\x82\xAC"
                    "85k \xE2\x80\x94 \xEF\xBF\xBD"),
        std::string("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF end"), std::string("\xE6\x97\xA5\xE6\x9C\xAC")}) {
    std::string out;
    wire::JsonText(out, 16, wire::Encoding::ascii).string(s);
    CAPTURE(s);
    CHECK(out == nlohmann::json(s).dump(-1, ' ', /*ensure_ascii=*/true));
    for (const char c : out) CHECK(static_cast<unsigned char>(c) < 0x80);
  }
  std::string bad;
  wire::JsonText(bad, 16, wire::Encoding::ascii)
      .string(
          "a\xFF"
          "b");
  CHECK(bad == "\"a\\ufffdb\"");
}

TEST_CASE("json_text: numbers print like nlohmann's dump") {
  for (double d : {0.0, 0.3, 1.0, 85000.0, 123456.789, 1e-7, 2.5e21}) {
    std::string out;
    wire::JsonText(out).number(d);
    CHECK(out == nlohmann::json(d).dump());
  }
}

TEST_CASE("json_text: integers print like nlohmann's dump") {
  for (long long n : {0LL, 7LL, -5LL, 85000LL, 9223372036854775807LL, -9223372036854775807LL - 1}) {
    std::string out;
    wire::JsonText(out).integer(n);
    CHECK(out == nlohmann::json(n).dump());
  }
  std::string nan;
  wire::JsonText(nan).number(std::nan(""));
  CHECK(nan == "null");
}

TEST_CASE("json_text: every corpus result is written exactly as to_json(r).dump()") {
  const Engine& e = testing::engine();
  std::ifstream profile_in(JOBLENS_SOURCE_DIR "/examples/profile.json");
  const std::string profile_text((std::istreambuf_iterator<char>(profile_in)),
                                 std::istreambuf_iterator<char>());
  auto profile = model::profile_from_json(*model::parse_json(profile_text));
  REQUIRE(profile.ok());
  const auto view = e.view(*profile);
  std::ifstream in(JOBLENS_SOURCE_DIR "/tests/corpus/postings.jsonl");
  int compared = 0, with_salary = 0;
  for (std::string line; std::getline(in, line);) {
    auto job = model::job_from_json(*model::parse_json(line));
    REQUIRE(job.ok());
    const wire::ScoreResult r = e.score(*job, view);
    with_salary += r.salary ? 1 : 0;
    CHECK(text_of(r) == wire::to_json(r).dump());
    CHECK(text_of(r, wire::Encoding::ascii) == wire::to_json(r).dump(-1, ' ', /*ensure_ascii=*/true));
    ++compared;
  }
  CHECK(compared >= 40);
  CHECK(with_salary > 0);  // the salary object is exercised, not only null
  wire::ScoreResult empty;
  CHECK(text_of(empty) == wire::to_json(empty).dump());
}
