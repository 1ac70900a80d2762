// The core's answer for every LLM feature, with no model: used when no provider is configured or every
// provider failed. Each result has the shape of the feature's output schema plus "offline": true and a
// "reason"; it states only what the core extracted from the posting and what the profile says, so it
// never claims a skill the profile lacks.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/engine/engine.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::llm {

// `inputs` per feature (the same objects the chain renders into the templates):
//   analyze:      {"job": <job JSON>}
//   answer:       {"question": {"label", "type", "options"}, "profile": <profile JSON>}
//   cover_letter: {"job": ..., "profile": ...}
//   tailor:       {"job": ..., "profile": ..., "resume"?: text}
// `reason` says why (e.g. "no AI provider is configured"). Unknown feature: invalid_value; a job or
// profile of the wrong shape: the model reader's coded error.
Result<nlohmann::json> offline_result(std::string_view feature, const Engine& engine,
                                      const nlohmann::json& inputs, std::string_view reason);

}  // namespace joblens::host::llm
