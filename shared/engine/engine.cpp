#include "shared/engine/engine.hpp"

#include "shared/cache/cache_key.hpp"
#include "shared/match/job_analysis.hpp"
#include "shared/match/scorer.hpp"
#include "shared/text/normalize.hpp"

namespace joblens {

std::size_t Engine::ResultSize::operator()(const std::shared_ptr<const wire::ScoreResult>& result) const {
  const wire::ScoreResult& r = *result;
  std::size_t bytes = sizeof r + r.id.size() + r.badge.size();
  for (const auto* list : {&r.job_skills, &r.matched_skills, &r.missing_skills, &r.missing_required,
                           &r.missing_nice_to_have, &r.reasons})
    for (const auto& s : *list) bytes += sizeof s + s.size();
  for (const auto& s : r.skills) bytes += sizeof s + s.name.size() + s.category.size();
  for (const auto& p : r.parts) bytes += sizeof p + p.detail.size();
  return bytes;
}

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  auto taxonomy = skills::Taxonomy::load_builtin();
  if (!taxonomy) return taxonomy.error();
  return std::unique_ptr<Engine>(new Engine(std::move(taxonomy).value(), options));
}

Engine::Engine(skills::Taxonomy taxonomy, const EngineOptions& options)
    : taxonomy_(std::move(taxonomy)),
      extractor_(taxonomy_),
      weights_(options.weights),
      cache_(options.cache_bytes, options.cache_ttl_ms) {}

wire::ScoreResult Engine::score(const model::Job& job, const match::ProfileView& profile) const {
  const match::JobAnalysis analysis = match::analyze_job(job, extractor_);
  return match::score_job(job, analysis, profile, taxonomy_, weights_);
}

std::shared_ptr<const wire::ScoreResult> Engine::score_cached(const model::Job& job,
                                                              const match::ProfileView& profile,
                                                              std::int64_t now_ms) {
  const std::uint64_t key = cache::score_key(profile.profile.version, job);
  if (const auto* hit = cache_.get(key, now_ms)) return *hit;
  auto result = std::make_shared<const wire::ScoreResult>(score(job, profile));
  cache_.put(key, result, now_ms);
  return result;
}

skills::Extraction Engine::extract_skills(std::string_view text) const {
  return extractor_.extract(text::clean_text(text));
}

}  // namespace joblens
