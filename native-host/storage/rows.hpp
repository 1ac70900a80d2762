// Small helpers shared by the handlers that read and write rows.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "native-host/storage/sqlite.hpp"

namespace joblens::host::storage {

// A JSON column written by us (CHECK json_valid); a damaged value reads as null rather than throwing.
inline nlohmann::json json_column(const Statement& stmt, int column) {
  auto parsed = nlohmann::json::parse(stmt.text(column), nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A new stable id for a row that syncs: 128 random bits as hex.
std::string new_id(std::string_view prefix);

// Appends to the events table (tracker history, imports, warnings).
std::optional<Error> record_event(Database& db, std::int64_t at, std::string_view kind,
                                  const nlohmann::json& data);

}  // namespace joblens::host::storage
