// joblens-host: the native-messaging host the browser starts, and its command line for people:
// install, uninstall, doctor, export, import, backup (docs/host.md).
#include <poll.h>

#include <csignal>
#include <cstdio>
#include <string_view>

#include "native-host/command_line.hpp"
#include "native-host/data_dir.hpp"
#include "native-host/host_app.hpp"
#include "native-host/serve.hpp"

namespace joblens::host {

namespace {

constexpr int kIdleCheckpointFrames = 512;  // 2 MiB of log

struct Command {
  std::string_view name;
  int (*run)(const CommandLine&);
  std::string_view usage;
};

constexpr Command kCommands[] = {
    {"serve", serve_command, "serve                 the native-messaging loop (what the browser runs)"},
    {"install", install_command,
     "install --browser chrome|chromium|edge|brave|firefox [--user-data-dir DIR] [--system]"},
    {"uninstall", uninstall_command,
     "uninstall --browser chrome|chromium|edge|brave|firefox [--user-data-dir DIR] [--system]"},
    {"doctor", doctor_command, "doctor [--user-data-dir DIR]   checks manifests, binary, database"},
    {"export", export_command, "export --what applications|jobs|profile [--format json|csv] [--out FILE]"},
    {"import", import_command, "import --what applications|jobs [--format json|csv] FILE"},
    {"backup", backup_command, "backup FILE           a consistent copy of the database"},
};

void print_usage(std::FILE* to) {
  std::fprintf(to, "usage: joblens-host [--data-dir DIR] COMMAND ...\n");
  for (const Command& c : kCommands)
    std::fprintf(to, "  joblens-host %.*s\n", static_cast<int>(c.usage.size()), c.usage.data());
  std::fprintf(to, "  joblens-host --version\n");
}

}  // namespace

int serve_command(const CommandLine& line) {
  auto path = prepare_database_path(line.data_dir);
  if (!path) return fail(path.error());
  auto app = open_host(*path, protocol::kMaxOutboundFrame);
  if (!app) return fail(app.error());
  protocol::FrameReader reader(protocol::fd_source(0));
  storage::Database& db = *app->db;
  // Checkpoint the WAL only while the browser has nothing waiting, so that writes never pay for it.
  const auto idle_checkpoint = [&db] {
    if (db.wal_frames() < kIdleCheckpointFrames) return;
    pollfd input{0, POLLIN, 0};
    if (::poll(&input, 1, 0) == 0) db.checkpoint_if_due(kIdleCheckpointFrames);
  };
  // Replies (this thread) and the queue's events (its workers) share one writer, so frames never
  // interleave on stdout.
  FrameWriter writer(protocol::fd_sink(1));
  const auto write_event = [&writer](const nlohmann::json& event) {
    (void)writer.write(event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  };
  if (auto error = app->queue->start(write_event)) {
    // Scoring and everything else still work without background tasks.
    std::fprintf(stderr, "joblens-host: the background queue did not start: %s\n", error->message.c_str());
  }
  const int code = serve(*app->dispatcher, reader, writer, idle_checkpoint);
  // The port is closed: stop claiming; tasks still running are handed back to the queue.
  app->queue->stop();
  return code;
}

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine line;
  line.data_dir = default_data_dir();
  std::vector<std::string> words(argv + 1, argv + argc);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--data-dir" && i + 1 < words.size()) {
      line.data_dir = words[++i];
    } else if (line.command.empty()) {
      line.command = words[i];
    } else {
      line.args.push_back(words[i]);
    }
  }
  // Chrome passes the caller's origin (chrome-extension://ID/, and on Windows --parent-window);
  // Firefox passes the manifest's path and the add-on id. Any of these, or nothing, means serve.
  const std::string_view first = line.command;
  if (first.empty() || first.rfind("chrome-extension://", 0) == 0 || first.rfind("--parent-window", 0) == 0 ||
      (first.size() > 5 && first.substr(first.size() - 5) == ".json")) {
    line.command = "serve";
  }
  return line;
}

}  // namespace joblens::host

int main(int argc, char** argv) {
  // A write to a closed pipe must be an EPIPE error we handle, not a signal that kills the host.
  std::signal(SIGPIPE, SIG_IGN);
  using namespace joblens::host;
  const CommandLine line = parse_command_line(argc, argv);
  if (line.command == "--version" || line.command == "version") {
    std::printf("joblens-host %s\n", kHostVersion);
    return 0;
  }
  if (line.command == "--help" || line.command == "help") {
    print_usage(stdout);
    return 0;
  }
  for (const Command& c : kCommands) {
    if (c.name == line.command) return c.run(line);
  }
  std::fprintf(stderr, "joblens-host: unknown command '%s'\n", line.command.c_str());
  print_usage(stderr);
  return kExitUsage;
}
