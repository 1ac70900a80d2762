// The real joblens-host, spawned with Boost.Process and spoken to over pipes, as a browser does.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace joblens::host::testing {

class HostProcess {
 public:
  // Starts the host over `data_dir` with its stderr discarded (or kept in `stderr_path`).
  explicit HostProcess(const std::string& data_dir, const std::string& stderr_path = "/dev/null");
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  bool write_raw(std::string_view bytes);
  bool send(const nlohmann::json& request);
  // Reads one frame; nullopt on timeout or end of stream.
  std::optional<std::string> receive_raw(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // The next reply: event frames ({"type":"event"}, sent by the host's background queue without a
  // request) met on the way are kept for receive_event() and in events_seen().
  std::optional<nlohmann::json> receive(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // A request and its reply.
  nlohmann::json call(const std::string& type, const nlohmann::json& args = nlohmann::json::object());
  // The next event frame; replies met on the way are kept for receive().
  std::optional<nlohmann::json> receive_event(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Every event frame received so far, in order (also those already taken by receive_event).
  const std::vector<nlohmann::json>& events_seen() const { return events_seen_; }

  void close_stdin();
  void close_stdout_reader();  // as a browser that closed the port
  // Waits for the exit; returns the exit code, or -1 if it had to be killed after `timeout`.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  bool running();
  void kill_hard();  // SIGKILL, as a crash or the browser's kill would
  int pid() const;
  long rss_kb() const;  // resident memory, from /proc

 private:
  struct Impl;
  // Reads one frame and files it: an event into the event queues, else returned.
  std::optional<nlohmann::json> receive_frame(std::chrono::steady_clock::time_point deadline);

  std::unique_ptr<Impl> impl_;
  int next_id_ = 1;
  std::deque<nlohmann::json> pending_replies_;
  std::deque<nlohmann::json> pending_events_;
  std::vector<nlohmann::json> events_seen_;
};

// joblens-host run as a command (install, doctor, export, ...) with HOME and JOBLENS_DATA_DIR set.
struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandRun run_host_command(const std::vector<std::string>& args, const std::string& home,
                            const std::string& data_dir);

}  // namespace joblens::host::testing
