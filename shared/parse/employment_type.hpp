// Full-time, part-time, contract...: from LinkedIn's "Employment type" or the description.
#pragma once

#include <optional>
#include <string_view>

#include "shared/text/normalize.hpp"

namespace joblens::parse {

enum class EmploymentType {
  unknown,
  full_time,
  part_time,
  contract,
  temporary,
  internship,
  volunteer,
  apprenticeship,
  freelance
};

std::string_view to_string(EmploymentType t);
std::optional<EmploymentType> employment_type_from_string(std::string_view s);
// "Full-time", "Vollzeit", "CDI" -> full_time; "CDD", "Befristet" -> temporary; "Alternance" ->
// apprenticeship.
EmploymentType parse_employment_type(std::string_view text);
EmploymentType parse_employment_type(text::Folded text);

}  // namespace joblens::parse
