// Provider embeddings for similar jobs (llm.embeddings): computed by the jobs.embed task against the
// local test server, used by jobs.similar once stored, and computed again when the model changes.
// Until then jobs.similar answers from the core's hashed embedding, without waiting on the network.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "tests/host/host_fixture.hpp"
#include "tests/support/llm_test_server.hpp"

namespace joblens::host::testing {

namespace {

using nlohmann::json;
using joblens::testing::LlmTestServer;

// Waits for a task.done event of `kind`.
struct DoneEvents {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<json> done;

  void take(const json& event) {
    if (event.value("event", "") != "task.done" && event.value("event", "") != "task.dead") return;
    std::lock_guard lock(mutex);
    done.push_back(event["data"]);
    changed.notify_all();
  }
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(20), [&] { return done.size() >= count; });
  }
};

json posting(const std::string& id, const std::string& title, const std::string& text) {
  return json{
      {"id", id}, {"title", title}, {"company", "Acme"}, {"location", "Lisbon"}, {"description", text}};
}

}  // namespace

TEST_CASE(
    "jobs.similar: provider embeddings are computed in the background, used, and redone on a model change") {
  LlmTestServer server;
  HostFixture host;
  json provider{{"id", "emb"},
                {"kind", "openai_compatible"},
                {"base_url", server.openai_base_url()},
                {"model", "chat"}};
  host.ok("settings.put",
          {{"settings",
            {{"llm.providers", json::array({provider})},
             {"llm.embeddings", {{"provider", "emb"}, {"model", "text-embedding-3-small"}}}}}});
  host.ok(
      "jobs.upsert",
      {{"jobs", json::array({posting("1", "Data Engineer", "Python SQL Spark pipelines data warehouse"),
                             posting("2", "Data Engineer II", "Python SQL Airflow pipelines data warehouse"),
                             posting("3", "Pastry Chef", "croissants bread pastry kitchen bakery")})}});

  // Nothing embedded by the provider yet: the hashed embedding answers, and the task is queued.
  json first = host.ok("jobs.similar", {{"id", "1"}});
  CHECK(first["model"] == "joblens-hash-v1");
  CHECK(server.request_count() == 0);

  DoneEvents events;
  REQUIRE_FALSE(host.app.queue->start([&events](const json& e) { events.take(e); }));
  REQUIRE(events.wait_for(1));
  CHECK(events.done[0]["kind"] == "jobs.embed");
  CHECK(events.done[0]["result"]["embedded"] == 3);

  json second = host.ok("jobs.similar", {{"id", "1"}});
  CHECK(second["model"] == "emb/text-embedding-3-small");
  REQUIRE_FALSE(second["jobs"].empty());
  CHECK(second["jobs"][0]["job_id"] == "2");  // the other data engineer, by the provider's vectors
  bool embedded_by_server = false;
  for (const auto& request : server.requests())
    embedded_by_server = embedded_by_server || request.endpoint == "embeddings";
  CHECK(embedded_by_server);

  // Another model: hashed again until the new model's vectors are stored, then the new model.
  host.ok("settings.put",
          {{"settings", {{"llm.embeddings", {{"provider", "emb"}, {"model", "other-model"}}}}}});
  CHECK(host.ok("jobs.similar", {{"id", "1"}})["model"] == "joblens-hash-v1");
  REQUIRE(events.wait_for(2));
  CHECK(events.done[1]["result"]["embedded"] == 3);
  CHECK(host.ok("jobs.similar", {{"id", "1"}})["model"] == "emb/other-model");
  host.app.queue->stop();
}

}  // namespace joblens::host::testing
