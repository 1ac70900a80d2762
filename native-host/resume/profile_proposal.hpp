// A first draft of the person's profile, read from their resume text, for them to check and edit.
//
// Everything here is a guess: the skills come from the same extractor that reads job postings (so
// they are reliable names from the taxonomy, but "used Java once" and "10 years of Java" look alike
// unless the text states years), and the name, headline and location come from simple line
// heuristics. The result says so: `needs_confirmation` is always true, and `confidence` rates each
// field that was filled. Nothing is saved until the person confirms.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/engine/engine.hpp"

namespace joblens::host::resume {

// {"profile": <model::Profile JSON, docs/schema.md>,
//  "confidence": {"skills": "high", "headline": "medium", ...},   // only for fields that were filled
//  "needs_confirmation": true,
//  "source_chars": <bytes of resume text read>}
nlohmann::json propose_profile(const joblens::Engine& engine, std::string_view resume_text);

}  // namespace joblens::host::resume
