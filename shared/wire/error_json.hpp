// An Error as the wire shows it everywhere: {"code", "name", "message"} (error replies, task
// errors, AI fallbacks). One place, so the shape cannot drift.
#pragma once

#include <nlohmann/json.hpp>

#include "shared/wire/error.hpp"

namespace joblens {

inline nlohmann::json error_json(const Error& error) {
  return nlohmann::json{
      {"code", static_cast<int>(error.code)}, {"name", to_string(error.code)}, {"message", error.message}};
}

}  // namespace joblens
