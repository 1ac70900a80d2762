// The JSON Schema subset and pulling a reply's JSON object out of a model's text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "native-host/llm/json_schema.hpp"

namespace joblens::host::llm {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({
  "type": "object", "additionalProperties": false, "required": ["name", "tags", "score", "kind", "items"],
  "properties": {
    "name": {"type": "string", "minLength": 2, "maxLength": 5},
    "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
    "score": {"type": "number", "minimum": 0, "maximum": 1},
    "count": {"type": "integer"},
    "kind": {"type": "string", "enum": ["a", "b"]},
    "maybe": {"type": ["string", "null"]},
    "items": {"type": "array", "items": {"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}}},
    "a/b": {"type": "string"}
  }
})");

json good() {
  return {{"name", "héllo"}, {"tags", {"x"}}, {"score", 0.5}, {"kind", "a"}, {"items", {{{"ok", true}}}}};
}

std::string problem(const json& v) { return validate(v, kSchema).value_or("valid"); }

TEST_CASE("a value that fits passes; each keyword's violation names its JSON pointer") {
  CHECK(problem(good()) == "valid");  // "héllo" is 5 code points, 6 bytes
  json v = good();
  v["name"] = "x";
  CHECK(problem(v) == "/name: shorter than 2 characters");
  v = good();
  v["name"] = "toolong";
  CHECK(problem(v) == "/name: longer than 5 characters");
  v = good();
  v["tags"] = {"a", "b", "c"};
  CHECK(problem(v) == "/tags: more than 2 items");
  v = good();
  v["tags"] = {"a", 3};
  CHECK(problem(v) == "/tags/1: expected string, got integer");
  v = good();
  v["score"] = 1.5;
  CHECK(problem(v) == "/score: must be <= 1");
  v = good();
  v["score"] = -1;
  CHECK(problem(v) == "/score: must be >= 0");
  v = good();
  v["score"] = "0.5";
  CHECK(problem(v) == "/score: expected number, got string");
  v = good();
  v["kind"] = "c";
  CHECK(problem(v) == "/kind: must be one of [\"a\",\"b\"], got \"c\"");
  v = good();
  v["items"][0]["ok"] = "yes";
  CHECK(problem(v) == "/items/0/ok: expected boolean, got string");
  v = good();
  v["items"][0].erase("ok");
  CHECK(problem(v) == "/items/0/ok: is required");
  v = good();
  v.erase("kind");
  CHECK(problem(v) == "/kind: is required");
  v = good();
  v["extra"] = 1;
  CHECK(problem(v) == "/extra: is not allowed");
  v = good();
  v["a/b"] = 1;
  CHECK(problem(v) == "/a~1b: expected string, got integer");
}

TEST_CASE("type arrays, integers and null") {
  json v = good();
  v["maybe"] = nullptr;
  CHECK(problem(v) == "valid");
  v["maybe"] = "text";
  CHECK(problem(v) == "valid");
  v["maybe"] = 3;
  CHECK(problem(v) == "/maybe: expected string or null, got integer");
  v = good();
  v["count"] = 3.0;  // an integer in JSON Schema
  CHECK(problem(v) == "valid");
  v["count"] = 3.5;
  CHECK(problem(v) == "/count: expected integer, got number");
  CHECK(validate("x", json{{"type", "object"}}).value_or("") == "/: expected object, got string");
}

TEST_CASE("extract_json_object finds the first balanced object in fences or prose") {
  CHECK(extract_json_object(R"({"a": 1})") == json{{"a", 1}});
  CHECK(
      extract_json_object("Sure! Here it is:\n```json\n{\"a\": {\"b\": \"}\"}}\n```\nHope that helps {x}.") ==
      json{{"a", {{"b", "}"}}}});
  CHECK(extract_json_object(R"(Use {braces} like {"a": "say \"{\""} then {"b": 2})") ==
        json{{"a", "say \"{\""}});
  CHECK_FALSE(extract_json_object("no object here").has_value());
  CHECK_FALSE(extract_json_object("{\"a\": 1").has_value());  // unbalanced: cut off
  CHECK_FALSE(extract_json_object("[1, 2]").has_value());
}

}  // namespace
}  // namespace joblens::host::llm
