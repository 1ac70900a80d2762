#include "shared/wire/score_result.hpp"

namespace joblens::wire {

using json = nlohmann::ordered_json;

json to_json(const ScoreResult& r) {
  json skills = json::array();
  for (const auto& s : r.skills) {
    json j{
        {"name", s.name}, {"category", s.category}, {"requirement", s.requirement}, {"matched", s.matched}};
    j["min_years"] = s.min_years ? json(*s.min_years) : json(nullptr);
    skills.push_back(std::move(j));
  }
  json parts = json::object();
  for (const auto& p : r.parts)
    parts[p.name] = {
        {"fit", p.fit ? json(*p.fit) : json(nullptr)}, {"weight", p.weight}, {"detail", p.detail}};
  json salary = nullptr;
  if (r.salary)
    salary = {{"min", r.salary->min},
              {"max", r.salary->max},
              {"currency", r.salary->currency},
              {"period", r.salary->period},
              {"yearly_min", r.salary->yearly_min},
              {"yearly_max", r.salary->yearly_max},
              {"period_inferred", r.salary->period_inferred}};
  json out = json::object();
  out["id"] = r.id;
  out["score"] = r.score;
  out["job_skills"] = r.job_skills;
  out["matched_skills"] = r.matched_skills;
  out["missing_skills"] = r.missing_skills;
  out["missing_required"] = r.missing_required;
  out["missing_nice_to_have"] = r.missing_nice_to_have;
  out["reasons"] = r.reasons;
  out["badge"] = r.badge;
  out["skills"] = std::move(skills);
  out["fit"] = std::move(parts);
  out["seniority"] = r.seniority;
  out["workplace"] = r.workplace;
  out["employment_type"] = r.employment_type;
  out["years_min"] = r.years_min ? json(*r.years_min) : json(nullptr);
  out["salary"] = std::move(salary);
  out["location"] = {{"city", r.city}, {"region", r.region}, {"country", r.country}};
  out["capped"] = r.capped;
  return out;
}

}  // namespace joblens::wire
