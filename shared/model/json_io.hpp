// Reading and writing the models as JSON. Unknown fields are ignored; a field of the wrong type is a
// coded error naming the field.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/model/job.hpp"
#include "shared/model/job_fields.hpp"
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

// The rules of a job (required fields, types) are job_from_fields' (job_fields.hpp).
Result<Job> job_from_json(const nlohmann::json& j, JobShape shape = JobShape::posting);
nlohmann::json to_json(const Job& job);

}  // namespace joblens::model
