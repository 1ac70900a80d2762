// Shared by the LLM feature tests: a migrated database in a temporary directory, a realistic job and
// profile, and the fixed clock the budget and cache tests run on.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "native-host/storage/schema.hpp"
#include "native-host/storage/sqlite.hpp"

namespace joblens::host::llm::testing {

// 2026-11-23 12:00:00 UTC.
inline constexpr std::int64_t kNoon = 1'795'435'200'000;
inline constexpr std::int64_t kHour = 3'600'000;
inline constexpr std::int64_t kDay = 24 * kHour;

struct TempDb {
  std::string dir;
  storage::Database* db = nullptr;
  std::optional<storage::Database> owned;

  TempDb() {
    std::string pattern = (std::filesystem::temp_directory_path() / "joblens-llm-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    auto opened = storage::Database::open(dir + "/joblens.db");
    REQUIRE(opened.ok());
    owned.emplace(std::move(*opened));
    REQUIRE_FALSE(storage::migrate(*owned).has_value());
    db = &*owned;
  }
  ~TempDb() {
    owned.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
};

inline nlohmann::json sample_job() {
  return {
      {"id", "4012345678"},
      {"title", "Senior Backend Engineer"},
      {"company", "Acme Logistics"},
      {"location", "Berlin, Germany"},
      {"salary", "€85,000/yr - €100,000/yr"},
      {"description",
       "About the role\nWe are looking for a Senior Backend Engineer to build our routing platform.\n"
       "Requirements\n- 5+ years of experience with Python\n- Strong PostgreSQL and Docker skills\n"
       "- Experience with Kubernetes in production\nNice to have\n- Experience with Go\n- Terraform\n"
       "We offer visa sponsorship and relocation support."},
  };
}

inline nlohmann::json sample_profile() {
  return {
      {"name", "Dana Schmidt"},
      {"headline", "Backend engineer focused on data-heavy services"},
      {"titles", {"Backend Engineer"}},
      {"years_experience", 7},
      {"skills",
       {{{"name", "Python"}, {"years", 6}}, {{"name", "PostgreSQL"}, {"years", 5}}, {{"name", "Docker"}}}},
      {"locations", {"Berlin"}},
      {"work_authorization", {{"EU", true}, {"US", false}}},
  };
}

}  // namespace joblens::host::llm::testing
