// The real joblens-host over pipes: hostile streams, bursts, crashes and two hosts at once. Each bad
// input gets a coded error or a clean exit, the host keeps serving where the stream allows it, and
// nothing committed is lost.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "native-host/protocol/frame.hpp"
#include "tests/host/host_fixture.hpp"
#include "tests/host/host_process.hpp"

namespace joblens::host::testing {

using nlohmann::json;

namespace {

std::string header(std::uint32_t length) {
  std::string h(4, '\0');
  std::memcpy(h.data(), &length, 4);
  return h;
}

json batch(const std::string& prefix, int count, std::size_t description_bytes) {
  json jobs = json::array();
  for (int i = 0; i < count; ++i) {
    jobs.push_back({{"id", prefix + std::to_string(i)},
                    {"title", "Engineer"},
                    {"company", "Acme"},
                    {"description", std::string(description_bytes, 'd')}});
  }
  return jobs;
}

// Counts rows and checks integrity with a separate connection, as a restarted host would see them.
struct DbCheck {
  std::string integrity;
  std::int64_t count = -1;
};
DbCheck check_db(const std::string& path, const std::string& prefix) {
  sqlite3* db = nullptr;
  DbCheck out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    if (sqlite3_step(stmt) == SQLITE_ROW)
      out.integrity = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM jobs WHERE id LIKE ? || '%'", -1, &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, prefix.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) out.count = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

int error_code_of(const std::optional<json>& reply) {
  REQUIRE(reply);
  INFO(reply->dump());
  REQUIRE((*reply)["type"] == "error");
  return (*reply)["error"]["code"].get<int>();
}

}  // namespace

TEST_CASE("host over pipes: hostile frames get coded errors and the host keeps serving") {
  TempDir dir;
  HostProcess host(dir.path);
  REQUIRE(host.call("hello")["result"]["name"] == "joblens-host");
  REQUIRE(host.call("jobs.upsert", {{"jobs", batch("keep-", 3, 10)}})["result"]["inserted"] == 3);

  host.write_raw(header(0));  // a 0-byte frame
  CHECK(error_code_of(host.receive()) == code(ErrorCode::empty_input));
  host.write_raw(protocol::encode_frame("{\"id\":1,\"type\":\"hello\",\"x\":\"\xff\xfe\"}"));
  CHECK(error_code_of(host.receive()) == code(ErrorCode::invalid_utf8));
  host.write_raw(protocol::encode_frame("{\"id\":1,\"type\":"));
  CHECK(error_code_of(host.receive()) == code(ErrorCode::invalid_json));
  host.write_raw(protocol::encode_frame(std::string(10000, '[') + std::string(10000, ']')));
  CHECK(error_code_of(host.receive()) == code(ErrorCode::invalid_json));
  host.send({{"id", 9}, {"type", "no.such.type"}});
  CHECK(error_code_of(host.receive()) == code(ErrorCode::unknown_type));
  host.send({{"type", "hello"}});
  CHECK(error_code_of(host.receive()) == code(ErrorCode::missing_field));

  // Over the 64 MiB cap, fully sent: refused without allocating, skipped, and the stream goes on.
  const long rss_before = host.rss_kb();
  const std::uint32_t over = protocol::kMaxInboundFrame + 1;
  std::thread writer([&host, over] {
    host.write_raw(header(over));
    const std::string chunk(1 << 20, ' ');
    for (std::uint32_t sent = 0; sent < over; sent += static_cast<std::uint32_t>(chunk.size())) {
      host.write_raw(std::string_view(chunk).substr(0, std::min<std::size_t>(chunk.size(), over - sent)));
    }
  });
  CHECK(error_code_of(host.receive()) == code(ErrorCode::frame_too_large));
  writer.join();
  CHECK(host.call("jobs.get", {{"ids", {"keep-0", "keep-2"}}})["result"]["jobs"].size() == 2);
  CHECK(host.rss_kb() - rss_before < 16 * 1024);  // the 64 MiB frame was never held in memory

  host.close_stdin();
  CHECK(host.wait() == 0);
}

TEST_CASE("host over pipes: truncated streams end with a coded error and a clean exit") {
  TempDir dir;
  {
    HostProcess host(dir.path);
    host.write_raw(std::string_view("\x10\x00", 2));  // half a header, then EOF
    host.close_stdin();
    CHECK(error_code_of(host.receive()) == code(ErrorCode::frame_truncated));
    CHECK(host.wait() == 0);
  }
  {
    HostProcess host(dir.path);
    host.write_raw(header(100) + "{\"id\":1");  // EOF mid-body
    host.close_stdin();
    CHECK(error_code_of(host.receive()) == code(ErrorCode::frame_truncated));
    CHECK(host.wait() == 0);
  }
  {
    HostProcess host(dir.path);
    host.write_raw(header(0xFFFFFFFFu) + "abc");  // 4 GB announced, then EOF
    host.close_stdin();
    CHECK(error_code_of(host.receive()) == code(ErrorCode::frame_too_large));
    CHECK(host.wait() == 0);
  }
  {
    HostProcess host(dir.path);  // plain EOF between frames: exit 0, nothing written
    host.close_stdin();
    CHECK(host.wait() == 0);
    CHECK_FALSE(host.receive(std::chrono::milliseconds(200)));
  }
}

TEST_CASE("host over pipes: a burst of 10,000 messages is answered in order") {
  TempDir dir;
  HostProcess host(dir.path);
  constexpr int kCount = 10000;
  std::thread writer([&host] {
    std::string burst;
    for (int i = 0; i < kCount; ++i) {
      const json request =
          i % 2 ? json{{"id", i}, {"type", "settings.get"}} : json{{"id", i}, {"type", "hello"}};
      burst += protocol::encode_frame(request.dump());
    }
    host.write_raw(burst);
  });
  int in_order = 0;
  for (int i = 0; i < kCount; ++i) {
    auto reply = host.receive();
    if (!reply) break;
    if ((*reply)["id"] == i && (*reply)["type"] != "error") ++in_order;
  }
  writer.join();
  CHECK(in_order == kCount);
}

TEST_CASE("host over pipes: the browser going away is EPIPE, not a crash") {
  TempDir dir;
  HostProcess host(dir.path);
  REQUIRE(host.call("hello")["type"] == "hello");
  host.close_stdout_reader();
  host.send({{"id", 2}, {"type", "hello"}});
  CHECK(host.wait() == 0);  // not 128 + SIGPIPE
}

TEST_CASE("kill -9 in the middle of a batch upsert: the batch is all there or all absent") {
  TempDir dir;
  const std::string db = dir.path + "/joblens.db";
  for (int round = 0; round < 4; ++round) {
    const std::string prefix = "crash" + std::to_string(round) + "-";
    {
      HostProcess host(dir.path);
      REQUIRE(host.call("hello")["type"] == "hello");
      host.send({{"id", 1}, {"type", "jobs.upsert"}, {"args", {{"jobs", batch(prefix, 5000, 2000)}}}});
      // Different moments: parsing, writing, committing.
      std::this_thread::sleep_for(std::chrono::milliseconds(20 + 60 * round));
      host.kill_hard();
    }
    const DbCheck after = check_db(db, prefix);
    CHECK(after.integrity == "ok");
    CHECK((after.count == 0 || after.count == 5000));
    MESSAGE("round " << round << ": " << after.count << " of 5000 jobs after kill -9");
    HostProcess restarted(dir.path);
    CHECK(restarted.call("hello")["type"] == "hello");
  }
}

TEST_CASE("two hosts (two browsers) write to one database without 'database is locked'") {
  TempDir dir;
  HostProcess first(dir.path);
  HostProcess second(dir.path);
  REQUIRE(first.call("hello")["type"] == "hello");
  REQUIRE(second.call("hello")["type"] == "hello");
  std::atomic<int> errors{0};
  auto run = [&errors](HostProcess& host, const std::string& prefix) {
    for (int i = 0; i < 40; ++i) {
      const json reply =
          host.call("jobs.upsert", {{"jobs", batch(prefix + std::to_string(i) + "-", 50, 500)}});
      if (reply["type"] != "jobs.upsert") ++errors;
      const json app = host.call("applications.create", {{"job_id", prefix + std::to_string(i) + "-0"}});
      if (app["type"] != "applications.create") ++errors;
    }
  };
  std::thread a([&] { run(first, "a"); });
  run(second, "b");
  a.join();
  CHECK(errors == 0);
  CHECK(check_db(dir.path + "/joblens.db", "a").count == 2000);
  CHECK(check_db(dir.path + "/joblens.db", "b").count == 2000);
}

}  // namespace joblens::host::testing
