// Finds the skills a job posting asks for, in one pass over its words.
//
// The extractor owns an Aho-Corasick matcher built once from the taxonomy and the cue tables. For each
// posting it tokenises the text, finds every alias, keeps the leftmost-longest non-overlapping ones,
// drops vetoed and context-less ambiguous names, reads whether each sentence or section makes a skill
// required or nice-to-have, and attaches years-of-experience requirements ("5+ years of React").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/skills/phrase_matcher.hpp"
#include "shared/skills/taxonomy.hpp"

namespace joblens::skills {

enum class Requirement : std::uint8_t { required, nice };
std::string_view to_string(Requirement r);

struct FoundSkill {
  SkillId skill = 0;
  Requirement requirement = Requirement::required;  // required if any mention is
  std::optional<int> min_years;                     // the largest "N+ years of <skill>" stated
  std::uint32_t mentions = 0;
  std::uint32_t first_offset = 0;  // byte offset of the first mention
};

struct Extraction {
  std::vector<FoundSkill> skills;  // in order of first mention
  std::optional<int> years_min;    // the general years-of-experience requirement, if stated
  std::optional<int> years_max;    // its upper bound ("3-5 years"), if stated
};

class Extractor {
 public:
  explicit Extractor(const Taxonomy& taxonomy);

  // `text` is cleaned job text (text::clean_text). The first line is treated as the title when
  // `first_line_is_title` is set: its skills are required and it is never a heading.
  Extraction extract(std::string_view text, bool first_line_is_title = false) const;

  const Taxonomy& taxonomy() const { return *taxonomy_; }

 private:
  const Taxonomy* taxonomy_;
  PhraseMatcher matcher_;
};

}  // namespace joblens::skills
