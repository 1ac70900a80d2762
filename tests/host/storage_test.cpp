// Storage: migrations from every earlier schema version keep the data, a newer database is refused,
// two connections share the database through the busy timeout, and CSV round-trips.
#include <doctest/doctest.h>

#include <optional>
#include <thread>

#include "native-host/storage/schema.hpp"
#include "native-host/transfer/csv.hpp"
#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

using nlohmann::json;
using storage::Database;

namespace {

void exec_ok(Database& db, const std::string& sql) {
  auto error = db.exec(sql);
  INFO(sql);
  REQUIRE_MESSAGE(!error, (error ? error->message : ""));
}

// Rows a person would have at each version, written with that version's schema.
void seed(Database& db, int version) {
  if (version >= 1) {
    exec_ok(db, R"(INSERT INTO profiles VALUES (1, '{"skills":[{"name":"Python"}]}', 1))");
    exec_ok(
        db,
        "INSERT INTO jobs (id, title, first_seen, last_seen, updated_at) VALUES ('j1', 'Engineer', 1, 1, 1)");
    exec_ok(db, "INSERT INTO settings VALUES ('filters.min_score', '60', 1)");
  }
  if (version >= 2) {
    exec_ok(db,
            "INSERT INTO applications (id, job_id, status, created_at, updated_at) VALUES ('a1', 'j1', "
            "'applied', 1, 1)");
    exec_ok(db, "INSERT INTO application_status (application_id, status, at) VALUES ('a1', 'applied', 1)");
  }
  if (version >= 3) exec_ok(db, "INSERT INTO selector_reports VALUES ('E4', 'title', 0, 3, 1, 1)");
}

}  // namespace

TEST_CASE("migrations run from every earlier version and keep the data") {
  const int latest = storage::latest_schema_version();
  CHECK(latest == static_cast<int>(storage::migrations().size()));
  for (int from = 0; from < latest; ++from) {
    CAPTURE(from);
    TempDir dir;
    const std::string path = dir.path + "/joblens.db";
    {
      auto db = Database::open(path);
      REQUIRE(db.ok());
      REQUIRE_FALSE(storage::migrate(*db, from));
      CHECK(*storage::schema_version(*db) == from);
      seed(*db, from);
    }
    auto app = open_host(path, protocol::kMaxOutboundFrame);  // what a newer host does on start
    REQUIRE(app.ok());
    CHECK(*storage::schema_version(*app->db) == latest);
    Dispatcher& d = *app->dispatcher;
    if (from >= 1) {
      CHECK((*d.call("profile.get", json::object()))["version"] == 1);
      CHECK((*d.call("jobs.get", {{"ids", {"j1"}}}))["jobs"][0]["title"] == "Engineer");
      CHECK((*d.call("settings.get", json::object()))["settings"]["filters.min_score"] == 60);
    }
    if (from >= 2) {
      const auto got = d.call("applications.get", {{"id", "a1"}});
      REQUIRE(got.ok());
      CHECK((*got)["application"]["history"].size() == 1);
    }
    if (from >= 3) CHECK((*d.call("selectors.health", json::object()))["fields"][0]["steps"][0]["hits"] == 3);
    // Every table of the latest schema is usable after the upgrade.
    CHECK(d.call("applications.create", {{"job_id", "j1"}}).ok());
    CHECK(
        d.call("selectors.report", {{"layout", "E1"}, {"fields", {{{"field", "title"}, {"step", 0}}}}}).ok());
    exec_ok(*app->db,
            "INSERT INTO llm_usage (at, feature, provider, model) VALUES (1, 'analysis', 'p', 'm')");
    exec_ok(*app->db, "INSERT INTO cache VALUES ('llm', 'k', 'v', 1, 2)");
  }
}

TEST_CASE("a database from a newer JobLens is refused with a clear error, not damaged") {
  TempDir dir;
  const std::string path = dir.path + "/joblens.db";
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    REQUIRE_FALSE(storage::migrate(*db));
    exec_ok(*db, "PRAGMA user_version=" + std::to_string(storage::latest_schema_version() + 1));
  }
  auto app = open_host(path, protocol::kMaxOutboundFrame);
  REQUIRE_FALSE(app.ok());
  CHECK(app.error().code == ErrorCode::schema_too_new);
  CHECK(app.error().message.find("update JobLens") != std::string::npos);
}

TEST_CASE("a writer waits for another connection's transaction instead of failing") {
  TempDir dir;
  const std::string path = dir.path + "/joblens.db";
  auto first = Database::open(path);
  auto second = Database::open(path);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE_FALSE(storage::migrate(*first));
  auto held = storage::Transaction::begin(*first);
  REQUIRE(held.ok());
  exec_ok(*first, "INSERT INTO settings VALUES ('a', '1', 1)");
  std::thread release([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE((*held)->commit());
  });
  auto waited = storage::Transaction::begin(*second);  // blocks on the busy timeout, then succeeds
  release.join();
  REQUIRE(waited.ok());
  exec_ok(*second, "INSERT INTO settings VALUES ('b', '2', 1)");
  CHECK_FALSE((*waited)->commit());

  // With no busy timeout the same wait is a coded storage_busy error, never a crash.
  auto impatient = Database::open(path, {.busy_timeout_ms = 0, .read_only = false});
  REQUIRE(impatient.ok());
  auto holding = storage::Transaction::begin(*first);
  REQUIRE(holding.ok());
  auto refused = storage::Transaction::begin(*impatient);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::storage_busy);
}

TEST_CASE("two connections opening the same new database together both open it") {
  // Turning a new file to WAL could answer 'database is locked' at once, without the busy timeout's
  // wait, when another connection was turning the same file to WAL (two hosts starting together). A
  // race: 400 new files, each opened from two threads at the same moment.
  TempDir dir;
  int failures = 0;
  std::string first_failure;
  for (int round = 0; round < 400; ++round) {
    const std::string path = dir.path + "/race" + std::to_string(round) + ".db";
    std::optional<Error> other;
    std::thread racer([&] {
      auto db = Database::open(path);
      if (!db.ok()) other = db.error();
    });
    auto db = Database::open(path);
    racer.join();
    if (!db.ok()) other = db.error();
    if (other && failures++ == 0) first_failure = other->message;
  }
  CHECK_MESSAGE(failures == 0, first_failure);
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
  TempDir dir;
  auto db = Database::open(dir.path + "/joblens.db");
  REQUIRE(db.ok());
  REQUIRE_FALSE(storage::migrate(*db));
  {
    auto tx = storage::Transaction::begin(*db);
    REQUIRE(tx.ok());
    exec_ok(*db, "INSERT INTO settings VALUES ('gone', '1', 1)");
  }  // destroyed without commit: rolled back
  auto stmt = db->prepare("SELECT count(*) FROM settings");
  REQUIRE(stmt.ok());
  REQUIRE(*(*stmt)->step());
  CHECK((*stmt)->int64(0) == 0);
}

TEST_CASE("CSV: quoting, formulas, CRLF and BOM round-trip; an open quote is an error") {
  std::string text;
  transfer::append_csv_row(text, {"plain", "with, comma", "with \"quote\"", "two\nlines", "=SUM(A1)", ""});
  CHECK(text == "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\"'=SUM(A1)\",\r\n");
  auto rows = transfer::parse_csv("\xEF\xBB\xBF" + text + "a,b\r\n");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0][3] == "two\nlines");
  CHECK((*rows)[0][4] == "'=SUM(A1)");  // the guard is removed by the importer, which knows the columns
  CHECK((*rows)[0].size() == 6);
  CHECK((*rows)[1] == transfer::CsvRow{"a", "b"});
  auto open = transfer::parse_csv("a,b\n\"never closed,\nx");
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().message.find("line 2") != std::string::npos);
}

}  // namespace joblens::host::testing
