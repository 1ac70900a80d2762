// Checks a model's reply against the subset of JSON Schema the prompt templates use, and digs the
// reply's JSON object out of the text a model wraps around it.
//
// Hand-written: Debian bookworm packages no C++ JSON Schema validator for nlohmann/json
// (`apt-cache search json-schema` lists only the test suite and other languages' validators), and the
// subset is small. Supported keywords: type (a name or an array of names: object, array, string,
// number, integer, boolean, null), properties, required, additionalProperties (false or a schema),
// items, enum, minimum, maximum, minLength, maxLength (in code points), minItems, maxItems. Any other
// keyword is ignored, as JSON Schema does with unknown ones.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace joblens::host::llm {

// nullopt when `value` fits `schema`; otherwise the first violation as "<JSON pointer>: <problem>",
// e.g. "/keywords/2/in_profile: expected boolean, got string". The root is "" (shown as "/").
std::optional<std::string> validate(const nlohmann::json& value, const nlohmann::json& schema);

// The first balanced top-level JSON object in `text` that parses (models add ```json fences or prose
// around it); nullopt when there is none.
std::optional<nlohmann::json> extract_json_object(std::string_view text);

}  // namespace joblens::host::llm
