// Versioned prompt templates (prompts/*.json, compiled in) and their rendering.
//
// A template names its variables and marks each trusted (the profile we own, fixed lists) or untrusted
// (job text, question labels, options: anything from a web page). Untrusted values are never spliced
// raw: each is JSON-encoded, so it cannot start a line, and wrapped in a data block fenced by a fresh
// random nonce. The system prompt tells the model that data blocks are data, never instructions, so a
// posting that says "ignore previous instructions" is quoted text, and it cannot forge the closing
// fence without knowing the nonce. Format and rules: docs/llm.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::llm {

struct TemplateVariable {
  std::string name;
  bool trusted = false;
  std::string description;
};

struct PromptTemplate {
  std::string feature;  // "analyze", "answer", "cover_letter", "tailor"
  int version = 0;      // bumped on every change of wording or schema: it is part of the cache key
  std::string description;
  std::vector<TemplateVariable> variables;
  std::string system;  // may hold {{name}} placeholders, like user
  std::string user;
  nlohmann::json output_schema;  // the JSON Schema subset of json_schema.hpp
  int max_output_tokens = 1024;
  double temperature = 0.0;
};

// Parses one template file. Every placeholder must name a declared variable and every variable must
// be used; the schema must be an object schema.
Result<PromptTemplate> parse_template(std::string_view json_text);

// The compiled-in templates, parsed once (thread-safe); nullptr for an unknown feature.
const PromptTemplate* find_template(std::string_view feature);
// Every compiled-in template, or the first one that failed to parse (a build defect, tested).
Result<std::vector<const PromptTemplate*>> all_templates();

struct RenderedPrompt {
  std::string system;
  std::string user;
  // The template's identity and the variables' values, canonical JSON without the nonce: the same
  // inputs give the same text, so it feeds the response cache's key.
  std::string inputs_canonical;
};

inline constexpr std::size_t kNonceLength = 16;

// A fresh nonce of kNonceLength characters of [A-Za-z0-9], from OpenSSL's CSPRNG.
std::string random_nonce();

// Fills the placeholders. `vars` is an object holding exactly the template's variables (missing:
// missing_field; undeclared: invalid_value). `nonce` must be kNonceLength of [A-Za-z0-9] and must
// not occur in any untrusted value (invalid_value): call again with a new nonce.
Result<RenderedPrompt> render(const PromptTemplate& tmpl, const nlohmann::json& vars, std::string_view nonce);

// The data block for one untrusted value, as render() writes it.
std::string data_block(std::string_view name, const nlohmann::json& value, std::string_view nonce);

}  // namespace joblens::host::llm
