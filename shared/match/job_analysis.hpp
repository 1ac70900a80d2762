// Everything the core reads out of one posting: skills, level, place, pay.
#pragma once

#include <optional>

#include "shared/model/job.hpp"
#include "shared/parse/employment_type.hpp"
#include "shared/parse/location.hpp"
#include "shared/parse/salary.hpp"
#include "shared/parse/seniority.hpp"
#include "shared/parse/workplace.hpp"
#include "shared/skills/extractor.hpp"

namespace joblens::match {

struct JobAnalysis {
  skills::Extraction extraction;  // over the title and the description
  parse::Seniority seniority = parse::Seniority::unknown;
  parse::Workplace workplace = parse::Workplace::unknown;
  parse::Location location;
  parse::EmploymentType employment_type = parse::EmploymentType::unknown;
  std::optional<parse::Salary> salary;
};

// Fields the page states (salary line, workplace badge) win over what the description says.
JobAnalysis analyze_job(const model::Job& job, const skills::Extractor& extractor);

}  // namespace joblens::match
