// The level of a role: from its title first, then LinkedIn's "Seniority level" wording in the
// description, then (last resort) the years of experience it asks for.
#pragma once

#include <optional>
#include <string_view>

#include "shared/text/normalize.hpp"

namespace joblens::parse {

enum class Seniority {
  unknown,
  intern,
  junior,
  mid,
  senior,
  lead,
  staff,
  principal,
  manager,
  director,
  executive
};

std::string_view to_string(Seniority s);
std::optional<Seniority> seniority_from_string(std::string_view s);
// Ordinal for comparing levels: intern 0, junior 1, mid 2, senior 3, lead/staff/manager 4,
// principal/director 5, executive 6, unknown -1.
int seniority_rank(Seniority s);

// "Sr. Data Engineer" -> senior; "Werkstudent Marketing" -> intern; "Head of Data" -> director;
// "Product Manager" -> mid (a role name, not a management level); "Engineering Manager" -> manager.
Seniority parse_seniority(std::string_view title, std::string_view description = {},
                          std::optional<int> min_years = std::nullopt);
Seniority parse_seniority(std::string_view title, text::Folded description, std::optional<int> min_years);

}  // namespace joblens::parse
