// Reading and writing the models as JSON. Unknown fields are ignored; a field of the wrong type is a
// coded error naming the field.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/model/job.hpp"
#include "shared/model/profile.hpp"
#include "shared/wire/error.hpp"

namespace joblens::model {

// Parses JSON text; never throws. Rejects invalid UTF-8 and documents nested deeper than kMaxDepth.
Result<nlohmann::json> parse_json(std::string_view text);
inline constexpr int kMaxJsonDepth = 64;
// The same, for hot paths built without exceptions (json_quiet.cpp); the message has no byte offset.
Result<nlohmann::json> parse_json_quiet(std::string_view text);
// The deepest nesting of arrays and objects, counted without parsing (brackets in strings skipped).
int json_nesting_depth(std::string_view text);

Result<Profile> profile_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Profile& p);

// A posting has every text field; a card (as a search page lists it, before the details pane is
// open) needs only id and title, and the other texts default to empty.
enum class JobShape { posting, card };
Result<Job> job_from_json(const nlohmann::json& j, JobShape shape = JobShape::posting);
nlohmann::json to_json(const Job& job);

}  // namespace joblens::model
