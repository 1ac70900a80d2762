#include "native-host/llm/grounding.hpp"

#include <cstdlib>
#include <set>

#include "shared/text/normalize.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<double> as_number(const std::string& s) {
  const std::string t = trimmed(s);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || d < 0 || d != d) return std::nullopt;
  return d;
}

// Members read without throwing: grounding runs after validation, but a public function must not throw
// whatever it is given.
std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag_of(const json& object, const char* key) {
  if (!object.is_object()) return false;
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

void force_unknown(Grounded& g, std::string flag) {
  g.flags.push_back(std::move(flag));
  if (g.value["answer"] != "unknown") g.changed = true;
  g.value["answer"] = "unknown";
  g.value["confidence"] = 0.0;
  g.value["based_on"] = "";
}

// The taxonomy skills named in `text`, by canonical name.
std::vector<skills::SkillId> skills_in(const Engine& engine, const std::string& text) {
  std::vector<skills::SkillId> ids;
  for (const skills::FoundSkill& f : engine.extract_skills(text).skills) ids.push_back(f.skill);
  return ids;
}

// A years question answered with an option: a numeric option must hold the profile's years for the
// skill; a yes to "N+ years of X" needs the profile's years for X to reach N.
void ground_years_option(Grounded& g, const Question& question, const QuestionFacts& facts,
                         const std::string& chosen) {
  const SkillFact& skill = facts.skills.front();
  if (numeric_options(question.options)) {
    const auto expected = skill.years ? option_for_number(question.options, *skill.years) : std::nullopt;
    if (!expected) {
      force_unknown(g, "years_not_in_profile:" + skill.name);
    } else if (*expected != chosen) {
      g.value["answer"] = *expected;
      g.changed = true;
      g.flags.push_back("years_option_corrected");
    }
    return;
  }
  if (text::fold(chosen) != "yes" || !facts.asked_years) return;
  if (!skill.years) {
    force_unknown(g, "years_not_in_profile:" + skill.name);
  } else if (*skill.years < *facts.asked_years) {
    const auto no = matching_option(question.options, "no");
    if (no) {
      g.flags.push_back("years_below_requirement");
      g.value["answer"] = *no;
      g.changed = true;
    } else {
      force_unknown(g, "years_below_requirement");
    }
  }
}

}  // namespace

Grounded ground_answer(const json& reply, const Question& question, const Engine& engine,
                       const match::ProfileView& profile) {
  Grounded g{reply, {}, false};
  if (!reply.is_object()) {
    g.value = {{"answer", "unknown"}, {"confidence", 0.0}, {"based_on", ""}};
    g.changed = true;
    g.flags.push_back("not_an_object");
    return g;
  }
  const std::string answer = reply.contains("answer") ? text_of(reply, "answer") : "unknown";
  const bool unknown = text::fold(trimmed(answer)) == "unknown";
  if (unknown && answer != "unknown") {
    g.value["answer"] = "unknown";
    g.changed = true;
  }

  const QuestionFacts facts = question_facts(engine, profile, question.label);
  if (facts.missing_skill) {
    if (!unknown) force_unknown(g, "skill_not_in_profile:" + *facts.missing_skill);
    return g;
  }
  if (unknown) return g;

  if (!question.options.empty()) {
    const auto option = matching_option(question.options, answer);
    if (!option) {
      force_unknown(g, "not_an_option");
      return g;
    }
    if (*option != answer) {
      g.value["answer"] = *option;
      g.changed = true;
    }
    if (facts.asks_years && !facts.skills.empty()) ground_years_option(g, question, facts, *option);
  } else if (question.type == "number") {
    const auto number = as_number(answer);
    if (!number) {
      force_unknown(g, "not_a_number");
      return g;
    }
    // Years beyond what the profile states for the skill asked about would be invented experience.
    if (facts.asks_years && !facts.skills.empty()) {
      const SkillFact& skill = facts.skills.front();
      if (!skill.years) {
        force_unknown(g, "years_not_in_profile:" + skill.name);
      } else if (*number > *skill.years) {
        g.value["answer"] = number_text(*skill.years);
        g.changed = true;
        g.flags.push_back("years_above_profile");
      }
    }
  } else if (question.type == "yes_no") {
    const std::string folded = text::fold(trimmed(answer));
    if (folded != "yes" && folded != "no") {
      force_unknown(g, "not_yes_no");
      return g;
    }
    if (folded != answer) {
      g.value["answer"] = folded;
      g.changed = true;
    }
  }
  return g;
}

Grounded ground_tailoring(const json& reply, const Engine& engine, const match::ProfileView& profile) {
  Grounded g{reply, {}, false};
  if (json* keywords = g.value.contains("keywords") ? &g.value["keywords"] : nullptr;
      keywords && keywords->is_array()) {
    for (json& keyword : *keywords) {
      const SkillFact fact = skill_fact(engine, profile, text_of(keyword, "keyword"));
      if (!keyword.is_object()) continue;
      if (flag_of(keyword, "in_profile") != fact.in_profile) {
        g.flags.push_back("in_profile_corrected:" + text_of(keyword, "keyword"));
        g.changed = true;
      }
      keyword["in_profile"] = fact.in_profile;
    }
  }
  if (json* bullets = g.value.contains("bullets") ? &g.value["bullets"] : nullptr;
      bullets && bullets->is_array()) {
    json kept = json::array();
    for (const json& bullet : *bullets) {
      if (!bullet.is_object()) {
        g.changed = true;
        continue;
      }
      const std::vector<skills::SkillId> before = skills_in(engine, text_of(bullet, "original"));
      const std::set<skills::SkillId> original(before.begin(), before.end());
      std::optional<std::string> invented;
      for (const skills::SkillId id : skills_in(engine, text_of(bullet, "suggestion"))) {
        if (!original.count(id) && !profile.skills.count(id)) {
          invented = engine.taxonomy().skill(id).name;
          break;
        }
      }
      if (invented) {
        g.flags.push_back("bullet_invents_skill:" + *invented);
        g.changed = true;
      } else {
        kept.push_back(bullet);
      }
    }
    *bullets = std::move(kept);
  }
  return g;
}

Grounded ground_cover_letter(const json& reply, const Engine& engine, const match::ProfileView& profile,
                             const model::Job& job) {
  Grounded g{reply, {}, false};
  json mentioned = json::array(), unsupported = json::array();
  std::set<skills::SkillId> seen;
  if (!g.value.is_object()) g.value = json::object();
  std::string letter = text_of(reply, "letter");
  for (const std::string* name : {&job.company, &job.title}) {
    if (name->empty()) continue;
    for (std::size_t at = letter.find(*name); at != std::string::npos; at = letter.find(*name, at + 1)) {
      letter.replace(at, name->size(), std::string(name->size(), ' '));
    }
  }
  for (const skills::SkillId id : skills_in(engine, letter)) {
    if (!seen.insert(id).second) continue;
    const std::string& name = engine.taxonomy().skill(id).name;
    if (mentioned.size() < 30) mentioned.push_back(name);
    if (!profile.skills.count(id)) {
      unsupported.push_back(name);
      g.flags.push_back("unsupported_skill:" + name);
    }
  }
  const auto previous = g.value.find("skills_mentioned");
  if (previous == g.value.end() || *previous != mentioned) g.changed = true;
  g.value["skills_mentioned"] = mentioned;
  g.value["unsupported_skills"] = unsupported;
  return g;
}

Grounded ground_cover_letter(const json& reply, const Engine& engine, const match::ProfileView& profile) {
  return ground_cover_letter(reply, engine, profile, model::Job{});
}

}  // namespace joblens::host::llm
