#include "native-host/storage/schema.hpp"

#include <array>
#include <string>

namespace joblens::host::storage {

namespace {

// Never edit a migration that has shipped: add a new one. Every table that will sync carries a
// stable text id or natural key and an `updated_at` clock (milliseconds since the epoch).
constexpr std::array kMigrations{
    Migration{1, "profiles with versions, jobs seen, scores, settings",
              R"sql(
CREATE TABLE profiles (
  version     INTEGER PRIMARY KEY,
  data        TEXT NOT NULL CHECK (json_valid(data)),
  created_at  INTEGER NOT NULL
);
CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  url              TEXT,
  title            TEXT NOT NULL DEFAULT '',
  company          TEXT NOT NULL DEFAULT '',
  location         TEXT NOT NULL DEFAULT '',
  workplace        TEXT,
  employment_type  TEXT,
  salary           TEXT,
  description      TEXT NOT NULL DEFAULT '',
  layout           TEXT,
  fields           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
  first_seen       INTEGER NOT NULL,
  last_seen        INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX jobs_last_seen ON jobs(last_seen);
CREATE TABLE scores (
  job_id           TEXT NOT NULL,
  profile_version  TEXT NOT NULL,
  score            INTEGER NOT NULL,
  result           TEXT NOT NULL CHECK (json_valid(result)),
  scored_at        INTEGER NOT NULL,
  PRIMARY KEY (job_id, profile_version)
);
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  updated_at  INTEGER NOT NULL
);
)sql"},
    Migration{2, "applications with a status history",
              R"sql(
CREATE TABLE applications (
  id          TEXT PRIMARY KEY,
  job_id      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('discovered','saved','applied','interviewing',
                                              'offer','rejected','withdrawn')),
  notes       TEXT NOT NULL DEFAULT '',
  answers     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX applications_job ON applications(job_id);
CREATE INDEX applications_status ON applications(status, updated_at);
CREATE TABLE application_status (
  seq             INTEGER PRIMARY KEY,
  application_id  TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  status          TEXT NOT NULL,
  at              INTEGER NOT NULL,
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_status_app ON application_status(application_id, seq);
)sql"},
    Migration{3, "events and selector-health reports",
              R"sql(
CREATE TABLE events (
  seq   INTEGER PRIMARY KEY,
  at    INTEGER NOT NULL,
  kind  TEXT NOT NULL,
  data  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
);
CREATE INDEX events_kind ON events(kind, at);
CREATE TABLE selector_reports (
  layout     TEXT NOT NULL,
  field      TEXT NOT NULL,
  step       INTEGER NOT NULL,  -- which selector of the field's chain matched; -1: none did
  hits       INTEGER NOT NULL DEFAULT 0,
  first_at   INTEGER NOT NULL,
  last_at    INTEGER NOT NULL,
  PRIMARY KEY (layout, field, step)
);
)sql"},
    Migration{4, "LLM usage and response caches",
              R"sql(
CREATE TABLE llm_usage (
  seq            INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  feature        TEXT NOT NULL,
  provider       TEXT NOT NULL,
  model          TEXT NOT NULL,
  input_tokens   INTEGER NOT NULL DEFAULT 0,
  output_tokens  INTEGER NOT NULL DEFAULT 0,
  cost_usd       REAL NOT NULL DEFAULT 0,
  cached         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX llm_usage_at ON llm_usage(at);
CREATE TABLE cache (
  namespace   TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (namespace, key)
);
CREATE INDEX cache_expiry ON cache(expires_at);
)sql"},
    Migration{5, "the background task queue",
              R"sql(
CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  dedup_key     TEXT,                  -- a second enqueue of the same live work returns the first task
  priority      INTEGER NOT NULL DEFAULT 0,  -- higher runs first
  state         TEXT NOT NULL CHECK (state IN ('queued','running','done','dead','cancelled')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 5,
  next_at       INTEGER NOT NULL,      -- not before this time (backoff)
  lease_owner   TEXT,                  -- which host process runs it
  lease_until   INTEGER,
  progress      REAL NOT NULL DEFAULT 0,
  result        TEXT CHECK (result IS NULL OR json_valid(result)),
  last_error    TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
  completions   INTEGER NOT NULL DEFAULT 0,  -- must never pass 1
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX tasks_ready ON tasks(state, priority DESC, next_at, id);
CREATE UNIQUE INDEX tasks_live_dedup ON tasks(dedup_key) WHERE dedup_key IS NOT NULL AND state IN ('queued','running');
)sql"},
    Migration{6, "job embeddings for similar jobs",
              R"sql(
CREATE TABLE embeddings (
  job_id      TEXT NOT NULL,
  model       TEXT NOT NULL,   -- e.g. joblens-hash-v1 or provider/model
  dim         INTEGER NOT NULL,
  vector      BLOB NOT NULL,   -- dim little-endian float32, L2-normalised
  source_hash TEXT NOT NULL,   -- of the text embedded: a changed posting is embedded again
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (job_id, model)
);
CREATE INDEX embeddings_model ON embeddings(model);
)sql"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latest_schema_version() { return kMigrations.back().version; }

Result<int> schema_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return *row ? static_cast<int>((*stmt)->int64(0)) : 0;
}

std::optional<Error> migrate(Database& db, std::optional<int> target) {
  const int goal = target.value_or(latest_schema_version());
  for (const Migration& step : kMigrations) {
    if (step.version > goal) break;
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto current = schema_version(db);
    if (!current) return current.error();
    if (*current > latest_schema_version()) {
      return make_error(ErrorCode::schema_too_new,
                        "the database is at schema version " + std::to_string(*current) +
                            "; this JobLens knows up to " + std::to_string(latest_schema_version()) +
                            ": update JobLens");
    }
    if (*current >= step.version) continue;  // another host applied it first
    if (auto error = db.exec(step.sql)) {
      error->message = "migration " + std::to_string(step.version) + ": " + error->message;
      return error;
    }
    // PRAGMA takes no parameters; the value is our own constant.
    if (auto error = db.exec("PRAGMA user_version=" + std::to_string(step.version))) return error;
    if (auto error = (*tx)->commit()) return error;
  }
  return std::nullopt;
}

}  // namespace joblens::host::storage
