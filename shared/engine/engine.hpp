// The core's front door: the taxonomy, the extractor and the score cache, built once and used for
// many jobs. The CLI, the WebAssembly module and the host each own one.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "shared/cache/lru_cache.hpp"
#include "shared/match/profile_view.hpp"
#include "shared/match/weights.hpp"
#include "shared/model/job.hpp"
#include "shared/model/profile.hpp"
#include "shared/skills/extractor.hpp"
#include "shared/skills/taxonomy.hpp"
#include "shared/wire/error.hpp"
#include "shared/wire/score_result.hpp"

namespace joblens {

struct EngineOptions {
  std::size_t cache_bytes = 8u << 20;            // 8 MiB of score results
  std::int64_t cache_ttl_ms = 24 * 3600 * 1000;  // a day
  match::Weights weights = match::kDefaultWeights;
};

class Engine {
 public:
  // Builds the engine over the taxonomy compiled into the core.
  static Result<std::unique_ptr<Engine>> create(const EngineOptions& options = {});

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const skills::Taxonomy& taxonomy() const { return taxonomy_; }
  const skills::Extractor& extractor() const { return extractor_; }

  match::ProfileView view(const model::Profile& profile) const {
    return match::view_profile(profile, taxonomy_);
  }

  // Scores without the cache.
  wire::ScoreResult score(const model::Job& job, const match::ProfileView& profile) const;

  // Scores through the cache, keyed by (profile version, job content); `now_ms` is the caller's clock.
  // Results are shared and immutable: a hit hands out the stored result without copying it (a copy
  // is some fifty allocations, a visible share of a burst of cards).
  std::shared_ptr<const wire::ScoreResult> score_cached(const model::Job& job,
                                                        const match::ProfileView& profile,
                                                        std::int64_t now_ms);

  // Skills in free text (a posting, a resume), with required / nice-to-have and years.
  skills::Extraction extract_skills(std::string_view text) const;

  cache::CacheStats cache_stats() const { return cache_.stats(); }

 private:
  struct ResultSize {
    std::size_t operator()(const std::shared_ptr<const wire::ScoreResult>& r) const;
  };

  Engine(skills::Taxonomy taxonomy, const EngineOptions& options);

  skills::Taxonomy taxonomy_;
  skills::Extractor extractor_;  // refers to taxonomy_: the engine is neither copied nor moved
  match::Weights weights_;
  cache::LruCache<std::shared_ptr<const wire::ScoreResult>, ResultSize> cache_;
};

}  // namespace joblens
