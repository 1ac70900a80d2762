// A host over a temporary database, driven through the dispatcher without pipes.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "native-host/host_app.hpp"
#include "native-host/protocol/frame.hpp"

namespace joblens::host::testing {

// A temporary directory removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "joblens-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

struct HostFixture {
  TempDir dir;
  std::string db_path = dir.path + "/joblens.db";
  HostApp app;
  std::int64_t clock = 1'790'000'000'000;  // a fixed, advancing clock: tests see exact timestamps

  explicit HostFixture(std::size_t max_reply = protocol::kMaxOutboundFrame) {
    auto opened = open_host(db_path, max_reply);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
    app = std::move(*opened);
    app.context->now_ms = [this] { return clock++; };
  }

  // Sends one request as a frame body; returns the parsed reply.
  nlohmann::json send(const nlohmann::json& request) {
    return nlohmann::json::parse(app.dispatcher->handle(request.dump()));
  }
  nlohmann::json send_raw(std::string_view body) {
    return nlohmann::json::parse(app.dispatcher->handle(body));
  }

  // A request that must succeed: returns its result.
  nlohmann::json ok(const std::string& type, const nlohmann::json& args = nlohmann::json::object()) {
    const nlohmann::json reply = send({{"id", 1}, {"type", type}, {"args", args}});
    INFO(reply.dump());
    REQUIRE(reply["type"] == type);
    return reply["result"];
  }
  // A request that must fail: returns its error code.
  int error_code(const std::string& type, const nlohmann::json& args = nlohmann::json::object()) {
    const nlohmann::json reply = send({{"id", 1}, {"type", type}, {"args", args}});
    INFO(reply.dump());
    REQUIRE(reply["type"] == "error");
    return reply["error"]["code"].get<int>();
  }
};

inline int code(ErrorCode c) { return static_cast<int>(c); }

}  // namespace joblens::host::testing
