// Kept in its own file: <boost/process.hpp> is slow to compile (research/toolchain.md).
#include "tests/host/host_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/process.hpp>
#include <cstring>
#include <fstream>
#include <thread>

#include "native-host/protocol/frame.hpp"

namespace bp = boost::process;

namespace joblens::host::testing {

struct HostProcess::Impl {
  bp::pipe in;
  bp::pipe out;
  bp::child child;
  std::optional<int> exit_code;  // once reaped
};

HostProcess::HostProcess(const std::string& data_dir, const std::string& stderr_path) : impl_(new Impl) {
  auto env = boost::this_process::environment();
  bp::environment child_env = env;
  child_env["JOBLENS_DATA_DIR"] = data_dir;
  impl_->child =
      bp::child(JOBLENS_HOST_BINARY, "chrome-extension://cogkllkoklmdkhbmepoennlndflfccjn/",
                bp::std_in<impl_->in, bp::std_out> impl_->out, bp::std_err > stderr_path, child_env);
  // Our copies of the child's ends must be closed, or we would never see end of stream.
  ::close(impl_->in.native_source());
  ::close(impl_->out.native_sink());
}

HostProcess::~HostProcess() {
  close_stdin();
  if (wait(std::chrono::seconds(5)) == -1) kill_hard();
}

bool HostProcess::write_raw(std::string_view bytes) {
  const int fd = impl_->in.native_sink();
  if (fd < 0) return false;
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool HostProcess::send(const nlohmann::json& request) {
  return write_raw(protocol::encode_frame(request.dump()));
}

namespace {

bool read_exact(int fd, char* data, std::size_t size, std::chrono::steady_clock::time_point deadline) {
  while (size > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> HostProcess::receive_raw(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const int fd = impl_->out.native_source();
  std::uint32_t length = 0;
  if (!read_exact(fd, reinterpret_cast<char*>(&length), 4, deadline)) return std::nullopt;
  if (length > protocol::kMaxOutboundFrame) return std::nullopt;  // the host broke its own promise
  std::string body(length, '\0');
  if (!read_exact(fd, body.data(), length, deadline)) return std::nullopt;
  return body;
}

namespace {

bool is_event(const nlohmann::json& frame) {
  return frame.is_object() && frame.contains("type") && frame["type"] == "event";
}

std::chrono::milliseconds left_until(std::chrono::steady_clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    deadline - std::chrono::steady_clock::now()));
}

}  // namespace

std::optional<nlohmann::json> HostProcess::receive_frame(std::chrono::steady_clock::time_point deadline) {
  auto body = receive_raw(left_until(deadline));
  if (!body) return std::nullopt;
  return nlohmann::json::parse(*body);
}

std::optional<nlohmann::json> HostProcess::receive(std::chrono::milliseconds timeout) {
  if (!pending_replies_.empty()) {
    nlohmann::json reply = std::move(pending_replies_.front());
    pending_replies_.pop_front();
    return reply;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto frame = receive_frame(deadline);
    if (!frame) return std::nullopt;
    if (!is_event(*frame)) return frame;
    events_seen_.push_back(*frame);
    pending_events_.push_back(std::move(*frame));
  }
}

std::optional<nlohmann::json> HostProcess::receive_event(std::chrono::milliseconds timeout) {
  if (!pending_events_.empty()) {
    nlohmann::json event = std::move(pending_events_.front());
    pending_events_.pop_front();
    return event;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto frame = receive_frame(deadline);
    if (!frame) return std::nullopt;
    if (is_event(*frame)) {
      events_seen_.push_back(*frame);
      return frame;
    }
    pending_replies_.push_back(std::move(*frame));
  }
}

nlohmann::json HostProcess::call(const std::string& type, const nlohmann::json& args) {
  const int id = next_id_++;
  if (!send({{"id", id}, {"type", type}, {"args", args}})) return nullptr;
  auto reply = receive();
  return reply ? *reply : nlohmann::json();
}

void HostProcess::close_stdin() {
  if (impl_->in.native_sink() >= 0) {
    ::close(impl_->in.native_sink());
    impl_->in.assign_sink(-1);
  }
}

// Reaped with waitpid rather than Boost 1.74's wait_for, whose timeout handling is unreliable; the
// child is then detached so that Boost never waits on or signals a reaped pid.
int HostProcess::wait(std::chrono::milliseconds timeout) {
  if (impl_->exit_code) return *impl_->exit_code;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(impl_->child.id(), &status, WNOHANG);
    if (done == impl_->child.id()) {
      impl_->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      impl_->child.detach();
      return *impl_->exit_code;
    }
    if (done < 0 || std::chrono::steady_clock::now() >= deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

bool HostProcess::running() { return !impl_->exit_code && wait(std::chrono::milliseconds(0)) == -1; }

void HostProcess::kill_hard() {
  if (impl_->exit_code) return;
  ::kill(impl_->child.id(), SIGKILL);
  wait(std::chrono::seconds(10));
}

void HostProcess::close_stdout_reader() {
  if (impl_->out.native_source() >= 0) {
    ::close(impl_->out.native_source());
    impl_->out.assign_source(-1);
  }
}

int HostProcess::pid() const { return impl_->child.id(); }

long HostProcess::rss_kb() const {
  std::ifstream status("/proc/" + std::to_string(impl_->child.id()) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

CommandRun run_host_command(const std::vector<std::string>& args, const std::string& home,
                            const std::string& data_dir) {
  bp::environment env = boost::this_process::environment();
  env["HOME"] = home;
  env["JOBLENS_DATA_DIR"] = data_dir;
  bp::ipstream out, err;
  CommandRun run;
  std::error_code ec;
  bp::child child(JOBLENS_HOST_BINARY, bp::args(args), bp::std_in<bp::null, bp::std_out> out,
                  bp::std_err > err, env, ec);
  if (ec) return run;
  // Both streams are small here (a report, an export of a few rows); read them in turn.
  std::string line;
  while (std::getline(out, line)) run.out += line + "\n";
  while (std::getline(err, line)) run.err += line + "\n";
  child.wait(ec);
  run.exit_code = child.exit_code();
  return run;
}

}  // namespace joblens::host::testing
