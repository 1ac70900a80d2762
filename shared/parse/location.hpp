// A LinkedIn location line: "Lisbon, Lisbon, Portugal", "Berlin, Germany (Hybrid)",
// "Toronto, ON", "United States (Remote)", "Munich, Bavaria, Germany · Hybrid", "EMEA".
#pragma once

#include <string>
#include <string_view>

#include "shared/parse/workplace.hpp"

namespace joblens::parse {

struct Location {
  std::string city, region, country;  // as written, country normalised to its English name
  Workplace workplace = Workplace::unknown;
  std::string raw;
};

Location parse_location(std::string_view text);

// The English name of a country written as a name, a local name or an ISO code ("Deutschland",
// "DE", "USA" -> "Germany", "Germany", "United States"), or "" when unknown.
std::string_view country_name(std::string_view written);

// 1.0 same city, 0.6 same country (different or unstated city), 0 otherwise.
double location_match(const Location& job, const Location& wanted);

}  // namespace joblens::parse
