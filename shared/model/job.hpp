// A job posting as a page or a JSON line gives it (schema: docs/schema.md).
#pragma once

#include <optional>
#include <string>

namespace joblens::model {

struct Job {
  std::string id;
  std::string title;
  std::string company;
  std::string location;
  std::string description;
  std::optional<std::string> salary;  // as printed: "€85,000/yr - €100,000/yr"
  std::optional<std::string> url;
  std::optional<std::string> workplace;        // when the page states it: "remote", "hybrid", "onsite"
  std::optional<std::string> employment_type;  // when the page states it: "Full-time"
};

}  // namespace joblens::model
