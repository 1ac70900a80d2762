// Phrases that are not skills but tell the extractor how to read the skills around them: whether a
// sentence or section asks for a skill or merely welcomes it, and which words give an ambiguous short
// name ("Go", "R", "Swift") the context that makes it a skill.
#pragma once

#include <span>
#include <string_view>

#include "shared/skills/taxonomy.hpp"

namespace joblens::skills {

enum class CueKind : unsigned char {
  required,  // "must have", "required", "Anforderungen", "requisitos"
  nice,      // "nice to have", "a plus", "bonus", "preferred", "wünschenswert", "un plus"
  section,   // a neutral heading: "Responsibilities", "About you", "Dein Profil"
  domain,    // a word that makes ambiguous names of one domain count: "programming", "fluent"
};

struct Cue {
  std::string_view phrase;  // as people write it; folded and tokenised when the matcher is built
  CueKind kind;
  Domain domain = Domain::tech;  // for CueKind::domain
};

// All cues, in English, German, French, Spanish, Portuguese, Italian and Dutch.
std::span<const Cue> requirement_and_context_cues();

}  // namespace joblens::skills
