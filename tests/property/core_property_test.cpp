// Property tests of the text pipeline, the extractor, JSON reading and the scorer: on random bytes,
// random UTF-8 and mutated postings, nothing throws, nothing crashes (the suite also runs under ASan
// and UBSan), and results keep their invariants. Fixed seeds: failures reproduce.
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <string>

#include "shared/engine/engine.hpp"
#include "tests/test_engine.hpp"
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"
#include "shared/text/tokenizer.hpp"

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

std::string random_bytes(std::mt19937& rng, std::size_t max) {
  std::uniform_int_distribution<std::size_t> length(0, max);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(length(rng), '\0');
  for (char& c : s) c = static_cast<char>(byte(rng));
  return s;
}

std::string mutate(std::mt19937& rng, std::string s) {
  std::uniform_int_distribution<int> op(0, 3);
  const int edits = std::uniform_int_distribution<int>(1, 8)(rng);
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = s.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    switch (op(rng)) {
      case 0:
        s.insert(at, kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(rng)]);
        break;
      case 1:
        if (!s.empty()) s.erase(at, std::uniform_int_distribution<std::size_t>(1, 12)(rng));
        break;
      case 2:
        if (!s.empty()) s[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
        break;
      default:
        s.insert(at, s.substr(at, std::uniform_int_distribution<std::size_t>(0, 40)(rng)));
        break;
    }
  }
  return s;
}

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
    const std::string input = i % 2 ? random_bytes(rng, 300) : mutate(rng, kSeedText);
    CAPTURE(i);
    CHECK_NOTHROW(check_invariants(input));
  }
}

TEST_CASE("property: JSON reading and scoring survive mutated documents") {
  std::mt19937 rng(7);
  const std::string profile =
      "{\"titles\": [\"Data Engineer\"], \"years_experience\": 5, \"skills\": [{\"name\": \"Python\", \"years\": 5}],"
      " \"remote\": \"remote_only\", \"salary_min\": {\"amount\": 60000, \"currency\": \"EUR\"}}";
  const std::string job =
      "{\"id\": \"1\", \"title\": \"Senior Data Engineer\", \"company\": \"Acme\", \"location\": \"Lisbon (Hybrid)\","
      " \"description\": \"5+ years of Python. Kafka is a plus.\", \"salary\": \"\u20ac85,000/yr - \u20ac100,000/yr\"}";
  auto base = model::profile_from_json(*model::parse_json(profile));
REQUIRE(base.ok());
const auto base_view = engine().view(*base);
for (int i = 0; i < 3000; ++i) {
  CAPTURE(i);
  CHECK_NOTHROW([&] {
    if (auto p = model::parse_json(mutate(rng, profile)))
      if (auto parsed = model::profile_from_json(*p)) (void)engine().view(*parsed);
    if (auto j = model::parse_json(mutate(rng, job))) {
      if (auto parsed = model::job_from_json(*j)) {
        const auto r = engine().score(*parsed, base_view);
        CHECK((r.score >= 0 && r.score <= 100));
        CHECK(r.matched_skills.size() + r.missing_skills.size() == r.job_skills.size());
      }
    }
  }());
}
}
