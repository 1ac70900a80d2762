// The result of scoring one job against one profile: what the CLI prints, what the extension's badge
// and panel show, what the host stores. Field names are the wire format (docs/schema.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shared/wire/json_text.hpp"

namespace joblens::wire {

struct FoundSkillView {
  std::string name;
  std::string category;
  std::string requirement;  // "required" or "nice"
  std::optional<int> min_years;
  bool matched = false;
};

struct FitPart {
  std::string name;           // skills, title, location, seniority, salary, years
  std::optional<double> fit;  // 0..1, or none when the posting does not say
  double weight = 0;
  std::string detail;  // one sentence for the panel
};

struct SalaryView {
  double min = 0, max = 0;
  std::string currency, period;
  double yearly_min = 0, yearly_max = 0;
  bool period_inferred = false;
};

struct ScoreResult {
  std::string id;
  int score = 0;
  std::vector<std::string> job_skills;      // canonical names, in order of first mention
  std::vector<std::string> matched_skills;  // job skills the profile has (directly or implied)
  std::vector<std::string> missing_skills;  // job skills the profile lacks, required first
  std::vector<std::string> missing_required;
  std::vector<std::string> missing_nice_to_have;
  std::vector<FoundSkillView> skills;  // the same, with category, requirement and years
  std::vector<std::string> reasons;    // full explanation, most important first
  std::string badge;                   // one line for a badge tooltip
  std::vector<FitPart> parts;
  std::string seniority, workplace, employment_type;
  std::optional<int> years_min;
  std::optional<SalaryView> salary;
  std::string city, region, country;
  bool capped = false;  // a deal-breaker capped the score
};

// Keys in the documented order (ordered_json), so the CLI's lines read id, score, job_skills, ...
nlohmann::ordered_json to_json(const ScoreResult& r);

// The same as to_json(r).dump() (with Encoding::ascii, dump's ensure_ascii), written straight into
// `out`: the path of every scored burst.
void append_json_text(const ScoreResult& r, std::string& out, Encoding encoding = Encoding::utf8);

}  // namespace joblens::wire
