// Jobs as the page adapter sends them and as the database stores them; shared by the jobs, score
// and transfer handlers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "native-host/storage/sqlite.hpp"
#include "shared/model/job.hpp"

namespace joblens::host {

// A job from a page: `id` and `title` are required; a card has no description yet, so company,
// location and description default to empty. Wrong types are coded errors naming the field.
Result<model::Job> job_from_page(const nlohmann::json& j);

struct UpsertCounts {
  int inserted = 0;
  int updated = 0;
};

// Checks every job, then inserts or merges each one; the caller holds the transaction, so a batch
// lands whole or not at all. A bad job fails the batch with its index.
Result<UpsertCounts> upsert_jobs(storage::Database& db, const nlohmann::json& jobs,
                                 const std::string& default_layout, std::int64_t now);

// The stored job with its extra fields and first/last seen; null when there is none.
Result<nlohmann::json> load_job(storage::Database& db, const std::string& id);

}  // namespace joblens::host
