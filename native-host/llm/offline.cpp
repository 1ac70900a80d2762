#include "native-host/llm/offline.hpp"

#include <algorithm>

#include "native-host/llm/profile_facts.hpp"
#include "shared/match/job_analysis.hpp"
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxListed = 20;  // the schemas' maxItems for skill lists

// At most `max_bytes`, cut before a UTF-8 continuation byte so the text stays valid UTF-8 (a JSON
// dump of a split character would throw). The schemas' limits are in code points, so bytes are safe.
std::string prefix(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool has(const std::string& folded, std::string_view phrase) {
  return folded.find(phrase) != std::string::npos;
}

Result<model::Job> job_input(const json& inputs) {
  const auto it = inputs.find("job");
  if (it == inputs.end()) return make_error(ErrorCode::missing_field, "offline: inputs.job is required");
  return model::job_from_json(*it);
}

Result<model::Profile> profile_input(const json& inputs) {
  const auto it = inputs.find("profile");
  if (it == inputs.end()) return make_error(ErrorCode::missing_field, "offline: inputs.profile is required");
  return model::profile_from_json(*it);
}

// Visa sponsorship or relocation as the posting states it: a refusal wins over a mention.
std::string stated(const std::string& folded, std::initializer_list<std::string_view> no,
                   std::initializer_list<std::string_view> yes) {
  for (std::string_view p : no) {
    if (has(folded, p)) return "no";
  }
  for (std::string_view p : yes) {
    if (has(folded, p)) return "yes";
  }
  return "unknown";
}

json red_flags(const std::string& folded, const skills::Extraction& extraction) {
  json flags = json::array();
  const auto flag_if = [&](std::initializer_list<std::string_view> phrases, const char* message) {
    for (std::string_view p : phrases) {
      if (has(folded, p)) {
        flags.push_back(message);
        return;
      }
    }
  };
  flag_if({"unpaid", "no pay", "without pay", "volunteer position"}, "The role may be unpaid.");
  flag_if({"commission only", "commission-only", "commission based only", "100% commission"},
          "Pay is commission only.");
  flag_if({"rockstar", "rock star", "ninja", "guru"}, "Buzzword job title (rockstar/ninja/guru).");
  flag_if(
      {"work hard play hard", "wear many hats", "fast-paced environment with long hours", "available 24/7"},
      "Hints at long hours or an unclear scope.");
  flag_if({"unlimited earning potential", "be your own boss", "pay a fee", "starter kit"},
          "Wording common in pay-to-join or MLM postings.");
  if (extraction.years_min && extraction.years_max && *extraction.years_max - *extraction.years_min >= 8) {
    flags.push_back("Very wide experience range (" + std::to_string(*extraction.years_min) + "-" +
                    std::to_string(*extraction.years_max) + " years): the level is unclear.");
  }
  return flags;
}

Result<json> offline_analyze(const Engine& engine, const json& inputs) {
  auto job = job_input(inputs);
  if (!job) return job.error();
  const match::JobAnalysis analysis = match::analyze_job(*job, engine.extractor());
  const skills::Taxonomy& taxonomy = engine.taxonomy();
  json requirements = json::array(), must = json::array(), nice = json::array();
  for (const skills::FoundSkill& found : analysis.extraction.skills) {
    std::string name = taxonomy.skill(found.skill).name;
    if (found.min_years) name += " (" + std::to_string(*found.min_years) + "+ years)";
    if (requirements.size() < kMaxListed) requirements.push_back(name);
    json& list = found.requirement == skills::Requirement::required ? must : nice;
    if (list.size() < kMaxListed) list.push_back(name);
  }
  if (analysis.extraction.years_min && requirements.size() < 30) {
    std::string years = std::to_string(*analysis.extraction.years_min);
    if (analysis.extraction.years_max) years += "-" + std::to_string(*analysis.extraction.years_max);
    requirements.push_back(years + " years of experience");
  }
  const std::string folded = text::fold(job->title + "\n" + job->description);
  json salary = nullptr;
  if (analysis.salary) {
    const parse::Salary& s = *analysis.salary;
    const std::string period(parse::to_string(s.period));
    salary = {{"min", s.min},
              {"max", s.max},
              {"currency", s.currency.empty() ? json(nullptr) : json(s.currency)},
              {"period", period.empty() ? "unknown" : period},
              {"text", prefix(s.text, 200)}};
  }
  std::string summary = job->title + (job->company.empty() ? "" : " at " + job->company);
  if (!job->location.empty()) summary += " (" + job->location + ")";
  summary += ": " + std::to_string(must.size()) + " required and " + std::to_string(nice.size()) +
             " nice-to-have skills found by keyword.";
  return json{
      {"summary", prefix(summary, 800)},
      {"requirements", requirements},
      {"must_haves", must},
      {"nice_to_haves", nice},
      {"red_flags", red_flags(folded, analysis.extraction)},
      {"seniority", std::string(parse::to_string(analysis.seniority))},
      {"visa_sponsorship",
       stated(folded,
              {"no visa sponsorship", "not able to sponsor", "unable to sponsor", "cannot sponsor",
               "can't sponsor", "will not sponsor", "won't sponsor", "without sponsorship", "no sponsorship",
               "does not sponsor", "not offer sponsorship", "not provide sponsorship"},
              {"visa sponsorship", "sponsorship available", "will sponsor", "can sponsor",
               "sponsor your visa", "sponsor visas"})},
      {"relocation",
       stated(folded, {"no relocation", "relocation is not", "relocation not", "not offer relocation"},
              {"relocation"})},
      {"salary", salary}};
}

Result<json> offline_answer(const Engine& engine, const json& inputs) {
  const auto question_it = inputs.find("question");
  if (question_it == inputs.end())
    return make_error(ErrorCode::missing_field, "offline: inputs.question is required");
  auto question = question_from_json(*question_it);
  if (!question) return question.error();
  auto profile = profile_input(inputs);
  if (!profile) return profile.error();
  const match::ProfileView view = engine.view(*profile);
  const QuestionFacts facts = question_facts(engine, view, question->label);
  const std::string folded = text::fold(question->label);

  // What the profile says, before fitting it to the field: a number of years or yes/no.
  std::optional<double> years;
  std::optional<bool> yes;
  std::string based_on;
  if (!facts.skills.empty()) {
    const SkillFact& skill = facts.skills.front();
    // Only a skill the profile lists gives an answer; absence from the list is not a "no".
    if (!facts.missing_skill && skill.in_profile) {
      if (facts.asks_years && skill.years) {
        years = *skill.years;
        based_on = "profile: " + skill.name + ", " + number_text(*skill.years) + " years";
      } else if (!facts.asks_years) {
        yes = true;
        based_on = "profile lists " + skill.name;
      }
    }
  } else if (facts.asks_years && has(folded, "experience") && profile->years_experience) {
    years = *profile->years_experience;
    based_on = "profile: " + number_text(*profile->years_experience) + " years of experience";
  } else if (has(folded, "authori") || has(folded, "sponsor") || has(folded, "legally")) {
    for (const auto& [region, allowed] : profile->work_authorization) {
      if (!has(folded, text::fold(region))) continue;
      // "Will you require sponsorship?" is the opposite of "Are you authorised?".
      yes = has(folded, "sponsor") ? !allowed : allowed;
      based_on = "profile: work authorisation for " + region;
      break;
    }
  }

  std::string answer = "unknown";
  const bool has_options = !question->options.empty();
  if (years && facts.asked_years && (!has_options || !numeric_options(question->options))) {
    // "Do you have 5+ years of Python?": the profile's years answer it as yes or no.
    yes = *years >= *facts.asked_years;
    years.reset();
  }
  if (years) {
    if (has_options) {
      if (auto option = option_for_number(question->options, *years)) answer = *option;
    } else if (question->type != "yes_no") {
      answer = number_text(*years);
    } else {
      yes = *years > 0;
    }
  }
  if (yes) {
    if (has_options) {
      if (auto option = matching_option(question->options, *yes ? "yes" : "no")) answer = *option;
    } else if (question->type == "yes_no" || question->type == "text" || question->type == "textarea") {
      answer = *yes ? "yes" : "no";
    }
  }
  if (answer == "unknown") based_on = "";
  return json{{"answer", answer}, {"confidence", answer == "unknown" ? 0.0 : 0.9}, {"based_on", based_on}};
}

// The posting's skills split by whether the profile has them, in order of mention.
struct SkillSplit {
  std::vector<std::string> matched;
  std::vector<std::pair<std::string, bool>> missing;  // name, required
};

SkillSplit split_skills(const Engine& engine, const model::Job& job, const match::ProfileView& view) {
  SkillSplit split;
  const match::JobAnalysis analysis = match::analyze_job(job, engine.extractor());
  for (const skills::FoundSkill& found : analysis.extraction.skills) {
    const std::string& name = engine.taxonomy().skill(found.skill).name;
    if (view.skills.count(found.skill)) {
      split.matched.push_back(name);
    } else {
      split.missing.emplace_back(name, found.requirement == skills::Requirement::required);
    }
  }
  return split;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

Result<json> offline_cover_letter(const Engine& engine, const json& inputs) {
  auto job = job_input(inputs);
  if (!job) return job.error();
  auto profile = profile_input(inputs);
  if (!profile) return profile.error();
  const match::ProfileView view = engine.view(*profile);
  SkillSplit split = split_skills(engine, *job, view);
  if (split.matched.size() > 6) split.matched.resize(6);

  const std::string company = job->company.empty() ? "your team" : job->company;
  std::string letter =
      "Dear Hiring Team,\n\nI am writing to apply for the " + job->title + " position at " + company + ".";
  if (!profile->headline.empty())
    letter += " I am " + profile->headline + ".";
  else if (!profile->titles.empty())
    letter += " I work as " + profile->titles.front() + ".";
  if (profile->years_experience)
    letter += " I bring " + number_text(*profile->years_experience) + " years of experience.";
  if (!split.matched.empty()) {
    letter += "\n\nThe role asks for " + joined(split.matched) +
              ", which I use in my work; I would be glad to show how in an interview.";
  }
  letter +=
      "\n\nThank you for considering my application. I look forward to hearing from you.\n\nKind regards,\n" +
      (profile->name.empty() ? std::string("[Your name]") : profile->name);
  return json{{"letter", letter}, {"skills_mentioned", split.matched}};
}

Result<json> offline_tailor(const Engine& engine, const json& inputs) {
  auto job = job_input(inputs);
  if (!job) return job.error();
  auto profile = profile_input(inputs);
  if (!profile) return profile.error();
  const match::ProfileView view = engine.view(*profile);
  const SkillSplit split = split_skills(engine, *job, view);
  json keywords = json::array();
  // Required skills first: they weigh most with screeners.
  for (const bool required : {true, false}) {
    for (const auto& [name, is_required] : split.missing) {
      if (is_required != required || keywords.size() >= kMaxListed) continue;
      keywords.push_back(
          {{"keyword", name},
           {"in_profile", false},
           {"reason", std::string("The posting lists it as ") + (required ? "required" : "a plus") +
                          ". Add it only if you have it; your profile does not list it."}});
    }
  }
  for (const std::string& name : split.matched) {
    if (keywords.size() >= kMaxListed) break;
    keywords.push_back(
        {{"keyword", name},
         {"in_profile", true},
         {"reason", "The posting asks for it and your profile lists it: make sure your resume shows it."}});
  }
  return json{{"keywords", keywords},
              {"bullets", json::array()},
              {"notes",
               "Keywords come from the skills the core found in the posting. Suggestions to rephrase "
               "resume bullets need an AI provider."}};
}

}  // namespace

Result<json> offline_result(std::string_view feature, const Engine& engine, const json& inputs,
                            std::string_view reason) {
  if (!inputs.is_object()) return make_error(ErrorCode::wrong_type, "offline: inputs must be an object");
  Result<json> result =
      make_error(ErrorCode::invalid_value, "offline: unknown feature " + std::string(feature));
  if (feature == "analyze")
    result = offline_analyze(engine, inputs);
  else if (feature == "answer")
    result = offline_answer(engine, inputs);
  else if (feature == "cover_letter")
    result = offline_cover_letter(engine, inputs);
  else if (feature == "tailor")
    result = offline_tailor(engine, inputs);
  if (!result) return result;
  json out = std::move(*result);
  out["offline"] = true;
  out["reason"] = std::string(reason);
  return out;
}

}  // namespace joblens::host::llm
