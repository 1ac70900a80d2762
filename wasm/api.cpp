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

#include "shared/engine/engine.hpp"
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"

namespace {

using json = nlohmann::ordered_json;

// The module's state: one engine and the current profile. It lives here, at the edge, so that the
// core in shared/ stays free of globals.
struct State {
  std::unique_ptr<joblens::Engine> engine;
  std::optional<joblens::match::ProfileView> view;  // holds its own copy of the profile
};
State& state() {
  static State s;
  return s;
}

char* to_c_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

char* error_reply(const joblens::Error& e) {
  json j{
      {"error",
       {{"code", static_cast<int>(e.code)}, {"name", joblens::to_string(e.code)}, {"message", e.message}}}};
  return to_c_string(j.dump());
}

template <typename F>
char* guarded(F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return error_reply(joblens::make_error(joblens::ErrorCode::internal, e.what()));
  } catch (...) {
    return error_reply(joblens::make_error(joblens::ErrorCode::internal, "unknown exception"));
  }
}

std::optional<joblens::Error> ensure_engine() {
  if (state().engine) return std::nullopt;
  auto engine = joblens::Engine::create();
  if (!engine) return engine.error();
  state().engine = std::move(engine).value();
  return std::nullopt;
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
    return to_c_string(json{{"skills", state().engine->taxonomy().size()}}.dump());
  });
}

// Sets the profile that jl_score_jobs scores against; returns {"version": "..."} or an error.
char* jl_set_profile(const char* profile_json) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    auto parsed = joblens::model::parse_json(profile_json ? profile_json : "");
    if (!parsed) return error_reply(parsed.error());
    auto profile = joblens::model::profile_from_json(*parsed);
    if (!profile) return error_reply(profile.error());
    State& s = state();
    s.view = s.engine->view(*profile);
    return to_c_string(json{{"version", s.view->profile.version}}.dump());
  });
}

// Scores a JSON array of jobs; returns {"results": [ScoreResult or {"id", "error"}...]} in order.
// `now_ms` is the caller's clock, for the cache's time to live.
char* jl_score_jobs(const char* jobs_json, double now_ms) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    State& s = state();
    if (!s.view) return error_reply(joblens::make_error(joblens::ErrorCode::missing_field, "no profile set"));
    auto parsed = joblens::model::parse_json(jobs_json ? jobs_json : "");
    if (!parsed) return error_reply(parsed.error());
    if (!parsed->is_array())
      return error_reply(joblens::make_error(joblens::ErrorCode::wrong_type, "jobs must be a JSON array"));
    json results = json::array();
    for (const auto& item : *parsed) {
      auto job = joblens::model::job_from_json(item);
      if (!job) {
        const auto& e = job.error();
        results.push_back({{"error",
                            {{"code", static_cast<int>(e.code)},
                             {"name", joblens::to_string(e.code)},
                             {"message", e.message}}}});
        continue;
      }
      results.push_back(
          joblens::wire::to_json(s.engine->score_cached(*job, *s.view, static_cast<std::int64_t>(now_ms))));
    }
    return to_c_string(json{{"results", std::move(results)}}.dump());
  });
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
    return to_c_string(out.dump());
  });
}

// Cache counters: {"hits", "misses", "expired", "evictions", "entries", "bytes"}.
char* jl_cache_stats() {
  return guarded([] {
    if (auto e = ensure_engine()) return error_reply(*e);
    const auto s = state().engine->cache_stats();
    return to_c_string(json{
        {"hits", s.hits},
        {"misses", s.misses},
        {"expired", s.expired},
        {"evictions", s.evictions},
        {"entries", s.entries},
        {"bytes", s.bytes}}.dump());
  });
}

}  // extern "C"
