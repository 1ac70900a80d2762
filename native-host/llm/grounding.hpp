// Checks a model's schema-valid reply against the facts we hold, so that an injected or hallucinated
// answer cannot get through: the screening answer must fit the field and the profile, tailoring
// keywords say truthfully whether the profile has them, and a cover letter that names skills the
// profile lacks is flagged. Rules: docs/llm.md, "Grounding".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "native-host/llm/profile_facts.hpp"
#include "shared/engine/engine.hpp"
#include "shared/model/job.hpp"

namespace joblens::host::llm {

struct Grounded {
  nlohmann::json value;            // the reply, corrected
  std::vector<std::string> flags;  // what was corrected or is doubtful, e.g. "not_an_option"
  bool changed = false;            // value differs from the model's reply
};

// answer: {"answer", "confidence", "based_on"}.
//  - With options: the answer must equal an option (case-insensitive, trimmed; rewritten as the option
//    is written) or be "unknown"; anything else becomes "unknown" (flag "not_an_option").
//  - number: a number >= 0 or "unknown" (flag "not_a_number"); yes_no: yes|no|unknown (flag "not_yes_no").
//  - The question asks about experience with a skill the profile lacks: "unknown" whatever the field
//    (flag "skill_not_in_profile:<skill>"). Years above the profile's years for that skill are
//    lowered to them (flag "years_above_profile").
//  When the answer is forced to "unknown", confidence becomes 0 and based_on "".
Grounded ground_answer(const nlohmann::json& reply, const Question& question, const Engine& engine,
                       const match::ProfileView& profile);

// tailor: every keyword's in_profile is set from the profile (flag "in_profile_corrected:<kw>" when the
// model said otherwise); a bullet whose suggestion names a skill that neither its original text nor the
// profile has is dropped (flag "bullet_invents_skill:<skill>").
Grounded ground_tailoring(const nlohmann::json& reply, const Engine& engine,
                          const match::ProfileView& profile);

// cover_letter: the letter is kept (it may quote the posting's wishes), and the skills it names that the
// profile lacks are listed in "unsupported_skills" (flag "unsupported_skill:<skill>") so the extension
// can highlight them for the person to edit; skills_mentioned is recomputed from the letter. The job's
// title and company are blanked out first: "Acme Logistics" names an employer, not a skill claimed.
Grounded ground_cover_letter(const nlohmann::json& reply, const Engine& engine,
                             const match::ProfileView& profile, const model::Job& job);
// Without the job (nothing blanked out): prefer the overload above.
Grounded ground_cover_letter(const nlohmann::json& reply, const Engine& engine,
                             const match::ProfileView& profile);

}  // namespace joblens::host::llm
