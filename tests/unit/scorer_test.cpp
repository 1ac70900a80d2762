#include <doctest/doctest.h>

#include <memory>

#include "shared/engine/engine.hpp"
#include "shared/model/json_io.hpp"
#include "tests/test_engine.hpp"

using namespace joblens;
using joblens::testing::engine;

namespace {

model::Profile ana() {
  auto j = model::parse_json(R"({
    "name": "Ana Costa", "headline": "Data Engineer", "titles": ["Data Engineer", "Analytics Engineer"],
    "years_experience": 5,
    "skills": [{"name": "Python", "years": 5}, {"name": "SQL", "years": 5}, {"name": "Apache Spark", "years": 3},
               {"name": "Airflow", "years": 2}, {"name": "dbt", "years": 2}, {"name": "AWS", "years": 3}],
    "locations": ["Lisbon, Portugal"], "remote": "remote_only",
    "salary_min": {"amount": 60000, "currency": "EUR", "period": "year"},
    "languages": ["Portuguese", "English"], "work_authorization": {"EU": true, "US": false}})");
  REQUIRE(j.ok());
  auto p = model::profile_from_json(*j);
  REQUIRE(p.ok());
  return *p;
}

model::Job job(std::string title, std::string location, std::string description,
               std::optional<std::string> salary = {}) {
  return model::Job{"1",
                    std::move(title),
                    "Acme",
                    std::move(location),
                    std::move(description),
                    std::move(salary),
                    std::nullopt,
                    std::nullopt,
                    std::nullopt};
}

}  // namespace

TEST_CASE("scorer: a strong match scores high and explains itself") {
  const auto profile = ana();
  const auto view = engine().view(profile);
  const auto r = engine().score(
      job("Data Engineer", "Portugal (Remote)",
          "Requirements:\n- 4+ years with Python and SQL\n- Apache Spark, Airflow and dbt on AWS\n"
          "Nice to have:\n- Apache Kafka",
          "€70,000/yr - €85,000/yr"),
      view);
  CHECK(r.score >= 85);
  CHECK(r.missing_required.empty());
  CHECK(r.missing_nice_to_have == std::vector<std::string>{"Apache Kafka"});
  CHECK(r.matched_skills.size() == 6);
  CHECK(r.workplace == "remote");
  CHECK_FALSE(r.capped);
  CHECK(r.badge.find("6/6 required skills") == 0);
  CHECK_FALSE(r.reasons.empty());
  REQUIRE(r.salary);
  CHECK(r.salary->yearly_max == 85000);
}

TEST_CASE("scorer: an on-site role abroad is capped for a remote-only person") {
  const auto view = engine().view(ana());
  const auto r =
      engine().score(job("Senior Data Engineer", "New York, NY (On-site)",
                         "Python, SQL, Apache Spark and Airflow. This role is on-site five days a week."),
                     view);
  CHECK(r.capped);
  CHECK(r.score <= 45);
  CHECK(r.reasons.front().find("Capped") == 0);
}

TEST_CASE("scorer: missing skills lower the score; unknown parts are left out") {
  const auto view = engine().view(ana());
  const auto good = engine().score(job("Data Engineer", "Remote", "Python, SQL and Apache Spark."), view);
  const auto poor =
      engine().score(job("Data Engineer", "Remote", "Java, Kotlin, Kubernetes and Spring Boot."), view);
  CHECK(good.score > poor.score + 30);
  CHECK(poor.missing_required.size() >= 3);
  for (const auto& part : good.parts)
    if (part.name == "salary") CHECK_FALSE(part.fit.has_value());
}

TEST_CASE("scorer: implications let a profile match what its skills imply") {
  auto j = model::parse_json(R"({"skills": ["Next.js"], "titles": ["Frontend Developer"]})");
  auto profile = model::profile_from_json(*j);
  REQUIRE(profile.ok());
  const auto view = engine().view(*profile);
  const auto r = engine().score(job("Frontend Engineer", "Remote", "Strong React skills required."), view);
  CHECK(r.matched_skills == std::vector<std::string>{"React"});
  auto reverse = model::profile_from_json(*model::parse_json(R"({"skills": ["React"]})"));
  const auto view2 = engine().view(*reverse);
  const auto r2 = engine().score(job("Frontend Engineer", "Remote", "Next.js required."), view2);
  CHECK(r2.missing_required == std::vector<std::string>{"Next.js"});
}

TEST_CASE("scorer: deterministic, and the cache returns the same result") {
  const auto profile = ana();
  const auto view = engine().view(profile);
  const auto j =
      job("Analytics Engineer", "Lisbon, Portugal (Hybrid)", "dbt, SQL and Looker. Python is a plus.");
  const auto a = wire::to_json(engine().score(j, view)).dump();
  const auto b = wire::to_json(engine().score(j, view)).dump();
  CHECK(a == b);
  auto created = Engine::create();
  REQUIRE(created.ok());
  Engine& cached = **created;
  CHECK(wire::to_json(*cached.score_cached(j, view, 0)).dump() == a);
  CHECK(wire::to_json(*cached.score_cached(j, view, 10)).dump() == a);
  CHECK(cached.cache_stats().hits == 1);
  CHECK(cached.cache_stats().misses == 1);
}
