// The skills taxonomy: canonical skills with their aliases, categories and implications, loaded from
// the data files in shared/data/skills/ (format: docs/taxonomy.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/data/embedded_file.hpp"
#include "shared/wire/error.hpp"

namespace joblens::skills {

using SkillId = std::uint32_t;

// Skills of one domain give each other context for ambiguous names ("Go" next to "Docker").
enum class Domain : std::uint8_t { tech, business, health, language };

struct Skill {
  std::string name;      // canonical name, as shown to people
  std::string category;  // category id: the data file's `# category:`
  Domain domain = Domain::business;
  std::vector<SkillId> implies;  // transitive closure of `implies:`, sorted, without the skill itself
};

// One way of writing a skill, as folded tokens ("node.js"), or a veto phrase.
struct Alias {
  std::vector<std::string> tokens;
  SkillId skill = 0;
  bool ambiguous = false;             // matched case-sensitively and only with context
  std::vector<bool> must_capitalize;  // per token, for ambiguous aliases: written with a capital
  bool veto = false;                  // a `not:` phrase: covering a match cancels it
};

class Taxonomy {
 public:
  // Parses every file; an error names the file and line.
  static Result<Taxonomy> load(std::span<const data::EmbeddedFile> files);
  // The taxonomy compiled into the core.
  static Result<Taxonomy> load_builtin();

  std::size_t size() const { return skills_.size(); }
  const Skill& skill(SkillId id) const { return skills_[id]; }
  const std::vector<Skill>& skills() const { return skills_; }
  const std::vector<Alias>& aliases() const { return aliases_; }

  // Finds a skill by its canonical name or any alias, written any way ("k8s", "ReactJS", "AWS").
  std::optional<SkillId> find(std::string_view name) const;

 private:
  std::vector<Skill> skills_;
  std::vector<Alias> aliases_;
  std::unordered_map<std::string, SkillId> by_phrase_;  // folded phrase -> skill (vetoes excluded)
};

}  // namespace joblens::skills
