#include "shared/match/scorer.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "shared/match/title_similarity.hpp"

namespace joblens::match {
namespace {

using wire::FitPart;

std::string percent(double fit) { return std::to_string(static_cast<int>(fit * 100 + 0.5)) + "%"; }

// "85,000 EUR": integers with thousands separators; deterministic across platforms.
std::string money(double amount, std::string_view currency) {
  auto whole = static_cast<long long>(amount + 0.5);
  std::string digits = std::to_string(whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  if (!currency.empty()) out.append(" ").append(currency);
  return out;
}

std::string join(const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) out += " and " + std::to_string(items.size() - limit) + " more";
  return out;
}

struct SkillsOutcome {
  FitPart part;
  std::size_t required = 0, required_matched = 0;
};

SkillsOutcome score_skills(const JobAnalysis& a, const ProfileView& p, const skills::Taxonomy& taxonomy,
                           const Weights& w, wire::ScoreResult& r) {
  SkillsOutcome out;
  out.part = {"skills", std::nullopt, w.skills, "The posting names no skills we know."};
  double earned = 0, possible = 0;
  std::vector<std::string> short_years;
  for (const auto& found : a.extraction.skills) {
    const skills::Skill& skill = taxonomy.skill(found.skill);
    const bool required = found.requirement == skills::Requirement::required;
    const double share = required ? 1.0 : w.nice_to_have_share;
    auto have = p.skills.find(found.skill);
    const bool matched = have != p.skills.end();
    double credit = matched ? 1.0 : 0.0;
    if (matched && found.min_years && have->second && *have->second < *found.min_years) {
      credit = w.short_years_credit + (1 - w.short_years_credit) * (*have->second / *found.min_years);
      short_years.push_back(skill.name + " (" + std::to_string(*found.min_years) + "+ years asked)");
    }
    earned += share * credit;
    possible += share;
    r.job_skills.push_back(skill.name);
    r.skills.push_back({skill.name, skill.category, std::string(skills::to_string(found.requirement)),
                        found.min_years, matched});
    if (matched)
      r.matched_skills.push_back(skill.name);
    else if (required)
      r.missing_required.push_back(skill.name);
    else
      r.missing_nice_to_have.push_back(skill.name);
    if (required) {
      ++out.required;
      out.required_matched += matched;
    }
  }
  r.missing_skills = r.missing_required;
  r.missing_skills.insert(r.missing_skills.end(), r.missing_nice_to_have.begin(),
                          r.missing_nice_to_have.end());
  if (possible == 0) return out;
  out.part.fit = earned / possible;
  std::string detail = "Matches " + std::to_string(r.matched_skills.size()) + " of " +
                       std::to_string(r.job_skills.size()) + " skills";
  if (out.required)
    detail +=
        " (" + std::to_string(out.required_matched) + " of " + std::to_string(out.required) + " required)";
  if (!r.matched_skills.empty()) detail += ": " + join(r.matched_skills, 8);
  detail += ".";
  if (!short_years.empty()) detail += " Fewer years than asked: " + join(short_years, 4) + ".";
  out.part.detail = detail;
  return out;
}

FitPart score_title(const model::Job& job, const ProfileView& p, const Weights& w) {
  const auto words = title_words(job.title);
  double best = 0;
  std::size_t best_index = 0;
  for (std::size_t i = 0; i < p.title_words.size(); ++i) {
    const double s = title_similarity(words, p.title_words[i]);
    if (s > best) best = s, best_index = i;
  }
  if (p.title_words.empty()) return {"title", std::nullopt, w.title, "Your profile lists no titles."};
  const auto& titles = p.profile.titles;
  const std::string closest = best_index < titles.size() ? titles[best_index] : p.profile.headline;
  std::string detail = best >= 0.99 ? "The title matches \"" + closest + "\"."
                       : best > 0   ? "The title is close to \"" + closest + "\" (" + percent(best) + ")."
                                    : "The title is unlike your titles.";
  return {"title", best, w.title, detail};
}

FitPart score_seniority(const JobAnalysis& a, const ProfileView& p, const Weights& w) {
  FitPart part{"seniority", std::nullopt, w.seniority, "The posting does not state a level."};
  if (a.seniority == parse::Seniority::unknown) return part;
  const std::string job_level(parse::to_string(a.seniority));
  if (p.seniority == parse::Seniority::unknown) {
    part.detail = "A " + job_level + " role; your level is unknown.";
    return part;
  }
  const int gap = parse::seniority_rank(a.seniority) - parse::seniority_rank(p.seniority);
  static constexpr std::array<double, 4> kFitByGap{1.0, 0.6, 0.25, 0.0};
  part.fit = kFitByGap[static_cast<std::size_t>(std::min(std::abs(gap), 3))];
  const std::string mine(parse::to_string(p.seniority));
  part.detail = gap == 0  ? "A " + job_level + " role, your level."
                : gap > 0 ? "A " + job_level + " role, above your " + mine + " level."
                          : "A " + job_level + " role, below your " + mine + " level.";
  return part;
}

FitPart score_years(const JobAnalysis& a, const ProfileView& p, const Weights& w) {
  FitPart part{"years", std::nullopt, w.years, "The posting asks for no number of years."};
  if (!a.extraction.years_min) return part;
  const int asked = *a.extraction.years_min;
  if (!p.profile.years_experience) {
    part.detail = "Asks for " + std::to_string(asked) + "+ years; your profile does not say.";
    return part;
  }
  const double have = *p.profile.years_experience;
  const auto have_text = std::to_string(static_cast<int>(have));
  part.fit = (asked <= 0 || have >= asked) ? 1.0 : std::max(0.0, have / asked);
  part.detail = "Asks for " + std::to_string(asked) + "+ years; you have " + have_text + ".";
  return part;
}

// European Union members, for a profile's "EU" work authorisation.
bool in_european_union(std::string_view country) {
  static constexpr std::array<std::string_view, 27> kMembers{
      "Austria",  "Belgium", "Bulgaria",  "Croatia",    "Cyprus", "Czechia",     "Denmark",
      "Estonia",  "Finland", "France",    "Germany",    "Greece", "Hungary",     "Ireland",
      "Italy",    "Latvia",  "Lithuania", "Luxembourg", "Malta",  "Netherlands", "Poland",
      "Portugal", "Romania", "Slovakia",  "Slovenia",   "Spain",  "Sweden"};
  return std::find(kMembers.begin(), kMembers.end(), country) != kMembers.end();
}

// False when the profile says the person may not work where the job is.
bool authorised_for(const ProfileView& p, std::string_view country) {
  if (country.empty()) return true;
  for (const auto& [region, allowed] : p.profile.work_authorization) {
    const bool applies = region == country || (region == "EU" && in_european_union(country)) ||
                         (region == "US" && country == "United States") ||
                         (region == "UK" && country == "United Kingdom") ||
                         (region == "CA" && country == "Canada");
    if (applies) return allowed;
  }
  return true;
}

FitPart score_location(const JobAnalysis& a, const ProfileView& p, const Weights& w, bool& dealbreaker) {
  using model::RemotePreference;
  using parse::Workplace;
  double place = p.locations.empty() ? 1.0 : 0.0;
  for (const auto& wanted : p.locations) place = std::max(place, parse::location_match(a.location, wanted));
  const RemotePreference pref = p.profile.remote;
  const std::string where = a.location.raw.empty() ? "an unstated place" : a.location.raw;
  FitPart part{"location", 0.0, w.location, ""};
  switch (a.workplace) {
    case Workplace::remote:
      part.fit = 1.0;
      part.detail = "Remote.";
      break;
    case Workplace::hybrid:
      part.fit = pref == RemotePreference::remote_only ? 0.15 * place
                 : place >= 0.99                       ? 1.0
                 : place > 0                           ? 0.6
                                                       : 0.1;
      part.detail =
          "Hybrid in " + where + (pref == RemotePreference::remote_only ? "; you want remote only." : ".");
      break;
    case Workplace::onsite:
      part.fit = pref == RemotePreference::remote_only        ? 0.0
                 : pref == RemotePreference::remote_or_hybrid ? 0.3 * place
                 : place >= 0.99                              ? 1.0
                 : place > 0                                  ? 0.6
                                                              : 0.1;
      part.detail =
          "On-site in " + where + (pref == RemotePreference::remote_only ? "; you want remote only." : ".");
      break;
    case Workplace::unknown:
      part.fit = pref == RemotePreference::remote_only ? 0.4 * place + 0.1
                 : place >= 0.99                       ? 0.9
                 : place > 0                           ? 0.6
                                                       : 0.2;
      part.detail = "Workplace not stated; located in " + where + ".";
      break;
  }
  if (!authorised_for(p, a.location.country)) {
    part.fit = *part.fit * 0.5;
    part.detail +=
        " Needs work authorisation in " + a.location.country + ", which your profile says you lack.";
  }
  dealbreaker = *part.fit < 0.05 && a.workplace != Workplace::unknown;
  return part;
}

FitPart score_salary(const JobAnalysis& a, const ProfileView& p, const Weights& w) {
  FitPart part{"salary", std::nullopt, w.salary, "No salary stated."};
  if (!a.salary) return part;
  const parse::Salary& s = *a.salary;
  const std::string range = s.yearly_min == s.yearly_max
                                ? money(s.yearly_max, s.currency)
                                : money(s.yearly_min, "") + "-" + money(s.yearly_max, s.currency);
  if (!p.yearly_salary_min || !p.profile.salary_min) {
    part.detail = "Pays " + range + " a year.";
    return part;
  }
  const auto& wanted = *p.profile.salary_min;
  if (!s.currency.empty() && s.currency != wanted.currency) {
    part.detail = "Pays " + range + " a year; your minimum is in " + wanted.currency + ", so not compared.";
    return part;
  }
  const double top = std::max(s.yearly_min, s.yearly_max);
  const double minimum = *p.yearly_salary_min;
  part.fit = (minimum <= 0 || top >= minimum) ? 1.0 : std::max(0.0, 1.0 - 2.0 * (minimum - top) / minimum);
  part.detail = "Pays " + range + " a year; your minimum is " + money(minimum, wanted.currency) +
                (top >= minimum ? "." : ": below it.");
  return part;
}

}  // namespace

wire::ScoreResult score_job(const model::Job& job, const JobAnalysis& a, const ProfileView& p,
                            const skills::Taxonomy& taxonomy, const Weights& w) {
  wire::ScoreResult r;
  r.id = job.id;
  const SkillsOutcome skills = score_skills(a, p, taxonomy, w, r);
  bool dealbreaker = false;
  r.parts = {skills.part,
             score_title(job, p, w),
             score_location(a, p, w, dealbreaker),
             score_seniority(a, p, w),
             score_salary(a, p, w),
             score_years(a, p, w)};
  double earned = 0, possible = 0;
  for (const FitPart& part : r.parts) {
    if (!part.fit) continue;
    earned += part.weight * *part.fit;
    possible += part.weight;
  }
  r.score = possible > 0 ? static_cast<int>(100 * earned / possible + 0.5) : 0;
  if (dealbreaker && r.score > w.location_dealbreaker_cap) {
    r.score = w.location_dealbreaker_cap;
    r.capped = true;
  }

  // Reasons: the parts in order of their weight in this score, then what is missing.
  for (const FitPart& part : r.parts) r.reasons.push_back(part.detail);
  if (!r.missing_required.empty())
    r.reasons.insert(r.reasons.begin() + 1, "Missing required: " + join(r.missing_required, 8) + ".");
  if (!r.missing_nice_to_have.empty())
    r.reasons.push_back("Missing nice-to-have: " + join(r.missing_nice_to_have, 8) + ".");
  if (r.capped)
    r.reasons.insert(r.reasons.begin(), "Capped at " + std::to_string(w.location_dealbreaker_cap) +
                                            ": the workplace rules it out for you.");

  // Badge: "5/6 required skills · remote · senior".
  std::string badge = skills.required ? std::to_string(skills.required_matched) + "/" +
                                            std::to_string(skills.required) + " required skills"
                                      : std::to_string(r.matched_skills.size()) + "/" +
                                            std::to_string(r.job_skills.size()) + " skills";
  if (a.workplace != parse::Workplace::unknown) badge += " · " + std::string(parse::to_string(a.workplace));
  if (a.seniority != parse::Seniority::unknown) badge += " · " + std::string(parse::to_string(a.seniority));
  if (!r.missing_required.empty()) badge += " · missing " + join(r.missing_required, 2);
  r.badge = badge;

  r.seniority = parse::to_string(a.seniority);
  r.workplace = parse::to_string(a.workplace);
  r.employment_type = parse::to_string(a.employment_type);
  r.years_min = a.extraction.years_min;
  if (a.salary)
    r.salary = wire::SalaryView{a.salary->min,
                                a.salary->max,
                                a.salary->currency,
                                std::string(parse::to_string(a.salary->period)),
                                a.salary->yearly_min,
                                a.salary->yearly_max,
                                a.salary->period_inferred};
  r.city = a.location.city;
  r.region = a.location.region;
  r.country = a.location.country;
  return r;
}

}  // namespace joblens::match
