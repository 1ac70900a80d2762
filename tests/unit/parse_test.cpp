#include <doctest/doctest.h>

#include "shared/parse/employment_type.hpp"
#include "shared/parse/location.hpp"
#include "shared/parse/salary.hpp"
#include "shared/parse/seniority.hpp"
#include "shared/parse/workplace.hpp"
#include "shared/parse/years.hpp"

using namespace joblens::parse;

TEST_CASE("parse: salary in the forms job sites print") {
  struct Case {
    const char* text;
    double min, max;
    const char* currency;
    PayPeriod period;
    double yearly_min, yearly_max;
  };
  const Case cases[] = {
      {"\xE2\x82\xAC"
       "85,000/yr - \xE2\x82\xAC"
       "100,000/yr",
       85000, 100000, "EUR", PayPeriod::year, 85000, 100000},
      {"75.000 - 90.000 EUR", 75000, 90000, "EUR", PayPeriod::year, 75000, 90000},
      {"$120K/yr", 120000, 120000, "USD", PayPeriod::year, 120000, 120000},
      {"\xE2\x82\xB9"
       "30L/yr",
       3000000, 3000000, "INR", PayPeriod::year, 3000000, 3000000},
      {"\xC2\xA3"
       "45k",
       45000, 45000, "GBP", PayPeriod::year, 45000, 45000},
      {"$50/hr", 50, 50, "USD", PayPeriod::hour, 104000, 104000},
      {"$45.50/hr - $60/hr", 45.5, 60, "USD", PayPeriod::hour, 94640, 124800},
      {"\xE2\x82\xAC"
       "4,000/month",
       4000, 4000, "EUR", PayPeriod::month, 48000, 48000},
      {"\xE2\x82\xAC"
       "4.000 - \xE2\x82\xAC"
       "5.000 brutto/Monat",
       4000, 5000, "EUR", PayPeriod::month, 48000, 60000},
      {"CA$90K/yr - CA$110K/yr", 90000, 110000, "CAD", PayPeriod::year, 90000, 110000},
      {"CHF 120'000", 120000, 120000, "CHF", PayPeriod::year, 120000, 120000},
      {"USD 100k\xE2\x80\x93"
       "120k",
       100000, 120000, "USD", PayPeriod::year, 100000, 120000},
      {"100-120k USD", 100000, 120000, "USD", PayPeriod::year, 100000, 120000},
      {"90 000 \xE2\x82\xAC brut annuel", 90000, 90000, "EUR", PayPeriod::year, 90000, 90000},
      {"1.234,56 \xE2\x82\xAC per month", 1234.56, 1234.56, "EUR", PayPeriod::month, 14814.72, 14814.72},
      {"up to \xC2\xA3"
       "60,000 per annum",
       60000, 60000, "GBP", PayPeriod::year, 60000, 60000},
      {"\xC2\xA3"
       "40,000 - \xC2\xA3"
       "50,000 a year",
       40000, 50000, "GBP", PayPeriod::year, 40000, 50000},
      {"$25 an hour", 25, 25, "USD", PayPeriod::hour, 52000, 52000},
      {"R$ 8.000/m\xC3\xAAs", 8000, 8000, "BRL", PayPeriod::month, 96000, 96000},
      {"The salary range for this role is $150,000\xE2\x80\x93$180,000 per year.", 150000, 180000, "USD",
       PayPeriod::year, 150000, 180000},
      {"$150,000.00/yr", 150000, 150000, "USD", PayPeriod::year, 150000, 150000},
      {"Salary: 55k - 65k", 55000, 65000, "", PayPeriod::year, 55000, 65000},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto s = parse_salary(c.text);
    REQUIRE(s);
    CHECK(s->min == doctest::Approx(c.min));
    CHECK(s->max == doctest::Approx(c.max));
    CHECK(s->currency == c.currency);
    CHECK(s->period == c.period);
    CHECK(s->yearly_min == doctest::Approx(c.yearly_min));
    CHECK(s->yearly_max == doctest::Approx(c.yearly_max));
  }
}

TEST_CASE("parse: numbers that are not salaries") {
  for (const char* text :
       {"5+ years of experience", "401(k) matching", "We raised $2M in funding", "Series B", "20% bonus",
        "Founded in 2024", "10,000 employees worldwide", "Call +1 555 0100"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_salary(text));
  }
}

TEST_CASE("parse: seniority from titles, criteria and years") {
  struct Case {
    const char* title;
    Seniority expected;
  };
  const Case cases[] = {
      {"Sr. Data Engineer", Seniority::senior},
      {"Senior Backend-Entwickler (m/w/d)", Seniority::senior},
      {"Junior Analyst", Seniority::junior},
      {"Software Engineer II", Seniority::mid},
      {"Staff Engineer", Seniority::staff},
      {"Principal Architect", Seniority::principal},
      {"Tech Lead, Payments", Seniority::lead},
      {"Head of Data", Seniority::director},
      {"Director of Engineering", Seniority::director},
      {"VP Sales", Seniority::executive},
      {"CTO", Seniority::executive},
      {"Werkstudent Marketing", Seniority::intern},
      {"Software Engineering Intern", Seniority::intern},
      {"Stagiaire Data", Seniority::intern},
      {"Product Manager", Seniority::mid},
      {"Engineering Manager", Seniority::manager},
      {"Associate Director, Finance", Seniority::director},
      {"Graduate Software Engineer", Seniority::junior},
      {"Entry Level Accountant", Seniority::junior},
      {"Data Engineer", Seniority::unknown},
  };
  for (const Case& c : cases) {
    CAPTURE(c.title);
    CHECK(parse_seniority(c.title) == c.expected);
  }
  CHECK(parse_seniority("Data Engineer", "Seniority level Mid-Senior level") == Seniority::senior);
  CHECK(parse_seniority("Data Engineer", "", 5) == Seniority::senior);
  CHECK(seniority_from_string("staff") == Seniority::staff);
  CHECK(seniority_rank(Seniority::senior) > seniority_rank(Seniority::mid));
}

TEST_CASE("parse: workplace in seven languages, with negations") {
  struct Case {
    const char* text;
    Workplace expected;
  };
  const Case cases[] = {
      {"Remote", Workplace::remote},
      {"Fully remote within the EU", Workplace::remote},
      {"Hybrid (3 days in office)", Workplace::hybrid},
      {"On-site", Workplace::onsite},
      {"100% Homeoffice m\xC3\xB6glich", Workplace::remote},
      {"T\xC3\xA9l\xC3\xA9travail partiel", Workplace::remote},
      {"Modelo h\xC3\xAD"
       "brido",
       Workplace::hybrid},
      {"Presencial en Madrid", Workplace::onsite},
      {"Lavoro ibrido", Workplace::hybrid},
      {"Vor Ort in M\xC3\xBCnchen", Workplace::onsite},
      {"This is not a remote role", Workplace::onsite},
      {"Remote or hybrid", Workplace::hybrid},
      {"Op kantoor in Utrecht", Workplace::onsite},
      {"Great team", Workplace::unknown},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(parse_workplace(c.text) == c.expected);
  }
}

TEST_CASE("parse: LinkedIn location lines") {
  const auto a = parse_location("Lisbon, Lisbon, Portugal (Remote)");
  CHECK(a.city == "Lisbon");
  CHECK(a.country == "Portugal");
  CHECK(a.workplace == Workplace::remote);
  const auto b = parse_location("Austin, TX");
  CHECK(b.city == "Austin");
  CHECK(b.country == "United States");
  const auto c = parse_location("Munich, Bavaria, Germany \xC2\xB7 Hybrid");
  CHECK(c.city == "Munich");
  CHECK(c.region == "Bavaria");
  CHECK(c.workplace == Workplace::hybrid);
  const auto d = parse_location("Deutschland");
  CHECK(d.country == "Germany");
  CHECK(parse_location("Remote").workplace == Workplace::remote);
  CHECK(parse_location("Toronto, ON").country == "Canada");
  CHECK(location_match(parse_location("Lisbon, Portugal"), parse_location("Lisbon, Portugal")) == 1.0);
  CHECK(location_match(parse_location("Porto, Portugal"), parse_location("Lisbon, Portugal")) == 0.6);
  CHECK(location_match(parse_location("New York, NY"), parse_location("Lisbon, Portugal")) == 0.0);
}

TEST_CASE("parse: employment types") {
  struct Case {
    const char* text;
    EmploymentType expected;
  };
  const Case cases[] = {
      {"Full-time", EmploymentType::full_time},
      {"Part-time", EmploymentType::part_time},
      {"Contract", EmploymentType::contract},
      {"Internship", EmploymentType::internship},
      {"Vollzeit", EmploymentType::full_time},
      {"Teilzeit", EmploymentType::part_time},
      {"CDI", EmploymentType::full_time},
      {"CDD de 6 mois", EmploymentType::temporary},
      {"Alternance", EmploymentType::apprenticeship},
      {"Tiempo completo", EmploymentType::full_time},
      {"Freelance", EmploymentType::freelance},
      {"Voltijd", EmploymentType::full_time},
      {"A great place", EmploymentType::unknown},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(parse_employment_type(c.text) == c.expected);
  }
}

TEST_CASE("parse: years of experience") {
  struct Case {
    const char* text;
    int min;
    int max;  // 0: none
  };
  const Case cases[] = {
      {"5+ years of React", 5, 0},
      {"3-5 years in data", 3, 5},
      {"3\xE2\x80\x93"
       "5 years",
       3, 5},
      {"at least 4 years", 4, 0},
      {"minimum 2 years' experience", 2, 0},
      {"five years of Java", 5, 0},
      {"10+ yrs", 10, 0},
      {"3 to 5 years", 3, 5},
      {"3 Jahre Berufserfahrung", 3, 0},
      {"3 ans d'exp\xC3\xA9rience", 3, 0},
      {"3 a\xC3\xB1os de experiencia", 3, 0},
      {"3 anni di esperienza", 3, 0},
      {"3 jaar ervaring", 3, 0},
      {"two+ years", 2, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto found = find_years_requirements(c.text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].min == c.min);
    CHECK(found[0].max.value_or(0) == c.max);
  }
  for (const char* text : {"5 years ago", "18 years old", "a 2-year contract", "over the years", "in 2024"}) {
    CAPTURE(text);
    CHECK(find_years_requirements(text).empty());
  }
}
