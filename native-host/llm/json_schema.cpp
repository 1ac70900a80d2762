#include "native-host/llm/json_schema.hpp"

#include <cmath>
#include <cstdio>

namespace joblens::host::llm {

namespace {

using nlohmann::json;

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::null:
      return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "number";
    default:
      return "unknown";
  }
}

bool has_type(const json& value, const std::string& type) {
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    // 3.0 is an integer in JSON Schema.
    return value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>();
  }
  return type_name(value) == type;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // skip continuation bytes
  return n;
}

// RFC 6901: "~" is "~0" and "/" is "~1" in a pointer's token.
std::string pointer_token(const std::string& key) {
  std::string out;
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string fail(const std::string& path, const std::string& problem) {
  return (path.empty() ? "/" : path) + ": " + problem;
}

std::string number_text(double d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", d);
  return buffer;
}

std::optional<std::string> check(const json& value, const json& schema, const std::string& path) {
  if (!schema.is_object()) return std::nullopt;  // `true`/`{}`-like schemas accept anything

  if (const auto type = schema.find("type"); type != schema.end()) {
    bool ok = false;
    std::string wanted;
    const json types = type->is_array() ? *type : json::array({*type});
    for (const json& t : types) {
      if (!t.is_string()) continue;
      ok = ok || has_type(value, t.get<std::string>());
      wanted += (wanted.empty() ? "" : " or ") + t.get<std::string>();
    }
    if (!ok) return fail(path, "expected " + wanted + ", got " + type_name(value));
  }

  if (const auto allowed = schema.find("enum"); allowed != schema.end() && allowed->is_array()) {
    bool found = false;
    for (const json& option : *allowed) found = found || option == value;
    if (!found)
      return fail(path, "must be one of " + allowed->dump() + ", got " +
                            value.dump(-1, ' ', false, json::error_handler_t::replace));
  }

  if (value.is_number()) {
    const double d = value.get<double>();
    if (const auto min = schema.find("minimum");
        min != schema.end() && min->is_number() && d < min->get<double>()) {
      return fail(path, "must be >= " + number_text(min->get<double>()));
    }
    if (const auto max = schema.find("maximum");
        max != schema.end() && max->is_number() && d > max->get<double>()) {
      return fail(path, "must be <= " + number_text(max->get<double>()));
    }
  }

  if (value.is_string()) {
    const std::size_t length = code_points(value.get_ref<const std::string&>());
    if (const auto min = schema.find("minLength");
        min != schema.end() && min->is_number_integer() && length < min->get<std::size_t>()) {
      return fail(path, "shorter than " + std::to_string(min->get<std::size_t>()) + " characters");
    }
    if (const auto max = schema.find("maxLength");
        max != schema.end() && max->is_number_integer() && length > max->get<std::size_t>()) {
      return fail(path, "longer than " + std::to_string(max->get<std::size_t>()) + " characters");
    }
  }

  if (value.is_array()) {
    if (const auto min = schema.find("minItems");
        min != schema.end() && min->is_number_integer() && value.size() < min->get<std::size_t>()) {
      return fail(path, "fewer than " + std::to_string(min->get<std::size_t>()) + " items");
    }
    if (const auto max = schema.find("maxItems");
        max != schema.end() && max->is_number_integer() && value.size() > max->get<std::size_t>()) {
      return fail(path, "more than " + std::to_string(max->get<std::size_t>()) + " items");
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (auto problem = check(value[i], *items, path + "/" + std::to_string(i))) return problem;
      }
    }
  }

  if (value.is_object()) {
    const auto properties = schema.find("properties");
    if (const auto required = schema.find("required"); required != schema.end() && required->is_array()) {
      for (const json& name : *required) {
        if (name.is_string() && !value.contains(name.get<std::string>())) {
          return fail(path + "/" + pointer_token(name.get<std::string>()), "is required");
        }
      }
    }
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, member] : value.items()) {
      const std::string member_path = path + "/" + pointer_token(key);
      if (properties != schema.end() && properties->is_object() && properties->contains(key)) {
        if (auto problem = check(member, (*properties)[key], member_path)) return problem;
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) return fail(member_path, "is not allowed");
        if (auto problem = check(member, *additional, member_path)) return problem;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> validate(const json& value, const json& schema) {
  return check(value, schema, "");
}

std::optional<json> extract_json_object(std::string_view text) {
  // Scans for each '{' and its matching '}' (outside strings), then tries that span: the first span
  // that parses as an object wins. Written by hand because a JSON parser wants the exact span, and
  // the model's prose around it is not JSON.
  for (std::size_t start = text.find('{'); start != std::string_view::npos;
       start = text.find('{', start + 1)) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = start; i < text.size(); ++i) {
      const char c = text[i];
      if (in_string) {
        if (escaped)
          escaped = false;
        else if (c == '\\')
          escaped = true;
        else if (c == '"')
          in_string = false;
        continue;
      }
      if (c == '"')
        in_string = true;
      else if (c == '{')
        ++depth;
      else if (c == '}' && --depth == 0) {
        json parsed = json::parse(text.substr(start, i - start + 1), nullptr, false);
        if (!parsed.is_discarded() && parsed.is_object()) return parsed;
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace joblens::host::llm
