// Keeps docs/protocol.md true: every ```json request block is replayed, in document order, through
// one host, and the live reply must have the documented type and every documented top-level key.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "native-host/dispatch/dispatcher.hpp"
#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

using nlohmann::json;

namespace {

struct DocExample {
  int line = 0;  // of the request block's opening fence, for messages
  json request;
  json reply;
};

std::string read_protocol_doc() {
  std::ifstream in(std::string(JOBLENS_SOURCE_DIR) + "/docs/protocol.md");
  REQUIRE_MESSAGE(in.good(), "docs/protocol.md cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// The request blocks (fence line exactly "```json request") and the reply block that follows each
// (exactly "```json reply"); a request without its reply, or a reply without a request, fails.
std::vector<DocExample> doc_examples(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(trim_right(line));

  std::vector<DocExample> examples;
  bool want_reply = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool is_request = lines[i] == "```json request";
    const bool is_reply = lines[i] == "```json reply";
    if (!is_request && !is_reply) continue;
    const int fence_line = static_cast<int>(i) + 1;
    std::string body;
    std::size_t end = i + 1;
    while (end < lines.size() && lines[end] != "```") body += lines[end++] + "\n";
    REQUIRE_MESSAGE(end < lines.size(), "docs/protocol.md:" << fence_line << ": the block is not closed");
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    REQUIRE_MESSAGE(!parsed.is_discarded(), "docs/protocol.md:" << fence_line << ": the block is not JSON");
    if (is_request) {
      REQUIRE_MESSAGE(!want_reply,
                      "docs/protocol.md:" << fence_line << ": the previous request has no reply");
      examples.push_back({fence_line, std::move(parsed), json()});
      want_reply = true;
    } else {
      REQUIRE_MESSAGE(want_reply, "docs/protocol.md:" << fence_line << ": a reply block without a request");
      examples.back().reply = std::move(parsed);
      want_reply = false;
    }
    i = end;
  }
  REQUIRE_MESSAGE(!want_reply, "docs/protocol.md: the last request has no reply");
  return examples;
}

}  // namespace

TEST_CASE("docs/protocol.md documents every message type with a request and its reply") {
  const std::vector<DocExample> examples = doc_examples(read_protocol_doc());
  REQUIRE_FALSE(examples.empty());

  std::set<std::string> documented;
  for (const DocExample& example : examples) {
    INFO("docs/protocol.md:" << example.line);
    REQUIRE(example.request.is_object());
    REQUIRE(example.request.contains("type"));
    REQUIRE(example.request["type"].is_string());
    documented.insert(example.request["type"].get<std::string>());
  }
  for (const Route& route : all_routes()) {
    CHECK_MESSAGE(documented.count(std::string(route.type)) == 1,
                  "no ```json request example for " << route.type);
  }
}

TEST_CASE("docs/protocol.md examples replay against the host, in document order") {
  const std::vector<DocExample> examples = doc_examples(read_protocol_doc());
  REQUIRE_FALSE(examples.empty());

  HostFixture host;
  for (const DocExample& example : examples) {
    json request = example.request;
    INFO("docs/protocol.md:" << example.line << ": " << request.dump());
    // A backup goes into the fixture's temporary directory, never to the documented path.
    if (request.value("type", "") == "backup") {
      REQUIRE(request.contains("args"));
      request["args"]["path"] = host.dir.path + "/protocol-doc-backup.db";
    }
    const json live = host.send(request);
    INFO("live reply: " << live.dump());
    const json& documented = example.reply;
    REQUIRE(documented.is_object());
    CHECK(live["id"] == request["id"]);
    REQUIRE(documented.contains("type"));
    CHECK(live["type"] == documented["type"]);

    const std::string payload = documented["type"] == "error" ? "error" : "result";
    REQUIRE(documented.contains(payload));
    REQUIRE(live.contains(payload));
    const json& doc_payload = documented[payload];
    const json& live_payload = live[payload];
    if (!doc_payload.is_object()) {
      CHECK(live_payload.type() == doc_payload.type());
      continue;
    }
    REQUIRE(live_payload.is_object());
    for (const auto& [key, value] : doc_payload.items()) {
      CHECK_MESSAGE(live_payload.contains(key), "the live " << payload << " has no '" << key << "'");
    }
  }
}

}  // namespace joblens::host::testing
