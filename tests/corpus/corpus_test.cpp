// Measures the extractor and the parsers against the hand-labelled corpus (tests/corpus/README.md):
// skill precision and recall must reach 0.9, and so must the accuracy of the parsed fields.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "shared/engine/engine.hpp"
#include "shared/match/job_analysis.hpp"
#include "shared/model/json_io.hpp"

using namespace joblens;

namespace {

struct Tally {
  int right = 0, total = 0;
  void add(bool ok) { right += ok, ++total; }
  double rate() const { return total ? static_cast<double>(right) / total : 1.0; }
};

std::set<std::string> names(const nlohmann::json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v.get<std::string>());
  return out;
}

struct Measures {
  int postings = 0;
  double precision = 0, recall = 0;
  Tally requirement, seniority, workplace, employment, salary, years;
};

// Runs the extractor and parsers over one labelled file, printing each disagreement and the figures
// as `corpus.NAME: value` (with `prefix` before NAME).
Measures measure(const char* path, const char* prefix) {
  Measures out;
  std::ifstream in(path);
  REQUIRE(in.good());
  auto engine = Engine::create();
  REQUIRE(engine.ok());
  const auto& taxonomy = (*engine)->taxonomy();

  long true_positive = 0, found_total = 0, expected_total = 0;
  Tally& requirement = out.requirement;
  Tally& seniority = out.seniority;
  Tally& workplace = out.workplace;
  Tally& employment = out.employment;
  Tally& salary = out.salary;
  Tally& years = out.years;
  int& postings = out.postings;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = model::parse_json(line);
    REQUIRE(j.ok());
    auto job = model::job_from_json(*j);
    REQUIRE(job.ok());
    ++postings;
    const auto& expected = (*j)["expected"];
    const auto analysis = match::analyze_job(*job, (*engine)->extractor());

    std::set<std::string> found;
    for (const auto& f : analysis.extraction.skills) found.insert(taxonomy.skill(f.skill).name);
    const std::set<std::string> wanted = names(expected["skills"]);
    const std::set<std::string> nice = names(expected["nice"]);
    for (const auto& name : found) {
      if (!wanted.count(name)) std::printf("  %s: extra   %s\n", job->id.c_str(), name.c_str());
    }
    for (const auto& name : wanted) {
      if (!found.count(name)) std::printf("  %s: missed  %s\n", job->id.c_str(), name.c_str());
    }
    for (const auto& f : analysis.extraction.skills) {
      const std::string& name = taxonomy.skill(f.skill).name;
      if (!wanted.count(name)) continue;
      ++true_positive;
      const bool is_nice = f.requirement == skills::Requirement::nice;
      requirement.add(is_nice == (nice.count(name) > 0));
    }
    found_total += static_cast<long>(found.size());
    expected_total += static_cast<long>(wanted.size());

    auto check = [&](Tally& tally, const char* field, const std::string& got) {
      const std::string want = expected[field].get<std::string>();
      tally.add(got == want);
      if (got != want)
        std::printf("  %s: %s is %s, expected %s\n", job->id.c_str(), field, got.c_str(), want.c_str());
    };
    check(seniority, "seniority", std::string(parse::to_string(analysis.seniority)));
    check(workplace, "workplace", std::string(parse::to_string(analysis.workplace)));
    check(employment, "employment_type", std::string(parse::to_string(analysis.employment_type)));

    const auto& want_salary = expected["salary"];
    bool salary_ok = want_salary.is_null() == !analysis.salary;
    if (salary_ok && analysis.salary) {
      salary_ok = analysis.salary->currency == want_salary["currency"].get<std::string>() &&
                  std::abs(analysis.salary->yearly_min - want_salary["yearly_min"].get<double>()) < 1 &&
                  std::abs(analysis.salary->yearly_max - want_salary["yearly_max"].get<double>()) < 1;
    }
    if (!salary_ok)
      std::printf("  %s: salary differs from %s\n", job->id.c_str(), want_salary.dump().c_str());
    salary.add(salary_ok);

    const auto& want_years = expected["years_min"];
    const bool years_ok = want_years.is_null() ? !analysis.extraction.years_min
                                               : analysis.extraction.years_min == want_years.get<int>();
    if (!years_ok)
      std::printf("  %s: years_min differs from %s\n", job->id.c_str(), want_years.dump().c_str());
    years.add(years_ok);
  }
  out.precision = found_total ? static_cast<double>(true_positive) / found_total : 0;
  out.recall = expected_total ? static_cast<double>(true_positive) / expected_total : 0;
  std::printf("corpus.%spostings: %d\n", prefix, postings);
  std::printf("corpus.%sskill_precision: %.3f\ncorpus.%sskill_recall: %.3f\n", prefix, out.precision, prefix,
              out.recall);
  std::printf("corpus.%srequirement_accuracy: %.3f\ncorpus.%sseniority_accuracy: %.3f\n", prefix,
              requirement.rate(), prefix, seniority.rate());
  std::printf("corpus.%sworkplace_accuracy: %.3f\ncorpus.%semployment_type_accuracy: %.3f\n", prefix,
              workplace.rate(), prefix, employment.rate());
  std::printf("corpus.%ssalary_accuracy: %.3f\ncorpus.%syears_accuracy: %.3f\n", prefix, salary.rate(),
              prefix, years.rate());
  return out;
}

}  // namespace

TEST_CASE("corpus: skills precision and recall, and parsed fields, reach 0.9") {
  const Measures m = measure(JOBLENS_SOURCE_DIR "/tests/corpus/postings.jsonl", "");
  CHECK(m.postings >= 40);
  CHECK(m.precision >= 0.9);
  CHECK(m.recall >= 0.9);
  CHECK(m.seniority.rate() >= 0.9);
  CHECK(m.workplace.rate() >= 0.9);
  CHECK(m.salary.rate() >= 0.9);
}

// Held out: written independently and never used to tune the extractor (tests/corpus/README.md).
// Its figures are the honest estimate; the floors only catch regressions.
TEST_CASE("corpus: held-out postings do not regress") {
  const Measures m = measure(JOBLENS_SOURCE_DIR "/tests/corpus/heldout.jsonl", "heldout_");
  CHECK(m.postings >= 50);
  CHECK(m.precision >= 0.9);
  CHECK(m.recall >= 0.8);
  CHECK(m.workplace.rate() >= 0.9);
  CHECK(m.salary.rate() >= 0.9);
}
