// Property tests of the field parsers: random bytes and mutated real forms never throw, never crash
// (also under ASan/UBSan) and always give sane values. Fixed seed: failures reproduce.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include <string>
#include "tests/property/fuzz_input.hpp"

#include "shared/parse/employment_type.hpp"
#include "shared/parse/location.hpp"
#include "shared/parse/salary.hpp"
#include "shared/parse/seniority.hpp"
#include "shared/parse/workplace.hpp"
#include "shared/parse/years.hpp"

using namespace joblens::parse;

namespace {

const std::string kExamples[] = {
    "\xE2\x82\xAC"
    "85,000/yr - \xE2\x82\xAC"
    "100,000/yr",
    "75.000 - 90.000 EUR",
    "$120K/yr",
    "\xE2\x82\xB9"
    "30L/yr",
    "\xC2\xA3"
    "45k",
    "$45.50/hr - $60/hr",
    "CHF 120'000",
    "90 000 \xE2\x82\xAC brut annuel",
    "100-120k USD",
    "5+ years of React",
    "3\xE2\x80\x93"
    "5 years",
    "Senior Data Engineer (Remote)",
    "Berlin, Germany \xC2\xB7 Hybrid",
    "Vollzeit, befristet",
    "at least four years",
    "1.234,56 \xE2\x82\xAC"};
const std::string kPieces[] = {
    "\xE2\x82\xAC", "$", "k",        "-", "/yr", "/hr",  "0",        "9", ",",  ".", " ", "years", "+",
    "Senior",       "(", "\xC2\xB7", "L", "cr",  "\xFF", "\xE2\x82", "'", "to", "a"};

void check_all(const std::string& input) {
  if (const auto s = parse_salary(input)) {
    CHECK(std::isfinite(s->yearly_min));
    CHECK(std::isfinite(s->yearly_max));
    CHECK(s->min <= s->max);
    CHECK(s->yearly_min >= 0);
    CHECK((s->currency.empty() || s->currency.size() == 3));
  }
  for (const auto& m : find_years_requirements(input)) {
    CHECK(m.begin <= m.end);
    CHECK(m.end <= input.size());
    CHECK(m.min >= 0);
    if (m.max) CHECK(*m.max >= m.min);
  }
  CHECK(seniority_rank(parse_seniority(input, input, 3)) >= -1);
  (void)to_string(parse_workplace(input));
  (void)to_string(parse_employment_type(input));
  const auto loc = parse_location(input);
  CHECK(location_match(loc, loc) >= 0.0);
}

}  // namespace

TEST_CASE("property: parsers on random and mutated input") {
  std::mt19937 rng(424242);
  for (int i = 0; i < 20000; ++i) {
    const std::string input =
        i % 3 == 0 ? joblens::testing::random_bytes(rng, 64)
                   : joblens::testing::mutate(
                         rng, kExamples[static_cast<std::size_t>(i) % std::size(kExamples)], kPieces, 6);
    CAPTURE(i);
    CHECK_NOTHROW(check_all(input));
  }
}
