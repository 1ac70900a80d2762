#include <doctest/doctest.h>

#include <map>
#include <memory>

#include "shared/engine/engine.hpp"
#include "tests/test_engine.hpp"

using namespace joblens;
using joblens::testing::engine;

namespace {

struct Found {
  std::string requirement;
  std::optional<int> years;
};

std::map<std::string, Found> skills_in(std::string_view text) {
  std::map<std::string, Found> out;
  for (const auto& f : engine().extract_skills(text).skills)
    out[engine().taxonomy().skill(f.skill).name] = {std::string(skills::to_string(f.requirement)),
                                                    f.min_years};
  return out;
}

}  // namespace

TEST_CASE("extractor: aliases and abbreviations map to canonical skills, on word boundaries") {
  const auto found =
      skills_in("We run k8s, Postgres and ReactJS; JS/TS everywhere, some C# and C++ too, Golang services.");
  for (const char* name :
       {"Kubernetes", "PostgreSQL", "React", "JavaScript", "TypeScript", "C#", "C++", "Go"}) {
    CAPTURE(name);
    CHECK(found.count(name) == 1);
  }
  // No skill inside a longer word: "javascripts" is not "JavaScript", "reactive" is not "React".
  const auto none = skills_in("Reactive people with postscripts and gojira.");
  CHECK(none.count("React") == 0);
  CHECK(none.count("Go") == 0);
}

TEST_CASE("extractor: the longest alias wins and veto phrases cancel") {
  const auto found = skills_in("Experience with Spring Boot and Java.");
  CHECK(found.count("Spring Boot") == 1);
  const auto market = skills_in("Own the go-to-market plan with the C-suite and R&D, using Python.");
  CHECK(market.count("Go") == 0);
  CHECK(market.count("C") == 0);
  CHECK(market.count("R") == 0);
}

TEST_CASE("extractor: no phrase spans a comma or a bracket") {
  const auto found = skills_in("Cloud: Azure, SQL Server and Docker (Kubernetes).");
  CHECK(found.count("Microsoft SQL Server") == 1);
  CHECK(found.count("Microsoft Azure") == 1);
  CHECK(found.count("Kubernetes") == 1);
}

TEST_CASE("extractor: ambiguous short names need case and context") {
  CHECK(skills_in("Backend services written in Go and Rust, deployed with Docker.").count("Go") == 1);
  CHECK(skills_in("Backend services written in Go and Rust, deployed with Docker.").count("Rust") == 1);
  CHECK(skills_in("Statistical modelling in R and Python.").count("R") == 1);
  CHECK(skills_in("Languages: C, Go").count("C") == 1);
  // The same words as plain English in a non-technical posting.
  const auto garage = skills_in(
      "Auto body technician. Rust repair and Rust removal on classic cars.\n"
      "Spring 2026 season. Swift response to customers. Go the extra mile.");
  for (const char* name : {"Rust", "Spring Framework", "Swift", "Go"}) {
    CAPTURE(name);
    CHECK(garage.count(name) == 0);
  }
  const auto verbs = skills_in("You excel at planning and go beyond.");
  CHECK(verbs.count("Microsoft Excel") == 0);
  CHECK(verbs.count("Go") == 0);
}

TEST_CASE("extractor: required and nice-to-have, by section and by sentence") {
  const auto found = skills_in(
      "Requirements:\n- Python and SQL\n- Docker\n"
      "Nice to have:\n- Kubernetes\n- Terraform\n"
      "Responsibilities:\n- Build pipelines with Apache Spark\n"
      "Experience with Apache Kafka is a plus.\n"
      "Bonus points: Snowflake\n"
      "Python is required, Go is preferred.");
  CHECK(found.at("Python").requirement == "required");
  CHECK(found.at("SQL").requirement == "required");
  CHECK(found.at("Docker").requirement == "required");
  CHECK(found.at("Kubernetes").requirement == "nice");
  CHECK(found.at("Terraform").requirement == "nice");
  CHECK(found.at("Apache Spark").requirement == "required");
  CHECK(found.at("Apache Kafka").requirement == "nice");
  CHECK(found.at("Snowflake").requirement == "nice");
  CHECK(found.at("Go").requirement == "nice");
}

TEST_CASE("extractor: nice-to-have cues in other languages") {
  CHECK(skills_in("Anforderungen:\n- Java\nWünschenswert:\n- Kotlin").at("Kotlin").requirement == "nice");
  CHECK(skills_in("Kubernetes serait un plus.").at("Kubernetes").requirement == "nice");
  CHECK(skills_in("Se valorará experiencia con Docker.").at("Docker").requirement == "nice");
  CHECK(skills_in("Diferenciais:\n- Terraform").at("Terraform").requirement == "nice");
}

TEST_CASE("extractor: years of experience attach to the skills they name") {
  const auto found = skills_in("5+ years of React and 3+ years with Node.js. Python: 4+ years.");
  CHECK(found.at("React").years == 5);
  CHECK(found.at("Node.js").years == 3);
  CHECK(found.at("Python").years == 4);
  const auto general =
      engine().extract_skills("You have 3-5 years of professional experience. Docker is a plus.");
  CHECK(general.years_min == 3);
  CHECK(general.years_max == 5);
}

TEST_CASE(
    "extractor: a years requirement in words, with no digit in its sentence, is read for every years word") {
  for (const char* word : {"years", "year", "yrs", "yr", "jahre", "jahren", "ans", "anos", "anni", "anno",
                           "jaar", "jaren", "ano"}) {
    CAPTURE(word);
    const auto found = skills_in(std::string("You bring three ") + word + " of Python");
    REQUIRE(found.count("Python") == 1);
    CHECK(found.at("Python").years == 3);
  }
  CHECK_FALSE(skills_in("You bring three yearly reviews of Python").at("Python").years);
}
