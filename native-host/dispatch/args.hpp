// Argument checking for message handlers: each route declares its arguments as data, and the
// dispatcher checks them before the handler runs, with messages that name the argument.
#pragma once

#include <cstdint>
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

// A position in a list ordered newest first: the time and id of the previous page's last row, sent
// back as the opaque string "<time>:<id>". Rows with equal times are told apart by id, so a page
// boundary never skips or repeats a row.
struct Cursor {
  std::int64_t time = INT64_MAX;
  std::string id;
};
Result<Cursor> arg_cursor(const nlohmann::json& args);  // absent → the start of the list
std::string make_cursor(std::int64_t time, const std::string& id);

}  // namespace joblens::host
