// libFuzzer target: arbitrary bytes as the browser's side of the pipe, through the real frame reader
// and dispatcher over an in-memory database. Any crash, sanitizer report, reply that is not one
// valid envelope, or reply over the frame limit is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "native-host/host_app.hpp"
#include "native-host/protocol/frame.hpp"

namespace {

joblens::host::HostApp* app = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto opened = joblens::host::open_host(":memory:", joblens::host::protocol::kMaxOutboundFrame);
  if (!opened) {
    std::fprintf(stderr, "host_fuzz: %s\n", opened.error().message.c_str());
    std::abort();
  }
  app = new joblens::host::HostApp(std::move(*opened));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace joblens::host;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Smaller cap than the host's so that the fuzzer explores skipping as well as reading.
  protocol::FrameReader reader(protocol::memory_source(bytes), 1 << 16);
  std::string body;
  for (int frames = 0; frames < 64; ++frames) {
    const protocol::ReadResult read = reader.next(body);
    if (read.outcome == protocol::ReadOutcome::end_of_stream) break;
    if (read.outcome == protocol::ReadOutcome::error) {
      if (!read.resumable) break;
      continue;
    }
    // Messages that reach outside the database (files, child processes) are not fuzzed here: they
    // would write backups or spawn tools wherever the input says. Their argument checks are unit-tested.
    if (body.find("backup") != std::string::npos || body.find("resume") != std::string::npos) continue;
    const std::string reply = app->dispatcher->handle(body);
    if (reply.size() > protocol::kMaxOutboundFrame) std::abort();
    const auto parsed = nlohmann::json::parse(reply, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("id") || !parsed.contains("type"))
      std::abort();
  }
  return 0;
}
