// Embeddings and similar jobs: the vector store, the index (exact and hnswlib) and the jobs.similar
// route through the dispatcher, over temporary databases.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "native-host/similar/embedding_store.hpp"
#include "native-host/similar/similar_jobs.hpp"
#include "native-host/similar/vector_index.hpp"
#include "shared/embed/hashed_embedding.hpp"
#include "tests/host/host_fixture.hpp"

namespace {

using joblens::ErrorCode;
using joblens::Result;
using joblens::host::storage::Database;
using joblens::host::testing::code;
using joblens::host::testing::HostFixture;
namespace similar = joblens::host::similar;
using nlohmann::json;

struct JobText {
  const char* id;
  const char* title;
  const char* description;
};

// Three roles, three postings each, sharing a company paragraph across roles.
constexpr JobText kJobs[] = {
    {"de1", "Data Engineer",
     "Build batch and streaming data pipelines in Python, SQL and Spark; run Airflow."},
    {"de2", "Senior Data Engineer",
     "Own ETL pipelines, the Snowflake warehouse and dbt models; Airflow, SQL."},
    {"de3", "Big Data Engineer", "Develop Spark and Kafka data pipelines and keep the data lake healthy."},
    {"rn1", "Registered Nurse, ICU", "Provide patient care, administer medications, monitor vital signs."},
    {"rn2", "Staff Nurse", "Nursing care for patients on the ward, medication administration, charting."},
    {"rn3", "Emergency Room Nurse",
     "Triage patients, start IVs, give medications, registered nurse licence."},
    {"wh1", "Warehouse Associate",
     "Pick, pack and ship orders, load trucks, count inventory in the warehouse."},
    {"wh2", "Forklift Operator",
     "Drive forklifts in the warehouse, load trucks, put away pallets, inventory."},
    {"wh3", "Order Picker", "Pick warehouse orders with an RF scanner, pack parcels, replenish stock."},
};

void insert_job(Database& db, const std::string& id, const std::string& title, const std::string& description,
                std::int64_t updated_at) {
  auto stmt = db.prepare(
      "INSERT INTO jobs (id, title, company, location, description, first_seen, last_seen, updated_at) "
      "VALUES (?1, ?2, 'Acme', 'Berlin', ?3, ?4, ?4, ?4) ON CONFLICT(id) DO UPDATE SET title = ?2, "
      "description = ?3, last_seen = ?4, updated_at = ?4");
  REQUIRE(stmt.ok());
  (*stmt)
      ->bind(1, id)
      .bind(2, title)
      .bind(3, description + " We offer 30 days of holiday and a pension.")
      .bind(4, updated_at);
  REQUIRE_FALSE((*stmt)->run().has_value());
}

void insert_all(Database& db, std::int64_t at) {
  for (const JobText& job : kJobs) insert_job(db, job.id, job.title, job.description, at);
}

// A stand-in for a provider's embedding model: 4 dimensions from text length and letters.
similar::Embedder fake_provider(int* calls) {
  similar::Embedder embedder;
  embedder.model = "test/fake-embed";
  embedder.dim = 4;
  embedder.batch_size = 2;
  embedder.embed = [calls](const std::vector<std::string>& texts) -> Result<std::vector<std::vector<float>>> {
    ++*calls;
    std::vector<std::vector<float>> out;
    for (const std::string& t : texts) {
      std::vector<float> v{static_cast<float>(t.size()), static_cast<float>(t[0]), 1.0F, 2.0F};
      const float norm = std::sqrt(joblens::embed::dot(v.data(), v.data(), 4));
      for (float& x : v) x /= norm;
      out.push_back(v);
    }
    return out;
  };
  return embedder;
}

}  // namespace

TEST_CASE("similar store: vectors round-trip through little-endian blobs") {
  const std::vector<float> v{1.5F, -0.25F, 0.0F, 3.0e-8F};
  const std::string bytes = similar::encode_vector(v);
  REQUIRE(bytes.size() == 16);
  CHECK(static_cast<unsigned char>(bytes[0]) == 0x00);  // 1.5f is 0x3FC00000: low byte first
  CHECK(static_cast<unsigned char>(bytes[3]) == 0x3F);
  std::vector<float> back(4);
  REQUIRE(similar::decode_vector(bytes, 4, back.data()));
  CHECK(back == v);
  CHECK_FALSE(similar::decode_vector(bytes, 5, back.data()));

  HostFixture host;
  Database& db = *host.app.db;
  REQUIRE_FALSE(similar::put_embedding(db, "j1", "m", v, "abc", 5).has_value());
  auto stored = similar::get_embedding(db, "j1", "m", 4);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK(**stored == v);
  CHECK_FALSE(similar::get_embedding(db, "j1", "m", 8)->has_value());  // another dimension
  CHECK_FALSE(similar::get_embedding(db, "j2", "m", 4)->has_value());
  // The hash is of "title\ndescription": 16 hex digits, changed by any edit.
  CHECK(similar::source_hash("Nurse", "Care").size() == 16);
  CHECK(similar::source_hash("Nurse", "Care") != similar::source_hash("Nurse", "Care."));
}

TEST_CASE("similar store: missing, edited and re-modelled postings are embedded, unchanged ones are not") {
  HostFixture host;
  Database& db = *host.app.db;
  insert_all(db, 100);

  auto first = similar::ensure_hashed_embeddings(db, 200, 5);  // bounded: 5 of 9
  REQUIRE(first.ok());
  CHECK(first->embedded == 5);
  CHECK_FALSE(first->complete);
  auto rest = similar::ensure_hashed_embeddings(db, 200, 100);
  REQUIRE(rest.ok());
  CHECK(rest->embedded == 4);
  CHECK(rest->complete);
  CHECK(*similar::count_embeddings(db, joblens::embed::kHashedModel, joblens::embed::kHashedDim) == 9);
  CHECK(similar::ensure_hashed_embeddings(db, 201, 100)->embedded == 0);  // nothing changed

  // Seen again with the same text: re-stamped, not re-embedded. Edited: embedded again.
  insert_job(db, "de1", "Data Engineer", kJobs[0].description, 300);
  insert_job(db, "rn1", "Registered Nurse, ICU", "Completely different text about pallets and forklifts.",
             300);
  auto before = similar::get_embedding(db, "rn1", joblens::embed::kHashedModel, joblens::embed::kHashedDim);
  auto again = similar::ensure_hashed_embeddings(db, 400, 100);
  REQUIRE(again.ok());
  CHECK(again->embedded == 1);
  CHECK(again->unchanged == 1);
  auto after = similar::get_embedding(db, "rn1", joblens::embed::kHashedModel, joblens::embed::kHashedDim);
  CHECK(**before != **after);
  CHECK(similar::ensure_hashed_embeddings(db, 401, 100)->embedded == 0);

  // Another model: every job is embedded for it, in batches; the hashed vectors stay.
  int calls = 0;
  auto provider = similar::ensure_embeddings(db, fake_provider(&calls), 500, 100);
  REQUIRE(provider.ok());
  CHECK(provider->embedded == 9);
  CHECK(calls == 5);  // batches of 2
  CHECK(*similar::count_embeddings(db, "test/fake-embed", 4) == 9);
  CHECK(*similar::count_embeddings(db, joblens::embed::kHashedModel, joblens::embed::kHashedDim) == 9);
}

TEST_CASE("similar store: a failing or malformed embedder is an error, and nothing is written") {
  HostFixture host;
  Database& db = *host.app.db;
  insert_all(db, 100);
  similar::Embedder failing;
  failing.model = "test/failing";
  failing.dim = 4;
  failing.embed = [](const std::vector<std::string>&) -> Result<std::vector<std::vector<float>>> {
    return joblens::make_error(ErrorCode::provider_error, "refused");
  };
  auto result = similar::ensure_embeddings(db, failing, 200, 100);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::provider_error);
  similar::Embedder wrong_size = failing;
  wrong_size.embed = [](const std::vector<std::string>& texts) -> Result<std::vector<std::vector<float>>> {
    return std::vector<std::vector<float>>(texts.size(), std::vector<float>(3, 0.5F));
  };
  auto malformed = similar::ensure_embeddings(db, wrong_size, 200, 100);
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.error().code == ErrorCode::internal);
  CHECK(*similar::count_embeddings(db, "test/failing", 4) == 0);
}

TEST_CASE("similar index: hnswlib answers like exact search, grows point by point, never returns the query") {
  similar::VectorIndex index("m", joblens::embed::kHashedDim);
  std::vector<std::vector<float>> vectors;
  for (const JobText& job : kJobs) {
    vectors.push_back(joblens::embed::embed_posting(job.title, job.description));
    index.upsert(job.id, vectors.back().data());
  }
  auto exact = index.search(vectors[0].data(), 2, "de1");
  CHECK(exact.method == similar::SearchMethod::exact);
  CHECK(exact.searched == 9);
  REQUIRE(exact.neighbours.size() == 2);
  CHECK(exact.neighbours[0].job_id.substr(0, 2) == "de");
  CHECK(exact.neighbours[1].job_id.substr(0, 2) == "de");
  CHECK(exact.neighbours[0].similarity >= exact.neighbours[1].similarity);

  REQUIRE(index.build_ann_if_due(1000));
  CHECK_FALSE(index.has_ann());  // below the threshold: no graph
  REQUIRE(index.build_ann_if_due(0, 2));
  REQUIRE(index.has_ann());
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    auto ann = index.search(vectors[i].data(), 3, kJobs[i].id);
    auto truth = index.search_exact(vectors[i].data(), 3, kJobs[i].id);
    CHECK(ann.method == similar::SearchMethod::ann);
    REQUIRE(ann.neighbours.size() == 3);
    for (std::size_t r = 0; r < 3; ++r) {
      CHECK(ann.neighbours[r].job_id == truth.neighbours[r].job_id);  // 9 points: the graph is exact
      CHECK(ann.neighbours[r].job_id != kJobs[i].id);
      CHECK(std::abs(ann.neighbours[r].similarity - truth.neighbours[r].similarity) < 1e-4F);
    }
  }
  // Added after the graph was built: found by the graph.
  const auto added =
      joblens::embed::embed_posting("Data Engineer", "Spark and Airflow data pipelines in Python.");
  index.upsert("de4", added.data());
  CHECK(index.size() == 10);
  auto found = index.search(vectors[0].data(), 9, "de1");
  bool has_new = false;
  for (const auto& n : found.neighbours) has_new = has_new || n.job_id == "de4";
  CHECK(has_new);
  // Replaced in place: same size, new vector.
  index.upsert("de4", vectors[3].data());
  CHECK(index.size() == 10);
  CHECK(index.search(vectors[3].data(), 1, "rn1").neighbours[0].job_id == "de4");
}

TEST_CASE("jobs.similar: neighbours of the same role, scores, never itself, errors") {
  HostFixture host;
  insert_all(*host.app.db, 100);
  const json result = host.ok("jobs.similar", {{"id", "rn2"}, {"limit", 2}});
  CHECK(result["model"] == "joblens-hash-v1");
  CHECK(result["method"] == "exact");
  CHECK(result["count"] == 9);
  REQUIRE(result["jobs"].size() == 2);
  for (const json& job : result["jobs"]) {
    CHECK(job["job_id"].get<std::string>().substr(0, 2) == "rn");
    CHECK(job["company"] == "Acme");
    CHECK(job["location"] == "Berlin");
    const double score = job["score"].get<double>();
    CHECK(score > 0.0);
    CHECK(score <= 100.0);
    CHECK(std::abs(score * 10 - std::round(score * 10)) < 1e-6);  // one decimal
  }
  CHECK(result["jobs"][0]["score"].get<double>() >= result["jobs"][1]["score"].get<double>());
  REQUIRE(host.app.context->similar_state != nullptr);  // the index is kept for the next call

  const json all = host.ok("jobs.similar", {{"id", "wh1"}});  // default limit 10: all 8 others
  CHECK(all["jobs"].size() == 8);
  for (const json& job : all["jobs"]) CHECK(job["job_id"] != "wh1");

  CHECK(host.error_code("jobs.similar", {{"id", "nope"}}) == code(ErrorCode::not_found));
  CHECK(host.error_code("jobs.similar", {{"id", "rn1"}, {"limit", 0}}) == code(ErrorCode::invalid_value));
  CHECK(host.error_code("jobs.similar", {{"id", "rn1"}, {"limit", 51}}) == code(ErrorCode::invalid_value));
  CHECK(host.error_code("jobs.similar", json::object()) == code(ErrorCode::missing_field));
}

TEST_CASE("jobs.similar: new and edited postings are seen by the kept index; deleted ones are skipped") {
  HostFixture host;
  Database& db = *host.app.db;
  insert_all(db, host.clock++);
  CHECK(host.ok("jobs.similar", {{"id", "de1"}, {"limit", 1}})["jobs"][0]["job_id"].get<std::string>().substr(
            0, 2) == "de");
  // A new nurse posting, and de2 rewritten as a nurse posting: both now neighbours of rn1. Stamped by
  // the host's clock, as jobs.upsert stamps them: a job changed after its vector was written.
  insert_job(db, "rn4", "Registered Nurse", "Patient care and medication administration on the ward.",
             host.clock++);
  insert_job(db, "de2", "ICU Nurse", "Provide patient care, administer medications, monitor vital signs.",
             host.clock++);
  const json result = host.ok("jobs.similar", {{"id", "rn1"}, {"limit", 4}});
  CHECK(result["count"] == 10);
  std::vector<std::string> ids;
  for (const json& job : result["jobs"]) ids.push_back(job["job_id"]);
  CHECK(std::find(ids.begin(), ids.end(), "rn4") != ids.end());
  INFO(result.dump());
  CHECK(std::find(ids.begin(), ids.end(), "de2") != ids.end());
  // A job deleted after it was embedded is not returned.
  REQUIRE_FALSE(db.exec("DELETE FROM jobs WHERE id = 'rn4'").has_value());
  const json later = host.ok("jobs.similar", {{"id", "rn1"}, {"limit", 10}});
  for (const json& job : later["jobs"]) CHECK(job["job_id"] != "rn4");
  CHECK(later["jobs"].size() == 8);
}

TEST_CASE("similar jobs: switching the embedder searches that model's vectors only") {
  HostFixture host;
  Database& db = *host.app.db;
  insert_all(db, 100);
  similar::SimilarJobs jobs;
  REQUIRE_FALSE(jobs.refresh(db, 200).has_value());
  REQUIRE(jobs.index() != nullptr);
  CHECK(jobs.index()->model() == "joblens-hash-v1");
  CHECK(jobs.index()->size() == 9);
  int calls = 0;
  jobs.set_embedder(fake_provider(&calls));
  CHECK(jobs.index() == nullptr);  // dropped: rebuilt for the new model
  auto found = jobs.similar_to(db, "de1", 3, 300);
  REQUIRE(found.ok());
  CHECK(calls > 0);
  REQUIRE(jobs.index() != nullptr);
  CHECK(jobs.index()->model() == "test/fake-embed");
  CHECK(jobs.index()->dim() == 4);
  CHECK(found->neighbours.size() == 3);
  CHECK(found->searched == 9);
}
