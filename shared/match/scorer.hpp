// Scores a job for a person, 0-100, with the reasons: deterministic (same inputs, same bytes, natively
// and in WebAssembly: only + - * / on doubles, no libm), explainable in one line and in full.
#pragma once

#include "shared/match/job_analysis.hpp"
#include "shared/match/profile_view.hpp"
#include "shared/match/weights.hpp"
#include "shared/skills/taxonomy.hpp"
#include "shared/wire/score_result.hpp"

namespace joblens::match {

wire::ScoreResult score_job(const model::Job& job, const JobAnalysis& analysis, const ProfileView& profile,
                            const skills::Taxonomy& taxonomy, const Weights& weights = kDefaultWeights);

}  // namespace joblens::match
