// Property tests of the text pipeline, the extractor, JSON reading and the scorer: on random bytes,
// random UTF-8 and mutated postings, nothing throws, nothing crashes (the suite also runs under ASan
// and UBSan), and results keep their invariants. Fixed seeds: failures reproduce.
#include <doctest/doctest.h>

#include <memory>
#include <random>

#include <string>
#include "tests/property/fuzz_input.hpp"

#include "shared/engine/engine.hpp"
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"
#include "shared/text/tokenizer.hpp"
#include "tests/test_engine.hpp"

using namespace joblens;
using joblens::testing::engine;

namespace {

constexpr const char* kSeedText =
    "Senior Backend Engineer (m/w/d) — Remote\nRequirements:\n• 5+ years of Go, C++ and C# / .NET\n"
    "• Kubernetes (k8s) &amp; Docker; R&D\nNice to have: Kafka is a plus.\n€85,000/yr - €100,000/yr\n"
    "Wünschenswert: Erfahrung mit Terraform. Rust, Swift, Spring 2026.";

const std::string kPieces[] = {
    "C++",          "#",        ".",    "&",        "&amp;",        "•", "\n", ":", "5+", "years", "Go", "R",
    "\xE2\x80\x93", "\xC3\xA9", "\xFF", "\xE2\x82", "nice to have", " ", ";",  "~"};

void check_invariants(const std::string& input) {
  const std::string clean = text::clean_text(input);
  CHECK(text::is_valid_utf8(clean));
  const auto tokens = text::tokenize(clean);
  for (const auto& t : tokens.tokens) CHECK((t.begin < t.end && t.end <= clean.size()));
  const auto found = engine().extract_skills(input);
  for (const auto& f : found.skills) {
    CHECK(f.skill < engine().taxonomy().size());
    CHECK(f.mentions >= 1);
  }
  if (found.years_min && found.years_max) CHECK(*found.years_min <= *found.years_max);
}

}  // namespace

TEST_CASE("property: text and extractor survive random and mutated input") {
  std::mt19937 rng(20261123);
  for (int i = 0; i < 3000; ++i) {
    const std::string input =
        i % 2 ? joblens::testing::random_bytes(rng, 300) : joblens::testing::mutate(rng, kSeedText, kPieces);
    CAPTURE(i);
    CHECK_NOTHROW(check_invariants(input));
  }
}

TEST_CASE("property: JSON reading and scoring survive mutated documents") {
  std::mt19937 rng(7);
  const std::string profile =
      "{\"titles\": [\"Data Engineer\"], \"years_experience\": 5, \"skills\": [{\"name\": \"Python\", "
      "\"years\": 5}],"
      " \"remote\": \"remote_only\", \"salary_min\": {\"amount\": 60000, \"currency\": \"EUR\"}}";
  const std::string job =
      "{\"id\": \"1\", \"title\": \"Senior Data Engineer\", \"company\": \"Acme\", \"location\": \"Lisbon "
      "(Hybrid)\","
      " \"description\": \"5+ years of Python. Kafka is a plus.\", \"salary\": \"\u20ac85,000/yr - "
      "\u20ac100,000/yr\"}";
  auto base = model::profile_from_json(*model::parse_json(profile));
  REQUIRE(base.ok());
  const auto base_view = engine().view(*base);
  for (int i = 0; i < 3000; ++i) {
    CAPTURE(i);
    CHECK_NOTHROW([&] {
      if (auto p = model::parse_json(joblens::testing::mutate(rng, profile, kPieces)))
        if (auto parsed = model::profile_from_json(*p)) (void)engine().view(*parsed);
      if (auto j = model::parse_json(joblens::testing::mutate(rng, job, kPieces))) {
        if (auto parsed = model::job_from_json(*j)) {
          const auto r = engine().score(*parsed, base_view);
          CHECK((r.score >= 0 && r.score <= 100));
          CHECK(r.matched_skills.size() + r.missing_skills.size() == r.job_skills.size());
        }
      }
    }());
  }
}
