#include "native-host/dispatch/args.hpp"

namespace joblens::host {

using nlohmann::json;

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::string:
      return "a string";
    case Kind::integer:
      return "an integer";
    case Kind::number:
      return "a number";
    case Kind::boolean:
      return "a boolean";
    case Kind::object:
      return "an object";
    case Kind::array:
      return "an array";
    case Kind::any:
      return "any value";
  }
  return "a value";
}

namespace {

bool has_kind(const json& value, Kind kind) {
  switch (kind) {
    case Kind::string:
      return value.is_string();
    case Kind::integer:
      return value.is_number_integer();
    case Kind::number:
      return value.is_number();
    case Kind::boolean:
      return value.is_boolean();
    case Kind::object:
      return value.is_object();
    case Kind::array:
      return value.is_array();
    case Kind::any:
      return true;
  }
  return false;
}

}  // namespace

std::optional<Error> check_args(std::string_view type, const json& args, std::span<const ArgSpec> specs) {
  for (const ArgSpec& spec : specs) {
    const auto found = args.find(spec.name);
    if (found == args.end() || found->is_null()) {
      if (spec.required) {
        return make_error(ErrorCode::missing_field, std::string(type) + ": args." + std::string(spec.name) +
                                                        " is required (" + std::string(to_string(spec.kind)) +
                                                        ")");
      }
      continue;
    }
    if (!has_kind(*found, spec.kind)) {
      return make_error(ErrorCode::wrong_type, std::string(type) + ": args." + std::string(spec.name) +
                                                   " must be " + std::string(to_string(spec.kind)) +
                                                   ", not " + found->type_name());
    }
  }
  return std::nullopt;
}

std::string arg_string(const json& args, std::string_view name, std::string fallback) {
  const auto found = args.find(name);
  return found != args.end() && found->is_string() ? found->get<std::string>() : std::move(fallback);
}

std::optional<std::string> arg_optional_string(const json& args, std::string_view name) {
  const auto found = args.find(name);
  if (found == args.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

std::int64_t arg_int(const json& args, std::string_view name, std::int64_t fallback) {
  const auto found = args.find(name);
  return found != args.end() && found->is_number_integer() ? found->get<std::int64_t>() : fallback;
}

Result<std::int64_t> arg_limit(const json& args, std::int64_t fallback, std::int64_t max) {
  const std::int64_t limit = arg_int(args, "limit", fallback);
  if (limit < 1 || limit > max) {
    return make_error(ErrorCode::invalid_value, "args.limit must be between 1 and " + std::to_string(max) +
                                                    ", not " + std::to_string(limit));
  }
  return limit;
}

Result<Cursor> arg_cursor(const json& args) {
  const std::string text = arg_string(args, "cursor");
  if (text.empty()) return Cursor{};
  const std::size_t colon = text.find(':');
  const std::string time = text.substr(0, colon);
  if (colon == std::string::npos || time.empty() || time.size() > 18 ||
      time.find_first_not_of("0123456789") != std::string::npos) {
    return make_error(ErrorCode::invalid_value,
                      "args.cursor must be a next_cursor value from an earlier reply");
  }
  return Cursor{std::stoll(time), text.substr(colon + 1)};
}

std::string make_cursor(std::int64_t time, const std::string& id) { return std::to_string(time) + ":" + id; }

}  // namespace joblens::host
