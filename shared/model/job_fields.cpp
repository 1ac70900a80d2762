#include "shared/model/job_fields.hpp"

#include <optional>
#include <string>

#include "shared/text/normalize.hpp"

namespace joblens::model {

Error wrong_type(std::string_view field, std::string_view expected) {
  return make_error(ErrorCode::wrong_type,
                    "field `" + std::string(field) + "` must be " + std::string(expected));
}

Error missing_field(std::string_view field) {
  return make_error(ErrorCode::missing_field, "missing field `" + std::string(field) + "`");
}

namespace {

// Reads one text field into `out`, left untouched when the field is absent.
std::optional<Error> read(const JobFields& fields, JobField which, bool required, std::string& out) {
  const FieldValue& value = fields[static_cast<std::size_t>(which)];
  const std::string_view name = kJobFieldNames[static_cast<std::size_t>(which)];
  switch (value.kind) {
    case FieldKind::absent:
      if (required) return missing_field(name);
      return std::nullopt;
    case FieldKind::integer:
      if (which != JobField::id) return wrong_type(name, "a string");
      break;
    case FieldKind::other:
      return wrong_type(name, "a string");
    case FieldKind::string:
      break;
  }
  if (!text::is_valid_utf8(value.text))
    return make_error(ErrorCode::invalid_utf8, "field `" + std::string(name) + "` is not valid UTF-8");
  out.assign(value.text);
  return std::nullopt;
}

std::optional<Error> read_optional(const JobFields& fields, JobField which, std::optional<std::string>& out) {
  if (fields[static_cast<std::size_t>(which)].kind == FieldKind::absent) return std::nullopt;
  std::string value;
  if (auto e = read(fields, which, /*required=*/false, value)) return e;
  out = std::move(value);
  return std::nullopt;
}

}  // namespace

Result<Job> job_from_fields(const JobFields& fields, JobShape shape) {
  const bool posting = shape == JobShape::posting;
  Job job;
  for (auto e :
       {read(fields, JobField::id, true, job.id), read(fields, JobField::title, true, job.title),
        read(fields, JobField::company, posting, job.company),
        read(fields, JobField::location, posting, job.location),
        read(fields, JobField::description, posting, job.description),
        read_optional(fields, JobField::salary, job.salary), read_optional(fields, JobField::url, job.url),
        read_optional(fields, JobField::workplace, job.workplace),
        read_optional(fields, JobField::employment_type, job.employment_type)})
    if (e) return *e;
  return job;
}

Error job_not_an_object() { return wrong_type("job", "a JSON object"); }

}  // namespace joblens::model
