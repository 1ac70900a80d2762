// Argument checking for message handlers: each route declares its arguments as data, and the
// dispatcher checks them before the handler runs, with messages that name the argument.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "shared/wire/error.hpp"

namespace joblens::host {

enum class Kind { string, integer, number, boolean, object, array, any };

struct ArgSpec {
  std::string_view name;
  Kind kind;
  bool required = false;
};

std::string_view to_string(Kind kind);

// Checks presence and JSON type of every declared argument. Unknown arguments are ignored, so that
// an older host keeps serving a newer extension.
std::optional<Error> check_args(std::string_view type, const nlohmann::json& args,
                                std::span<const ArgSpec> specs);

// Typed readers for checked arguments (absent or null → the fallback).
std::string arg_string(const nlohmann::json& args, std::string_view name, std::string fallback = {});
std::optional<std::string> arg_optional_string(const nlohmann::json& args, std::string_view name);
std::int64_t arg_int(const nlohmann::json& args, std::string_view name, std::int64_t fallback);

// A page size argument: defaults to `fallback`, refuses values outside 1..max.
Result<std::int64_t> arg_limit(const nlohmann::json& args, std::int64_t fallback, std::int64_t max);

}  // namespace joblens::host
