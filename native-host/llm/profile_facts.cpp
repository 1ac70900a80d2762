#include "native-host/llm/profile_facts.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "shared/text/normalize.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;

bool contains_any(const std::string& folded, std::initializer_list<std::string_view> phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view p) { return folded.find(p) != std::string::npos; });
}

std::string trimmed_fold(std::string_view s) {
  std::string f = text::fold(s);
  const auto first = f.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return f.substr(first, f.find_last_not_of(" \t\r\n") - first + 1);
}

// The numbers written in an option, in order ("3-5 years" -> 3, 5).
std::vector<double> numbers_in(std::string_view text) {
  std::vector<double> out;
  for (std::size_t i = 0; i < text.size();) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) != 0 || text[j] == '.')) ++j;
    out.push_back(std::strtod(std::string(text.substr(i, j - i)).c_str(), nullptr));
    i = j;
  }
  return out;
}

}  // namespace

Result<Question> question_from_json(const json& j) {
  if (!j.is_object())
    return make_error(ErrorCode::wrong_type, "question must be an object {label, type, options}");
  Question q;
  const auto label = j.find("label");
  if (label == j.end() || !label->is_string())
    return make_error(ErrorCode::missing_field, "question.label is required");
  q.label = label->get<std::string>();
  if (const auto type = j.find("type"); type != j.end() && !type->is_null()) {
    if (!type->is_string()) return make_error(ErrorCode::wrong_type, "question.type must be a string");
    q.type = type->get<std::string>();
  }
  if (const auto options = j.find("options"); options != j.end() && !options->is_null()) {
    if (!options->is_array())
      return make_error(ErrorCode::wrong_type, "question.options must be an array of strings");
    for (const json& o : *options) {
      if (!o.is_string())
        return make_error(ErrorCode::wrong_type, "question.options must be an array of strings");
      q.options.push_back(o.get<std::string>());
    }
  }
  return q;
}

SkillFact skill_fact(const Engine& engine, const match::ProfileView& view, std::string_view skill_name) {
  SkillFact fact{std::string(skill_name), false, std::nullopt};
  if (const auto id = engine.taxonomy().find(skill_name)) {
    fact.name = engine.taxonomy().skill(*id).name;
    if (const auto it = view.skills.find(*id); it != view.skills.end()) {
      fact.in_profile = true;
      fact.years = it->second;
    }
    return fact;
  }
  const std::string wanted = trimmed_fold(skill_name);
  for (const model::ProfileSkill& s : view.profile.skills) {
    if (trimmed_fold(s.name) == wanted) {
      fact.in_profile = true;
      fact.years = s.years;
    }
  }
  return fact;
}

QuestionFacts question_facts(const Engine& engine, const match::ProfileView& view, std::string_view label) {
  QuestionFacts facts;
  const std::string folded = text::fold(label);
  facts.asks_years = contains_any(folded, {"year", "how long", "how many"});
  facts.asks_experience =
      facts.asks_years ||
      contains_any(folded, {"experience", "worked with", "work with", "familiar", "proficien", "knowledge",
                            "skilled", "used ", "do you have", "have you", "expert"});
  const skills::Extraction extraction = engine.extract_skills(label);
  for (const skills::FoundSkill& found : extraction.skills) {
    const skills::SkillId id = found.skill;
    SkillFact fact{engine.taxonomy().skill(id).name, false, std::nullopt};
    if (const auto it = view.skills.find(id); it != view.skills.end()) {
      fact.in_profile = true;
      fact.years = it->second;
    }
    if (!fact.in_profile && facts.asks_experience && !facts.missing_skill) facts.missing_skill = fact.name;
    if (facts.skills.empty()) facts.asked_years = found.min_years;
    facts.skills.push_back(std::move(fact));
  }
  return facts;
}

std::optional<std::string> matching_option(const std::vector<std::string>& options, std::string_view answer) {
  const std::string wanted = trimmed_fold(answer);
  for (const std::string& option : options) {
    if (trimmed_fold(option) == wanted) return option;
  }
  return std::nullopt;
}

bool numeric_options(const std::vector<std::string>& options) {
  return std::any_of(options.begin(), options.end(),
                     [](const std::string& o) { return !numbers_in(o).empty(); });
}

std::optional<std::string> option_for_number(const std::vector<std::string>& options, double years) {
  for (const std::string& option : options) {
    const std::string folded = text::fold(option);
    const std::vector<double> n = numbers_in(folded);
    if (n.empty()) continue;
    const bool at_least =
        folded.find('+') != std::string::npos || contains_any(folded, {"more", "over", "at least", "above"});
    const bool below = contains_any(folded, {"less", "under", "below", "fewer"});
    if (n.size() >= 2 && years >= n[0] && years <= n[1]) return option;
    if (n.size() == 1 && at_least && years >= n[0]) return option;
    if (n.size() == 1 && below && years < n[0]) return option;
    if (n.size() == 1 && !at_least && !below && years == n[0]) return option;
  }
  return std::nullopt;
}

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace joblens::host::llm
