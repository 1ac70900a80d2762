#include "shared/match/profile_view.hpp"

#include "shared/match/title_similarity.hpp"

namespace joblens::match {

double periods_per_year(std::string_view period) {
  if (period == "hour") return 2080;
  if (period == "day") return 260;
  if (period == "week") return 52;
  if (period == "month") return 12;
  return 1;
}

namespace {

// The level a career of this length usually reaches; used when the profile does not state one.
parse::Seniority seniority_from_years(double years) {
  if (years < 1) return parse::Seniority::junior;
  if (years < 3) return parse::Seniority::junior;
  if (years < 5) return parse::Seniority::mid;
  if (years < 8) return parse::Seniority::senior;
  return parse::Seniority::lead;
}

}  // namespace

ProfileView view_profile(const model::Profile& profile, const skills::Taxonomy& taxonomy) {
  ProfileView v;
  v.profile = profile;
  auto add = [&](skills::SkillId id, std::optional<double> years) {
    auto [it, inserted] = v.skills.try_emplace(id, years);
    if (!inserted && years && (!it->second || *it->second < *years)) it->second = years;
  };
  for (const auto& s : profile.skills) {
    const auto id = taxonomy.find(s.name);
    if (!id) {
      v.unknown_skills.push_back(s.name);
      continue;
    }
    add(*id, s.years);
    for (skills::SkillId implied : taxonomy.skill(*id).implies) add(implied, s.years);
  }
  for (const auto& language : profile.languages)
    if (const auto id = taxonomy.find(language)) add(*id, std::nullopt);

  if (profile.seniority) {
    if (auto s = parse::seniority_from_string(*profile.seniority)) v.seniority = *s;
  }
  if (v.seniority == parse::Seniority::unknown) {
    for (const auto& title : profile.titles) {
      const auto s = parse::parse_seniority(title);
      if (parse::seniority_rank(s) > parse::seniority_rank(v.seniority)) v.seniority = s;
    }
    if (profile.years_experience) {
      const auto from_years = seniority_from_years(*profile.years_experience);
      if (parse::seniority_rank(from_years) > parse::seniority_rank(v.seniority)) v.seniority = from_years;
    }
  }
  for (const auto& place : profile.locations) v.locations.push_back(parse::parse_location(place));
  for (const auto& title : profile.titles) v.title_words.push_back(title_words(title));
  if (!profile.headline.empty()) v.title_words.push_back(title_words(profile.headline));
  if (profile.salary_min)
    v.yearly_salary_min = profile.salary_min->amount * periods_per_year(profile.salary_min->period);
  return v;
}

}  // namespace joblens::match
