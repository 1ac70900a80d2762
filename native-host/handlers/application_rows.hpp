// Applications as rows and as JSON; shared by the tracker, stats and transfer handlers.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "native-host/storage/sqlite.hpp"

namespace joblens::host {

inline constexpr std::array<std::string_view, 7> kApplicationStatuses{
    "discovered", "saved", "applied", "interviewing", "offer", "rejected", "withdrawn"};

bool valid_status(std::string_view status);
Error invalid_status(std::string_view status);

// The application with its job's title, company and url; with its status history when asked; null
// when there is none.
Result<nlohmann::json> load_application(storage::Database& db, const std::string& id,
                                        bool with_history = false);

std::optional<Error> add_history(storage::Database& db, const std::string& id, const std::string& status,
                                 std::int64_t at, const std::string& note);

}  // namespace joblens::host
