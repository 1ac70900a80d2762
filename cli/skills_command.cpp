// `joblens skills`: the canonical skills in the text on stdin; `joblens taxonomy`: its size.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/line_reader.hpp"
#include "shared/engine/engine.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::cli {

int skills_command(const Args& args) {
  std::string format = "json";
  option_value(args, "--format", format);
  if (format != "json" && format != "text") {
    std::fputs("joblens skills: --format must be json or text\n", stderr);
    return kExitUsage;
  }
  std::string input, error;
  if (!read_file("-", 64u << 20, input, error)) {
    std::fprintf(stderr, "joblens skills: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!text::is_valid_utf8(input)) {
    std::fputs("joblens skills: the input is not valid UTF-8\n", stderr);
    return kExitSomeFailed;
  }
  auto engine = Engine::create();
  if (!engine) {
    std::fprintf(stderr, "joblens skills: %s\n", engine.error().message.c_str());
    return kExitUsage;
  }
  const skills::Extraction found = (*engine)->extract_skills(input);
  const auto& taxonomy = (*engine)->taxonomy();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& s : found.skills) {
    const auto& skill = taxonomy.skill(s.skill);
    if (format == "text") {
      std::printf("%s\t%s\t%s%s\n", skill.name.c_str(), std::string(skills::to_string(s.requirement)).c_str(),
                  skill.category.c_str(),
                  s.min_years ? (" · " + std::to_string(*s.min_years) + "+ years").c_str() : "");
      continue;
    }
    nlohmann::ordered_json j{{"name", skill.name},
                             {"category", skill.category},
                             {"requirement", skills::to_string(s.requirement)}};
    j["min_years"] = s.min_years ? nlohmann::ordered_json(*s.min_years) : nlohmann::ordered_json(nullptr);
    list.push_back(std::move(j));
  }
  if (format == "json") {
    nlohmann::ordered_json out{{"skills", std::move(list)}};
    out["years_min"] =
        found.years_min ? nlohmann::ordered_json(*found.years_min) : nlohmann::ordered_json(nullptr);
    std::printf("%s\n", out.dump().c_str());
  }
  return kExitOk;
}

int taxonomy_command(const Args&) {
  auto taxonomy = skills::Taxonomy::load_builtin();
  if (!taxonomy) {
    std::fprintf(stderr, "joblens taxonomy: %s\n", taxonomy.error().message.c_str());
    return kExitUsage;
  }
  std::map<std::string, std::size_t> per_category;
  for (const auto& s : taxonomy->skills()) ++per_category[s.category];
  nlohmann::ordered_json out{{"skills", taxonomy->size()}, {"aliases", taxonomy->aliases().size()}};
  out["categories"] = per_category;
  std::printf("%s\n", out.dump(2).c_str());
  return kExitOk;
}

}  // namespace joblens::cli
