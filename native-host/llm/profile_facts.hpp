// What the profile establishes, for the offline answers and for grounding a model's reply: which
// skills the person has (and for how long), and what a screening question asks about.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/engine/engine.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::llm {

struct SkillFact {
  std::string name;  // canonical (taxonomy) name, or as written for unknown skills
  bool in_profile = false;
  std::optional<double> years;  // the profile's years for it, when stated
};

// A screening question as the form shows it. `type`: text, textarea, number, yes_no, select, radio,
// checkbox.
struct Question {
  std::string label;
  std::string type = "text";
  std::vector<std::string> options;
};
Result<Question> question_from_json(const nlohmann::json& j);

struct QuestionFacts {
  std::vector<SkillFact> skills;  // skills the label names, in order
  bool asks_years = false;        // "how many years", "years of experience"
  bool asks_experience = false;   // "experience with", "have you worked with", "familiar", ...
  // A skill the label asks about that the profile lacks: the answer must be "unknown".
  std::optional<std::string> missing_skill;
  // The years the label asks for with its first skill ("3+ years of Python" -> 3).
  std::optional<int> asked_years;
};

// Whether the profile lists the skill (by taxonomy id, implications included; else by folded name).
SkillFact skill_fact(const Engine& engine, const match::ProfileView& view, std::string_view skill_name);

QuestionFacts question_facts(const Engine& engine, const match::ProfileView& view, std::string_view label);

// The option equal to `answer` ignoring case and surrounding spaces, as the option is written.
std::optional<std::string> matching_option(const std::vector<std::string>& options, std::string_view answer);

// True when some option is a number or a range of them ("3-5", "6+").
bool numeric_options(const std::vector<std::string>& options);

// The option that holds `years` ("3-5", "5+", "More than 10 years", "2"), if one does.
std::optional<std::string> option_for_number(const std::vector<std::string>& options, double years);

// "5" for 5.0, "2.5" for 2.5.
std::string number_text(double value);

}  // namespace joblens::host::llm
