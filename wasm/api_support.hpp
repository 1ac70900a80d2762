// What every export of the WebAssembly API shares: the module's state, C-string replies and the
// guard that turns exceptions into {"error"} replies (api.cpp, page_api.cpp).
#pragma once

#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/engine/engine.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::wasm {

using json = nlohmann::ordered_json;

// The module's state: one engine and the current profile. It lives here, at the edge, so that the
// core in shared/ stays free of globals.
struct State {
  std::unique_ptr<joblens::Engine> engine;
  std::optional<joblens::match::ProfileView> view;  // holds its own copy of the profile
};
inline State& state() {
  static State s;
  return s;
}

inline char* to_c_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

// Replies are ASCII JSON: characters outside ASCII are escaped (\uXXXX), which JavaScript decodes and
// parses fastest (docs/benchmarks.md); ill-formed UTF-8 becomes U+FFFD.
inline std::string reply_text(const json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/true, json::error_handler_t::replace);
}

inline char* reply(const json& j) { return to_c_string(reply_text(j)); }

inline json error_json(const joblens::Error& e) {
  return {{"code", static_cast<int>(e.code)}, {"name", joblens::to_string(e.code)}, {"message", e.message}};
}

inline char* error_reply(const joblens::Error& e) { return reply(json{{"error", error_json(e)}}); }

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

inline std::optional<joblens::Error> ensure_engine() {
  if (state().engine) return std::nullopt;
  auto engine = joblens::Engine::create();
  if (!engine) return engine.error();
  state().engine = std::move(engine).value();
  return std::nullopt;
}

inline std::optional<joblens::Error> ensure_profile() {
  if (!state().view) return joblens::make_error(joblens::ErrorCode::missing_field, "no profile set");
  return std::nullopt;
}

// Scores `count` jobs, each read by read_job(i) (a Result<model::Job>), against the current profile:
// {"results": [ScoreResult or {"error"}...]} in order. Results are written as text, not built as JSON
// values: see shared/wire/json_text.hpp.
template <typename ReadJob>
char* score_each(std::size_t count, ReadJob&& read_job, double now_ms) {
  if (auto e = ensure_engine()) return error_reply(*e);
  if (auto e = ensure_profile()) return error_reply(*e);
  State& s = state();
  std::string out = "{\"results\":[";
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out.push_back(',');
    auto job = read_job(i);
    if (!job) {
      out += reply_text(json{{"error", error_json(job.error())}});
      continue;
    }
    wire::append_json_text(*s.engine->score_cached(*job, *s.view, static_cast<std::int64_t>(now_ms)), out,
                           wire::Encoding::ascii);
  }
  out += "]}";
  return to_c_string(out);
}

}  // namespace joblens::wasm
