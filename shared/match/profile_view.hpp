// A profile resolved against the taxonomy once, so that scoring many jobs does no name lookups.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/model/profile.hpp"
#include "shared/parse/location.hpp"
#include "shared/parse/seniority.hpp"
#include "shared/skills/taxonomy.hpp"

namespace joblens::match {

struct ProfileView {
  model::Profile profile;  // a copy: a view outlives the profile it was made from
  // Skills the person has, with years when known: the listed ones, their implications (Next.js ->
  // React) and the languages they speak.
  std::unordered_map<skills::SkillId, std::optional<double>> skills;
  std::vector<std::string> unknown_skills;  // listed skills the taxonomy does not know
  parse::Seniority seniority = parse::Seniority::unknown;
  std::vector<parse::Location> locations;
  std::vector<std::vector<std::string>> title_words;  // of each title and the headline
  std::optional<double> yearly_salary_min;            // in salary_min's currency
};

ProfileView view_profile(const model::Profile& profile, const skills::Taxonomy& taxonomy);

// Years a pay period stands for in a year: hour 2080, day 260, week 52, month 12, year 1.
double periods_per_year(std::string_view period);

}  // namespace joblens::match
