// Every message type through the dispatcher, without pipes: replies, coded errors, and what was stored.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "native-host/dispatch/dispatcher.hpp"
#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

using nlohmann::json;

namespace {

json example_profile() {
  std::ifstream in(std::string(JOBLENS_SOURCE_DIR) + "/examples/profile.json");
  return json::parse(in);
}

std::vector<json> example_jobs() {
  std::ifstream in(std::string(JOBLENS_SOURCE_DIR) + "/examples/jobs.jsonl");
  std::vector<json> jobs;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) jobs.push_back(json::parse(line));
  }
  return jobs;
}

}  // namespace

TEST_CASE("hello names the version, the schema and every message type") {
  HostFixture host;
  const json hello = host.ok("hello", {{"client", "test"}});
  CHECK(hello["name"] == "joblens-host");
  CHECK(hello["schema_version"] == 6);
  CHECK(hello["max_frame_bytes"] == 1048576);
  for (const Route& route : all_routes()) {
    CHECK(std::find(hello["capabilities"].begin(), hello["capabilities"].end(), route.type) !=
          hello["capabilities"].end());
  }
}

TEST_CASE("bad envelopes and arguments are coded errors that name the problem") {
  HostFixture host;
  CHECK(host.send_raw("")["error"]["code"] == code(ErrorCode::empty_input));
  CHECK(host.send_raw("{not json")["error"]["code"] == code(ErrorCode::invalid_json));
  CHECK(host.send_raw("{\"id\":1,\"type\":\"hello\",\"x\":\"\xc3\x28\"}")["error"]["code"] ==
        code(ErrorCode::invalid_utf8));
  CHECK(host.send_raw(std::string(10000, '[') + std::string(10000, ']'))["error"]["code"] ==
        code(ErrorCode::invalid_json));
  CHECK(host.send_raw(R"({"type":"hello"})")["error"]["code"] == code(ErrorCode::missing_field));

  const json unknown = host.send({{"id", "u1"}, {"type", "jobs.delete_everything"}});
  CHECK(unknown["id"] == "u1");
  CHECK(unknown["error"]["code"] == code(ErrorCode::unknown_type));

  const json wrong = host.send({{"id", 2}, {"type", "jobs.upsert"}, {"args", {{"jobs", "many"}}}});
  CHECK(wrong["error"]["code"] == code(ErrorCode::wrong_type));
  CHECK(wrong["error"]["message"] == "jobs.upsert: args.jobs must be an array, not string");
  CHECK(host.error_code("applications.get") == code(ErrorCode::missing_field));
  CHECK(host.error_code("applications.list", {{"limit", 0}}) == code(ErrorCode::invalid_value));
}

TEST_CASE("profile.put keeps every version and refuses a stale editor") {
  HostFixture host;
  CHECK(host.ok("profile.get")["profile"].is_null());
  json profile = example_profile();
  CHECK(host.ok("profile.put", {{"profile", profile}})["version"] == 1);
  profile["headline"] = "Senior Data Engineer";
  CHECK(host.ok("profile.put", {{"profile", profile}, {"base_version", 1}})["version"] == 2);
  CHECK(host.error_code("profile.put", {{"profile", profile}, {"base_version", 1}}) ==
        code(ErrorCode::conflict));
  const json got = host.ok("profile.get");
  CHECK(got["version"] == 2);
  CHECK(got["profile"]["headline"] == "Senior Data Engineer");
  CHECK(host.error_code("profile.put", {{"profile", {{"skills", "python"}}}}) == code(ErrorCode::wrong_type));
}

TEST_CASE("an editor that sends back a stale version never gets stale scores") {
  HostFixture host;
  const json job = example_jobs()[0];
  host.ok("jobs.upsert", {{"jobs", {job}}});
  host.ok("profile.put", {{"profile", example_profile()}});
  const json before = host.ok("score", {{"ids", {job["id"]}}})["results"][0];
  json edited = host.ok("profile.get")["profile"];  // carries the version the host stored
  edited["skills"] = json::array({{{"name", "COBOL"}}});
  host.ok("profile.put", {{"profile", edited}});
  const json after = host.ok("score", {{"ids", {job["id"]}}})["results"][0];
  CHECK(after["score"] < before["score"]);
  INFO(after.dump());
  for (const json& skill : after["matched_skills"]) {  // only the spoken languages still match
    CHECK((skill == "English" || skill == "Portuguese"));
  }

  // Scoring a job sent in the message never replaces the stored job's stored score.
  host.ok("applications.create", {{"job_id", job["id"]}, {"status", "applied"}});
  const double average = host.ok("stats")["average_applied_score"];
  host.ok("score", {{"jobs", {{{"id", job["id"]}, {"title", "x"}}}}});
  CHECK(host.ok("stats")["average_applied_score"] == average);
  CHECK(host.error_code("score") == code(ErrorCode::missing_field));
}

TEST_CASE("jobs.upsert stores all fields, merges later sightings, and rejects a bad batch whole") {
  HostFixture host;
  json card{{"id", "42"},
            {"title", "Data Engineer"},
            {"company", "Acme"},
            {"promoted", true},
            {"easy_apply", true}};
  CHECK(host.ok("jobs.upsert", {{"jobs", {card}}, {"layout", "E4"}}) ==
        json{{"inserted", 1}, {"updated", 0}});
  json detail{{"id", "42"},
              {"title", "Data Engineer"},
              {"description", "We use Python and Airflow."},
              {"applicants", 12}};
  CHECK(host.ok("jobs.upsert", {{"jobs", {detail}}}) == json{{"inserted", 0}, {"updated", 1}});
  // A later card (no description) never erases the description.
  CHECK(host.ok("jobs.upsert", {{"jobs", {card}}})["updated"] == 1);

  const json got = host.ok("jobs.get", {{"ids", {"42", "404"}}});
  REQUIRE(got["jobs"].size() == 1);
  const json& job = got["jobs"][0];
  CHECK(job["description"] == "We use Python and Airflow.");
  CHECK(job["company"] == "Acme");
  CHECK(job["layout"] == "E4");
  CHECK(job["promoted"] == true);
  CHECK(job["applicants"] == 12);
  CHECK(job["first_seen"].get<std::int64_t>() < job["last_seen"].get<std::int64_t>());
  CHECK(got["missing"] == json{"404"});

  const json bad =
      host.send({{"id", 1},
                 {"type", "jobs.upsert"},
                 {"args", {{"jobs", {{{"id", "43"}, {"title", "ok"}}, {{"id", "44"}, {"title", 5}}}}}}});
  CHECK(bad["error"]["code"] == code(ErrorCode::wrong_type));
  CHECK(bad["error"]["message"].get<std::string>().rfind("jobs[1]:", 0) == 0);
  CHECK(host.ok("jobs.get", {{"ids", {"43"}}})["missing"] == json{"43"});  // the good job did not land alone

  CHECK_FALSE(job.contains("url"));  // never confused with another column
  host.ok("jobs.upsert",
          {{"jobs", {{{"id", "42"}, {"title", "Data Engineer"}, {"url", "https://x.test/42"}}}}});
  CHECK(host.ok("jobs.get", {{"ids", {"42"}}})["jobs"][0]["url"] == "https://x.test/42");
}

TEST_CASE("list pages never skip rows that share a timestamp") {
  HostFixture host;
  json batch = json::array();
  for (int i = 0; i < 5; ++i)
    batch.push_back({{"id", std::string("j").append(std::to_string(i))}, {"title", "t"}});
  host.ok("jobs.upsert", {{"jobs", batch}});  // one batch: one last_seen for all five
  std::set<std::string> seen;
  json args{{"limit", 2}};
  for (int page = 0; page < 5; ++page) {
    const json listed = host.ok("jobs.list", args);
    for (const json& j : listed["jobs"]) seen.insert(j["id"].get<std::string>());
    if (listed["next_cursor"].is_null()) break;
    args["cursor"] = listed["next_cursor"];
  }
  CHECK(seen.size() == 5);
  CHECK(host.error_code("jobs.list", {{"cursor", "yesterday"}}) == code(ErrorCode::invalid_value));
}

TEST_CASE("score uses the stored profile, sent or stored jobs, and stores the results") {
  HostFixture host;
  const std::vector<json> jobs = example_jobs();
  CHECK(host.error_code("score", {{"jobs", {jobs[0]}}}) == code(ErrorCode::not_found));  // no profile yet
  host.ok("profile.put", {{"profile", example_profile()}});
  host.ok("jobs.upsert", {{"jobs", {jobs[0], jobs[1]}}});
  const json by_id = host.ok("score", {{"ids", {jobs[0]["id"], jobs[1]["id"]}}});
  REQUIRE(by_id["results"].size() == 2);
  CHECK(by_id["profile_version"] == 1);
  const json sent = host.ok("score", {{"jobs", {jobs[0]}}});
  CHECK(sent["results"][0]["score"] == by_id["results"][0]["score"]);
  CHECK(by_id["results"][0]["matched_skills"].size() > 0);

  json preview = example_profile();
  preview["skills"] = json::array();
  const json previewed = host.ok("score", {{"jobs", {jobs[0]}}, {"profile", preview}});
  CHECK(previewed["profile_version"].is_null());
  CHECK(previewed["results"][0]["score"] < by_id["results"][0]["score"]);
  CHECK(host.error_code("score", {{"ids", {"no-such-job"}}}) == code(ErrorCode::not_found));
}

TEST_CASE("applications: create is idempotent by id, updates keep a status history, list filters") {
  HostFixture host;
  host.ok("jobs.upsert", {{"jobs",
                           {{{"id", "1"}, {"title", "Data Engineer"}, {"company", "Acme"}},
                            {{"id", "2"}, {"title", "Analyst"}, {"company", "Globex"}}}}});
  const json first = host.ok("applications.create", {{"id", "app-1"}, {"job_id", "1"}, {"status", "saved"}});
  CHECK(first["created"] == true);
  CHECK(first["application"]["company"] == "Acme");
  CHECK(host.ok("applications.create", {{"id", "app-1"}, {"job_id", "1"}})["created"] == false);
  host.ok("applications.create", {{"id", "app-2"}, {"job_id", "2"}, {"status", "applied"}});
  CHECK(host.error_code("applications.create", {{"job_id", "1"}, {"status", "hired"}}) ==
        code(ErrorCode::invalid_value));

  host.ok("applications.update",
          {{"id", "app-1"}, {"status", "applied"}, {"answers", {{{"q", "Years?"}, {"a", "5"}}}}});
  host.ok("applications.update", {{"id", "app-1"}, {"status", "interviewing"}, {"note", "call on Monday"}});
  const json got = host.ok("applications.get", {{"id", "app-1"}})["application"];
  CHECK(got["status"] == "interviewing");
  CHECK(got["answers"][0]["a"] == "5");
  REQUIRE(got["history"].size() == 3);
  CHECK(got["history"][0]["status"] == "saved");
  CHECK(got["history"][2]["note"] == "call on Monday");
  CHECK(host.error_code("applications.update", {{"id", "nope"}, {"status", "offer"}}) ==
        code(ErrorCode::not_found));

  CHECK(host.ok("applications.list", {{"status", "interviewing"}})["applications"].size() == 1);
  CHECK(host.ok("applications.list", {{"status", {"applied", "interviewing"}}})["applications"].size() == 2);
  CHECK(host.ok("applications.list", {{"company", "glob"}})["applications"][0]["id"] == "app-2");
  const json page = host.ok("applications.list", {{"limit", 1}});
  CHECK(page["applications"].size() == 1);
  const json rest = host.ok("applications.list", {{"limit", 1}, {"cursor", page["next_cursor"]}});
  CHECK(rest["applications"][0]["id"] != page["applications"][0]["id"]);

  const json stats = host.ok("stats");
  CHECK(stats["jobs_seen"] == 2);
  CHECK(stats["applications"]["interviewing"] == 1);
  CHECK(stats["applied"] == 2);
  CHECK(stats["answered"] == 1);
  CHECK(stats["response_rate"] == 0.5);
}

TEST_CASE("settings and selector health round-trip") {
  HostFixture host;
  host.ok("settings.put", {{"settings", {{"filters.min_score", 60}, {"filters.blocked", {"Globex"}}}}});
  CHECK(host.ok("settings.get")["settings"]["filters.min_score"] == 60);
  CHECK(host.ok("settings.get", {{"keys", {"filters.blocked"}}})["settings"] ==
        json{{"filters.blocked", {"Globex"}}});
  CHECK(host.ok("settings.put",
                {{"settings", {{"filters.min_score", nullptr}, {"never.set", nullptr}}}})["updated"] == 1);
  CHECK_FALSE(host.ok("settings.get")["settings"].contains("filters.min_score"));
  CHECK(host.error_code("settings.put", {{"settings", {{"Bad Key!", 1}}}}) == code(ErrorCode::invalid_value));

  for (int i = 0; i < 3; ++i) {
    host.ok(
        "selectors.report",
        {{"layout", "E4"},
         {"fields", {{{"field", "title"}, {"step", i == 2 ? 1 : 0}}, {{"field", "salary"}, {"step", -1}}}}});
  }
  const json health = host.ok("selectors.health", {{"layout", "E4"}})["fields"];
  REQUIRE(health.size() == 2);
  CHECK(health[0]["field"] == "salary");
  CHECK(health[0]["failures"] == 3);
  CHECK(health[1]["first_choice_rate"].get<double>() == doctest::Approx(2.0 / 3.0));
  CHECK(host.error_code("selectors.report", {{"layout", "E4"}, {"fields", {{{"field", "x"}}}}}) ==
        code(ErrorCode::invalid_value));
}

TEST_CASE("export pages stay under the frame limit; import restores them in JSON and CSV") {
  HostFixture source;
  json jobs = json::array();
  const std::string description(20000, 'x');  // 20 KB each: 100 jobs need several pages
  for (int i = 0; i < 100; ++i) {
    jobs.push_back({{"id", "job-" + std::to_string(1000 + i)},
                    {"title", "=HYPERLINK(\"evil\")"},
                    {"company", "Acme, Inc."},
                    {"description", description}});
  }
  source.ok("jobs.upsert", {{"jobs", jobs}});
  source.ok(
      "applications.create",
      {{"id", "app-1"}, {"job_id", "job-1000"}, {"status", "applied"}, {"notes", "line one\nline \"two\""}});
  source.ok("applications.update", {{"id", "app-1"}, {"status", "offer"}});

  json all = json::array();
  std::string after;
  int pages = 0;
  for (;; ++pages) {
    json args{{"format", "json"}, {"what", "jobs"}, {"limit", 1000}};
    if (!after.empty()) args["after"] = after;
    const json reply = source.send({{"id", 1}, {"type", "export"}, {"args", args}});
    CHECK(reply.dump().size() < protocol::kMaxOutboundFrame);
    for (const json& row : reply["result"]["data"]) all.push_back(row);
    if (reply["result"]["next_after"].is_null()) break;
    after = reply["result"]["next_after"];
  }
  CHECK(pages >= 2);
  CHECK(all.size() == 100);

  const json csv = source.ok("export", {{"format", "csv"}, {"what", "applications"}});
  const std::string text = csv["data"];
  CHECK(text.find("\"line one\nline \"\"two\"\"\"") != std::string::npos);
  const json apps = source.ok("export", {{"format", "json"}, {"what", "applications"}})["data"];
  CHECK(apps[0]["history"].size() == 2);

  HostFixture target;
  CHECK(target.ok("import", {{"format", "json"}, {"what", "jobs"}, {"data", all}})["imported"] == 100);
  CHECK(target.ok("import", {{"format", "json"}, {"what", "applications"}, {"data", apps}})["imported"] == 1);
  const json restored = target.ok("applications.get", {{"id", "app-1"}})["application"];
  CHECK(restored["status"] == "offer");
  CHECK(restored["history"].size() == 2);
  CHECK(restored["notes"] == "line one\nline \"two\"");

  HostFixture from_csv;
  const json jobs_csv = source.ok("export", {{"format", "csv"}, {"what", "jobs"}, {"limit", 10}});
  CHECK(jobs_csv["data"].get<std::string>().find("\"'=HYPERLINK(\"\"evil\"\")\"") != std::string::npos);
  CHECK(from_csv.ok("import",
                    {{"format", "csv"}, {"what", "jobs"}, {"data", jobs_csv["data"]}})["imported"] == 10);
  CHECK(from_csv.ok("jobs.get", {{"ids", {"job-1000"}}})["jobs"][0]["title"] == "=HYPERLINK(\"evil\")");
  CHECK(from_csv.ok("import", {{"format", "csv"}, {"what", "applications"}, {"data", text}})["imported"] ==
        1);
  CHECK(from_csv.ok("applications.get", {{"id", "app-1"}})["application"]["status"] == "offer");

  CHECK(target.error_code("import", {{"format", "csv"}, {"what", "jobs"}, {"data", "id,title\n\"open"}}) ==
        code(ErrorCode::invalid_value));
  CHECK(target.error_code("import", {{"format", "xml"}, {"what", "jobs"}, {"data", "<x/>"}}) ==
        code(ErrorCode::invalid_value));
}

TEST_CASE("import keeps the newer of two copies of an application") {
  HostFixture host;
  const json newer{{"id", "app-9"}, {"job_id", "9"}, {"status", "offer"}, {"updated_at", 2000}};
  const json older{{"id", "app-9"}, {"job_id", "9"}, {"status", "applied"}, {"updated_at", 1000}};
  host.ok("import", {{"format", "json"}, {"what", "applications"}, {"data", {newer}}});
  json older_with_history = older;
  older_with_history["history"] = {{{"status", "rejected"}, {"at", 1500}}};
  CHECK(host.ok("import",
                {{"format", "json"}, {"what", "applications"}, {"data", {older_with_history}}})["imported"] ==
        0);
  const json kept = host.ok("applications.get", {{"id", "app-9"}})["application"];
  CHECK(kept["status"] == "offer");
  CHECK(kept["history"].size() == 1);  // the older copy's history did not leak in
}

TEST_CASE("backup writes a consistent copy that opens with the same data") {
  HostFixture host;
  host.ok("jobs.upsert", {{"jobs", {{{"id", "1"}, {"title", "Engineer"}}}}});
  const std::string copy = host.dir.path + "/backup.db";
  const json result = host.ok("backup", {{"path", copy}});
  CHECK(result["bytes"].get<std::int64_t>() > 0);
  CHECK(host.error_code("backup", {{"path", copy}}) ==
        code(ErrorCode::invalid_value));  // no silent overwrite
  CHECK(host.error_code("backup", {{"path", "relative.db"}}) == code(ErrorCode::invalid_value));
  CHECK(host.error_code("backup", {{"path", host.dir.path + "/no/such/folder/b.db"}}) ==
        code(ErrorCode::io_error));

  auto reopened = open_host(copy, protocol::kMaxOutboundFrame);
  REQUIRE(reopened.ok());
  Dispatcher& d = *reopened->dispatcher;
  auto got = d.call("jobs.get", {{"ids", {"1"}}});
  REQUIRE(got.ok());
  CHECK((*got)["jobs"][0]["title"] == "Engineer");
}

TEST_CASE("a reply over the frame limit becomes a coded error asking for a smaller page") {
  HostFixture host(/*max_reply=*/4096);
  json jobs = json::array();
  for (int i = 0; i < 5; ++i)
    jobs.push_back({{"id", std::to_string(i)}, {"title", "t"}, {"description", std::string(2000, 'd')}});
  host.ok("jobs.upsert", {{"jobs", jobs}});
  CHECK(host.error_code("jobs.list", {{"limit", 5}}) == code(ErrorCode::too_large));
}

}  // namespace joblens::host::testing
