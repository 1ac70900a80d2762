// score: host-side scoring with the core, for jobs sent in the message or stored ones by id, against
// the stored profile (or one sent for a preview). Results are stored per (job, profile version).
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/job_rows.hpp"
#include "native-host/handlers/profile_store.hpp"
#include "native-host/storage/rows.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

// The version tag scores are stored under. Built with append: GCC 12 warns falsely (-Wrestrict,
// gcc.gnu.org/PR105329) on "literal" + std::string.
std::string version_tag(std::int64_t version) { return std::string("v").append(std::to_string(version)); }

// About 3 KB of JSON per result: 200 stay well under the 1 MiB frame.
constexpr std::size_t kMaxJobs = 200;

// The profile view for the stored profile, rebuilt only when a new version was saved.
Result<const match::ProfileView*> stored_profile_view(Context& context) {
  // Only the version is read per message; the profile's JSON is read and prepared when it changed.
  auto version = latest_profile_version(context.db);
  if (!version) return version.error();
  if (!*version) {
    return make_error(ErrorCode::not_found, "no profile is saved yet: save one with profile.put first");
  }
  ProfileCache& cache = context.profile_cache;
  if (!cache.view || cache.version != *version) {
    auto stored = load_profile(context.db);
    if (!stored) return stored.error();
    auto profile = model::profile_from_json(stored->data);
    if (!profile) return profile.error();
    cache.view = context.engine.view(*profile);
    cache.version = stored->version;
  }
  return &*cache.view;
}

Result<std::vector<model::Job>> jobs_to_score(Context& context, const json& args) {
  std::vector<model::Job> jobs;
  if (const auto sent = args.find("jobs"); sent != args.end() && !sent->is_null()) {
    for (std::size_t i = 0; i < sent->size(); ++i) {
      auto job = job_from_page((*sent)[i]);
      if (!job)
        return make_error(job.error().code, "jobs[" + std::to_string(i) + "]: " + job.error().message);
      jobs.push_back(std::move(*job));
    }
  }
  if (const auto ids = args.find("ids"); ids != args.end() && !ids->is_null()) {
    for (const json& id : *ids) {
      if (!id.is_string()) return make_error(ErrorCode::wrong_type, "score: args.ids must hold strings");
      auto stored = load_job(context.db, id.get<std::string>());
      if (!stored) return stored.error();
      if (stored->is_null())
        return make_error(ErrorCode::not_found, "score: no job " + id.get<std::string>());
      auto job = job_from_page(*stored);
      if (!job) return job.error();
      jobs.push_back(std::move(*job));
    }
  }
  if (jobs.size() > kMaxJobs) {
    return make_error(ErrorCode::too_large,
                      "score: at most " + std::to_string(kMaxJobs) + " jobs per message");
  }
  return jobs;
}

Result<json> score(Context& context, const json& args) {
  auto jobs = jobs_to_score(context, args);
  if (!jobs) return jobs.error();
  if (jobs->empty()) return make_error(ErrorCode::missing_field, "score: send jobs or ids");

  // A profile in the message previews a score (the options page's editor) and is never stored.
  std::optional<match::ProfileView> preview;
  const match::ProfileView* view = nullptr;
  if (const auto sent = args.find("profile"); sent != args.end() && !sent->is_null()) {
    json unversioned = *sent;  // the content hash, never a stated version, keys the score cache
    unversioned.erase("version");
    auto profile = model::profile_from_json(unversioned);
    if (!profile) return make_error(profile.error().code, "args.profile: " + profile.error().message);
    preview = context.engine.view(*profile);
    view = &*preview;
  } else {
    auto stored = stored_profile_view(context);
    if (!stored) return stored.error();
    view = *stored;
  }

  const std::int64_t now = context.now_ms();
  json results = json::array();
  std::vector<std::shared_ptr<const wire::ScoreResult>> scored;
  scored.reserve(jobs->size());
  for (const model::Job& job : *jobs) {
    scored.push_back(context.engine.score_cached(job, *view, now));
    results.emplace_back(wire::to_json(*scored.back()));
  }
  // Only scores of stored jobs are kept: a job sent in the message may differ from the stored one
  // with the same id, and must not replace its score.
  const std::size_t sent_count = args.contains("jobs") && args["jobs"].is_array() ? args["jobs"].size() : 0;
  if (!preview && scored.size() > sent_count) {
    auto tx = storage::Transaction::begin(context.db);
    if (!tx) return tx.error();
    auto stmt = context.db.prepare(
        "INSERT INTO scores (job_id, profile_version, score, result, scored_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(job_id, profile_version) DO UPDATE SET score = excluded.score, result = "
        "excluded.result, "
        "scored_at = excluded.scored_at");
    if (!stmt) return stmt.error();
    for (std::size_t i = sent_count; i < scored.size(); ++i) {
      (*stmt)
          ->bind(1, scored[i]->id)
          .bind(2, version_tag(context.profile_cache.version))
          .bind(3, scored[i]->score)
          .bind(4, results[i].dump())
          .bind(5, now);
      if (auto error = (*stmt)->run()) return *error;
      (*stmt)->reset();
    }
    if (auto error = (*tx)->commit()) return *error;
  }
  json reply{{"results", results}};
  reply["profile_version"] = preview ? json() : json(context.profile_cache.version);
  return reply;
}

constexpr ArgSpec kScoreArgs[] = {{"jobs", Kind::array}, {"ids", Kind::array}, {"profile", Kind::object}};

constexpr Route kRoutes[] = {
    {"score", score, kScoreArgs, "scores jobs (sent or stored) against the profile, with reasons"},
};

}  // namespace

std::span<const Route> score_routes() { return kRoutes; }

}  // namespace joblens::host
