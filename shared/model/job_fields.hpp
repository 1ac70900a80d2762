// A job's fields as a reader found them, before the rules of a job apply: which fields are required,
// which types they may have. Two readers share these rules: job_from_json (json_io.cpp), and the
// WebAssembly module's field table (wasm/job_table.cpp), which skips JSON for a burst of postings.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "shared/model/job.hpp"
#include "shared/wire/error.hpp"

namespace joblens::model {

// A posting has every text field; a card (as a search page lists it, before the details pane is
// open) needs only id and title, and the other texts default to empty.
enum class JobShape { posting, card };

// The fields of a job, in this order everywhere (the module's field table included).
enum class JobField : std::uint8_t {
  id,
  title,
  company,
  location,
  description,
  salary,
  url,
  workplace,
  employment_type,
};
inline constexpr std::size_t kJobFieldCount = 9;
inline constexpr std::array<std::string_view, kJobFieldCount> kJobFieldNames = {
    "id", "title", "company", "location", "description", "salary", "url", "workplace", "employment_type"};

// What a reader found for one field. `text` is the string, or an integer's decimal digits.
enum class FieldKind : std::uint8_t { absent, string, integer, other };  // absent: missing or null
struct FieldValue {
  FieldKind kind = FieldKind::absent;
  std::string_view text;
};
using JobFields = std::array<FieldValue, kJobFieldCount>;

// The job, or the first error in field order: a missing required field, a field of the wrong type
// (only the id may be an integer: LinkedIn's ids are numbers), text that is not valid UTF-8.
Result<Job> job_from_fields(const JobFields& fields, JobShape shape);

// The model's reading errors, worded alike by every reader: "field `x` must be a string", "missing
// field `x`", and the job that is not an object at all.
Error wrong_type(std::string_view field, std::string_view expected);
Error missing_field(std::string_view field);
Error job_not_an_object();

}  // namespace joblens::model
