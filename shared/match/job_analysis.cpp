#include "shared/match/job_analysis.hpp"

#include <optional>
#include <string>

#include "shared/text/normalize.hpp"

namespace joblens::match {

JobAnalysis analyze_job(const model::Job& job, const skills::Extractor& extractor) {
  JobAnalysis a;
  const std::string title = text::clean_text(job.title);
  const std::string description = text::clean_text(job.description);
  std::string text;
  text.reserve(title.size() + description.size() + 1);
  text.append(title).append("\n").append(description);
  a.extraction = extractor.extract(text, /*first_line_is_title=*/true);

  // The description is folded at most once, and only when a field the page did not state needs it.
  std::optional<std::string> folded;
  auto folded_description = [&] {
    if (!folded) folded = text::fold(description);
    return text::Folded{*folded};
  };

  a.location = parse::parse_location(job.location);
  if (job.workplace) a.workplace = parse::parse_workplace(*job.workplace);
  if (a.workplace == parse::Workplace::unknown) a.workplace = a.location.workplace;
  if (a.workplace == parse::Workplace::unknown) a.workplace = parse::parse_workplace(title);
  if (a.workplace == parse::Workplace::unknown) a.workplace = parse::parse_workplace(folded_description());

  if (job.employment_type) a.employment_type = parse::parse_employment_type(*job.employment_type);
  if (a.employment_type == parse::EmploymentType::unknown)
    a.employment_type = parse::parse_employment_type(title);
  if (a.employment_type == parse::EmploymentType::unknown)
    a.employment_type = parse::parse_employment_type(folded_description());

  if (job.salary) a.salary = parse::parse_salary(*job.salary);
  if (!a.salary) a.salary = parse::parse_salary(folded_description());

  a.seniority = parse::parse_seniority(title, folded_description(), a.extraction.years_min);
  return a;
}

}  // namespace joblens::match
