#include <doctest/doctest.h>

#include "shared/model/json_io.hpp"

using namespace joblens;
using namespace joblens::model;

TEST_CASE("json: the example profile of the schema reads and round-trips") {
  const char* text = R"({
    "name": "Ana Costa", "headline": "Data Engineer", "titles": ["Data Engineer", "Analytics Engineer"],
    "years_experience": 5,
    "skills": [{"name": "Python", "years": 5}, {"name": "SQL", "years": 5, "level": "expert"}, "dbt"],
    "locations": ["Lisbon, Portugal"], "remote": "remote_only",
    "salary_min": {"amount": 60000, "currency": "EUR", "period": "year"},
    "languages": ["Portuguese", "English"], "work_authorization": {"EU": true, "US": false},
    "unknown_field": {"ignored": true}})";
  auto j = parse_json(text);
  REQUIRE(j.ok());
  auto p = profile_from_json(*j);
  REQUIRE(p.ok());
  CHECK(p->skills.size() == 3);
  CHECK(p->skills[1].level == "expert");
  CHECK(p->skills[2].name == "dbt");
  CHECK(p->remote == RemotePreference::remote_only);
  CHECK(p->salary_min->amount == 60000);
  CHECK(p->work_authorization.at("US") == false);
  CHECK(p->version.size() == 16);  // a content hash when none is stated
  auto again = profile_from_json(to_json(*p));
  REQUIRE(again.ok());
  CHECK(again->version == p->version);
  CHECK(to_json(*again) == to_json(*p));
}

TEST_CASE("json: wrong types and bad values are coded errors naming the field") {
  struct Case {
    const char* text;
    ErrorCode code;
    const char* mentions;
  };
  const Case cases[] = {
      {R"({"titles": "Data Engineer"})", ErrorCode::wrong_type, "titles"},
      {R"({"years_experience": "five"})", ErrorCode::wrong_type, "years_experience"},
      {R"({"remote": "sometimes"})", ErrorCode::invalid_value, "remote"},
      {R"({"skills": [{"years": 3}]})", ErrorCode::missing_field, "name"},
      {R"({"skills": [42]})", ErrorCode::wrong_type, "skills"},
      {R"({"salary_min": {"amount": 1, "period": "fortnight"}})", ErrorCode::invalid_value, "period"},
      {R"({"work_authorization": {"EU": "yes"}})", ErrorCode::wrong_type, "EU"},
      {R"([1, 2])", ErrorCode::wrong_type, "profile"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto j = parse_json(c.text);
    REQUIRE(j.ok());
    auto p = profile_from_json(*j);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == c.code);
    CHECK(p.error().message.find(c.mentions) != std::string::npos);
  }
}

TEST_CASE("json: jobs need id, title, company, location and description") {
  auto ok =
      parse_json(R"({"id": 4012345678, "title": "T", "company": "C", "location": "L", "description": "D",
                          "salary": "$120K/yr", "url": "https://example.test/1", "extra": 1})");
  REQUIRE(ok.ok());
  auto job = job_from_json(*ok);
  REQUIRE(job.ok());
  CHECK(job->id == "4012345678");
  CHECK(job->salary == "$120K/yr");
  auto missing = job_from_json(*parse_json(R"({"id": "1", "title": "T", "company": "C", "location": "L"})"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::missing_field);
  CHECK(missing.error().message.find("description") != std::string::npos);
  auto wrong = job_from_json(
      *parse_json(R"({"id": "1", "title": 5, "company": "C", "location": "L", "description": ""})"));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == ErrorCode::wrong_type);
}

TEST_CASE("json: malformed text, bad UTF-8 and deep nesting are rejected without a crash") {
  CHECK(parse_json("{\"a\": ").error().code == ErrorCode::invalid_json);
  CHECK(parse_json("{\"a\": \"\xFF\"}").error().code == ErrorCode::invalid_utf8);
  CHECK(parse_json(std::string(10000, '[') + std::string(10000, ']')).error().code ==
        ErrorCode::invalid_json);
  CHECK(parse_json("").error().code == ErrorCode::invalid_json);
  CHECK(parse_json(R"({"s": "[[[[ not nesting ]]]"})").ok());
}

TEST_CASE("parse_json_quiet: the same checks as parse_json, without exceptions") {
  using joblens::model::parse_json_quiet;
  auto ok = parse_json_quiet(R"({"cards": [{"key": "c1"}]})");
  REQUIRE(ok);
  CHECK((*ok)["cards"][0]["key"] == "c1");
  CHECK(parse_json_quiet("{\"a\": ").error().code == joblens::ErrorCode::invalid_json);
  CHECK(parse_json_quiet("\"\xff\"").error().code == joblens::ErrorCode::invalid_utf8);
  CHECK(parse_json_quiet(std::string(100, '[') + std::string(100, ']')).error().code ==
        joblens::ErrorCode::invalid_json);
  CHECK(parse_json_quiet(R"("\ud800")").error().code == joblens::ErrorCode::invalid_json);  // lone surrogate
  // The depth limit is exact, counts objects and arrays alike, and ignores brackets inside strings.
  const int limit = joblens::model::kMaxJsonDepth;
  CHECK(parse_json_quiet(std::string(limit, '[') + std::string(limit, ']')));
  const auto deep = parse_json_quiet(std::string(limit + 1, '[') + std::string(limit + 1, ']'));
  REQUIRE_FALSE(deep);
  CHECK(deep.error().message.find("nested deeper than") != std::string::npos);
  std::string objects;
  for (int i = 0; i <= limit; ++i) objects += "{\"a\":";
  objects += "1" + std::string(limit + 1, '}');
  CHECK(parse_json_quiet(objects).error().message.find("nested deeper than") != std::string::npos);
  CHECK(parse_json_quiet("[\"" + std::string(200, '[') + "\"]"));
  // Ill-formed UTF-8 is named first, as parse_json does, whatever else is wrong.
  CHECK(parse_json_quiet(std::string(limit + 1, '[') + "\"\xC3\"").error().code ==
        joblens::ErrorCode::invalid_utf8);
  CHECK(parse_json_quiet("[\"\xE2\x82\"]").error().code == joblens::ErrorCode::invalid_utf8);
  CHECK(parse_json_quiet("[\"caf\xC3\xA9\"]"));
}
