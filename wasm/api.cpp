// The core's API for JavaScript: plain C exports taking and returning UTF-8 JSON strings.
//
// Plain exports rather than embind: embind generates code with `new Function`, which an MV3
// extension's CSP forbids (see ../docs/wasm.md). Every returned string is malloc'ed; the caller frees
// it with jl_free. No exception crosses into JavaScript: every export catches and answers with an
// {"error": {code, name, message}} object instead.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"
#include "wasm/api_support.hpp"

using joblens::wasm::ensure_engine;
using joblens::wasm::ensure_profile;
using joblens::wasm::error_reply;
using joblens::wasm::guarded;
using joblens::wasm::reply;
using joblens::wasm::State;
using joblens::wasm::state;
using json = nlohmann::ordered_json;

namespace {

// Scores a JSON array of jobs of one shape: {"results": [ScoreResult or {"error"}...]}.
char* score_array(const char* jobs_json, double now_ms, joblens::model::JobShape shape) {
  if (auto e = ensure_engine()) return error_reply(*e);  // before reading: "no profile" comes first
  if (auto e = ensure_profile()) return error_reply(*e);
  auto parsed = joblens::model::parse_json_quiet(jobs_json ? jobs_json : "");
  if (!parsed) return error_reply(parsed.error());
  if (!parsed->is_array())
    return error_reply(joblens::make_error(joblens::ErrorCode::wrong_type, "jobs must be a JSON array"));
  return joblens::wasm::score_each(
      parsed->size(), [&](std::size_t i) { return joblens::model::job_from_json((*parsed)[i], shape); },
      now_ms);
}

}  // namespace

extern "C" {

// Frees a string returned by any jl_ function.
void jl_free(char* p) { std::free(p); }

// Builds the engine (taxonomy, matcher); returns {"skills": N} or an error. Optional: every other
// call builds it on first use.
char* jl_init() {
  return guarded([] {
    if (auto e = ensure_engine()) return error_reply(*e);
    return reply(json{{"skills", state().engine->taxonomy().size()}});
  });
}

// Sets the profile that jl_score_jobs scores against; returns {"version": "..."} or an error.
char* jl_set_profile(const char* profile_json) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    auto parsed = joblens::model::parse_json_quiet(profile_json ? profile_json : "");
    if (!parsed) return error_reply(parsed.error());
    auto profile = joblens::model::profile_from_json(*parsed);
    if (!profile) return error_reply(profile.error());
    State& s = state();
    s.view = s.engine->view(*profile);
    return reply(json{{"version", s.view->profile.version}});
  });
}

// Scores a JSON array of postings; returns {"results": [ScoreResult or {"error"}...]} in order.
// `now_ms` is the caller's clock, for the cache's time to live.
char* jl_score_jobs(const char* jobs_json, double now_ms) {
  return guarded([&] { return score_array(jobs_json, now_ms, joblens::model::JobShape::posting); });
}

// The same for jobs as a search card shows them: company, location and description may be missing.
char* jl_score_cards(const char* jobs_json, double now_ms) {
  return guarded([&] { return score_array(jobs_json, now_ms, joblens::model::JobShape::card); });
}

// Skills in free text: {"skills": [{name, category, requirement, min_years}], "years_min"}.
char* jl_extract_skills(const char* text) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    const std::string input = joblens::text::sanitize_utf8(text ? text : "");
    const auto found = state().engine->extract_skills(input);
    const auto& taxonomy = state().engine->taxonomy();
    json list = json::array();
    for (const auto& f : found.skills) {
      json j{{"name", taxonomy.skill(f.skill).name},
             {"category", taxonomy.skill(f.skill).category},
             {"requirement", joblens::skills::to_string(f.requirement)}};
      j["min_years"] = f.min_years ? json(*f.min_years) : json(nullptr);
      list.push_back(std::move(j));
    }
    json out{{"skills", std::move(list)}};
    out["years_min"] = found.years_min ? json(*found.years_min) : json(nullptr);
    return reply(out);
  });
}

// Cache counters: {"hits", "misses", "expired", "evictions", "entries", "bytes"}.
char* jl_cache_stats() {
  return guarded([] {
    if (auto e = ensure_engine()) return error_reply(*e);
    const auto s = state().engine->cache_stats();
    return reply(json{{"hits", s.hits},
                      {"misses", s.misses},
                      {"expired", s.expired},
                      {"evictions", s.evictions},
                      {"entries", s.entries},
                      {"bytes", s.bytes}});
  });
}

}  // extern "C"
