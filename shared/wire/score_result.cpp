#include "shared/wire/score_result.hpp"

#include "shared/wire/json_text.hpp"

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

void append_json_text(const ScoreResult& r, std::string& out, Encoding encoding) {
  JsonText j(out, 3072, encoding);  // a result is 2-3 KB of text
  j.raw("{\"id\":").string(r.id).raw(",\"score\":").integer(r.score);
  j.raw(",\"job_skills\":").strings(r.job_skills).raw(",\"matched_skills\":").strings(r.matched_skills);
  j.raw(",\"missing_skills\":").strings(r.missing_skills);
  j.raw(",\"missing_required\":").strings(r.missing_required);
  j.raw(",\"missing_nice_to_have\":").strings(r.missing_nice_to_have);
  j.raw(",\"reasons\":").strings(r.reasons).raw(",\"badge\":").string(r.badge).raw(",\"skills\":[");
  for (std::size_t i = 0; i < r.skills.size(); ++i) {
    const FoundSkillView& s = r.skills[i];
    j.raw(i ? ",{\"name\":" : "{\"name\":").string(s.name).raw(",\"category\":").string(s.category);
    j.raw(",\"requirement\":").string(s.requirement).raw(",\"matched\":").boolean(s.matched);
    j.raw(",\"min_years\":");
    s.min_years ? j.integer(*s.min_years) : j.null();
    j.raw("}");
  }
  j.raw("],\"fit\":{");
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    const FitPart& p = r.parts[i];
    j.raw(i ? "," : "").string(p.name).raw(":{\"fit\":");
    p.fit ? j.number(*p.fit) : j.null();
    j.raw(",\"weight\":").number(p.weight).raw(",\"detail\":").string(p.detail).raw("}");
  }
  j.raw("},\"seniority\":").string(r.seniority).raw(",\"workplace\":").string(r.workplace);
  j.raw(",\"employment_type\":").string(r.employment_type).raw(",\"years_min\":");
  r.years_min ? j.integer(*r.years_min) : j.null();
  j.raw(",\"salary\":");
  if (r.salary) {
    const SalaryView& s = *r.salary;
    j.raw("{\"min\":").number(s.min).raw(",\"max\":").number(s.max).raw(",\"currency\":").string(s.currency);
    j.raw(",\"period\":").string(s.period).raw(",\"yearly_min\":").number(s.yearly_min);
    j.raw(",\"yearly_max\":").number(s.yearly_max).raw(",\"period_inferred\":").boolean(s.period_inferred);
    j.raw("}");
  } else {
    j.null();
  }
  j.raw(",\"location\":{\"city\":").string(r.city).raw(",\"region\":").string(r.region);
  j.raw(",\"country\":").string(r.country).raw("},\"capped\":").boolean(r.capped).raw("}");
}

}  // namespace joblens::wire
