// The job seeker's profile (schema: docs/schema.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::model {

struct ProfileSkill {
  std::string name;
  std::optional<double> years;
  std::optional<std::string> level;  // free text: "expert", "intermediate", ...
};

struct Money {
  double amount = 0;
  std::string currency;         // ISO 4217
  std::string period = "year";  // hour, day, week, month, year
};

enum class RemotePreference { any, remote_only, remote_or_hybrid };

struct Profile {
  std::string name;
  std::string headline;
  std::vector<std::string> titles;
  std::optional<double> years_experience;
  std::vector<ProfileSkill> skills;
  std::vector<std::string> locations;
  RemotePreference remote = RemotePreference::any;
  std::optional<Money> salary_min;
  std::vector<std::string> languages;
  std::map<std::string, bool> work_authorization;  // region or country -> authorised
  std::optional<std::string> seniority;            // overrides the level inferred from years
  std::string version;                             // stated, or a hash of the profile's content
};

std::string_view to_string(RemotePreference p);

}  // namespace joblens::model
