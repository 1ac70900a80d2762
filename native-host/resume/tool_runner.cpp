// The only translation unit that includes <boost/process.hpp>: it is slow to compile.
//
// One io_context drives two async reads (stdout and stderr, concurrently, so a child that fills the
// stderr pipe while we wait on stdout cannot deadlock us) and a deadline timer. The child is reaped
// with our own waitpid rather than Boost's: in 1.74 child::terminate() sends SIGKILL and then calls
// waitpid(WNOHANG), which races the kill and can leave a zombie.
#include "native-host/resume/tool_runner.hpp"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <exception>
#include <string_view>
#include <thread>
#include <utility>

namespace joblens::host::resume {

namespace {

namespace bp = boost::process;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxStderr = 64u << 10;  // enough for any useful message

// Owns the child's pid from spawn until it is reaped: whatever path we leave by (error, exception,
// timeout) the destructor kills and reaps, so no zombie and no orphan outlives run_tool.
class ChildGuard {
 public:
  explicit ChildGuard(pid_t pid) : pid_(pid) {}
  ChildGuard(const ChildGuard&) = delete;
  ChildGuard& operator=(const ChildGuard&) = delete;
  ~ChildGuard() { kill_and_reap(); }

  void kill() const noexcept {
    if (!reaped_) ::kill(pid_, SIGKILL);
  }
  void kill_and_reap() noexcept {
    if (reaped_) return;
    kill();
    wait(0);
  }
  // True once the child has exited and been reaped.
  bool try_reap() noexcept {
    if (!reaped_) wait(WNOHANG);
    return reaped_;
  }
  // The wait status, when it could be read (ECHILD means someone else reaped it).
  bool status_known() const { return status_known_; }
  int status() const { return status_; }

 private:
  void wait(int flags) noexcept {
    for (;;) {
      int st = 0;
      const pid_t r = ::waitpid(pid_, &st, flags);
      if (r == pid_) {
        reaped_ = status_known_ = true;
        status_ = st;
        return;
      }
      if (r == 0) return;            // WNOHANG: still running
      if (errno == EINTR) continue;  // interrupted: wait again
      reaped_ = true;                // ECHILD: nothing left to reap
      return;
    }
  }

  pid_t pid_;
  bool reaped_ = false;
  bool status_known_ = false;
  int status_ = 0;
};

// One stream being drained into a string.
struct Capture {
  explicit Capture(asio::io_context& ioc) : pipe(ioc) {}
  bp::async_pipe pipe;
  std::string data;
  std::array<char, 64u << 10> buf{};
  bool done = false;
};

// The reads and the deadline of one run; everything happens on the calling thread inside ioc.run().
class Session {
 public:
  explicit Session(std::size_t max_out) : out_(ioc_), err_(ioc_), timer_(ioc_), max_out_(max_out) {}

  void start(ChildGuard& guard, Clock::time_point deadline) {
    guard_ = &guard;
    timer_.expires_at(deadline);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: both streams ended in time
      timed_out_ = true;
      stop();
    });
    read(out_, true);
    read(err_, false);
    ioc_.run();
  }

  Capture& out() { return out_; }
  Capture& err() { return err_; }
  bool timed_out() const { return timed_out_; }
  bool overflow() const { return overflow_; }

 private:
  void read(Capture& c, bool is_stdout) {
    c.pipe.async_read_some(asio::buffer(c.buf),
                           [this, &c, is_stdout](const boost::system::error_code& ec, std::size_t n) {
                             if (n > 0 && !append(c, n, is_stdout)) return;
                             if (ec) {  // EOF, or aborted by stop()
                               c.done = true;
                               if (out_.done && err_.done) timer_.cancel();
                               return;
                             }
                             read(c, is_stdout);
                           });
  }

  // Stdout past the cap is an error; stderr past its cap is drained and dropped (only its first line
  // is ever shown), so a chatty tool cannot block on a full pipe.
  bool append(Capture& c, std::size_t n, bool is_stdout) {
    if (is_stdout) {
      if (c.data.size() + n > max_out_) {
        overflow_ = true;
        stop();
        return false;
      }
      c.data.append(c.buf.data(), n);
    } else if (c.data.size() < kMaxStderr) {
      c.data.append(c.buf.data(), std::min(n, kMaxStderr - c.data.size()));
    }
    return true;
  }

  // Kills the child (reaped later by the guard) and aborts pending reads so ioc.run() returns.
  void stop() {
    guard_->kill();
    boost::system::error_code ignored;
    out_.pipe.close(ignored);
    err_.pipe.close(ignored);
    timer_.cancel();
  }

  asio::io_context ioc_;
  Capture out_, err_;
  asio::steady_timer timer_;
  std::size_t max_out_;
  ChildGuard* guard_ = nullptr;
  bool timed_out_ = false;
  bool overflow_ = false;
};

std::string first_line(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  s.remove_prefix(begin);
  s = s.substr(0, s.find_first_of("\r\n"));
  return std::string(s.substr(0, 300));
}

Error missing(const std::string& program_name) {
  const std::string package = debian_package_for(program_name);
  std::string message = "`" + program_name + "` is not installed or not on PATH";
  if (!package.empty()) message += "; install it with: sudo apt-get install " + package;
  return make_error(ErrorCode::tool_missing, std::move(message));
}

Result<ToolRun> run_checked(const std::string& program_name, const std::vector<std::string>& args,
                            const RunLimits& limits) {
  boost::filesystem::path exe;
  if (program_name.find('/') != std::string::npos) {
    // An explicit path is used as given (never searched), but must be executable.
    if (::access(program_name.c_str(), X_OK) != 0) return missing(program_name);
    exe = program_name;
  } else {
    exe = bp::search_path(program_name);
    if (exe.empty()) return missing(program_name);
  }

  const auto deadline = Clock::now() + limits.timeout;
  Session session(limits.max_output);
  // argv vector, no shell: arguments reach the program byte for byte. stdin is /dev/null so the
  // tool can never read the native-messaging stream, and stdout goes to our pipe, never to the host's stdout
  // (the protocol).
  // Errors are taken as an error_code, not an exception: in 1.74 a failed execve() throws from inside
  // the launcher after fork(), losing the pid and leaving a zombie. With an error_code the on_error
  // hook runs first, still knowing the pid, and reaps the child.
  std::error_code spawn_error;
  auto reap_failed = [](auto& exec, const std::error_code&) {
    if (exec.pid > 0) {
      ::kill(exec.pid, SIGKILL);  // harmless if exec failed (it has exited); stops it if not
      int status = 0;
      while (::waitpid(exec.pid, &status, 0) == -1 && errno == EINTR) {
      }
    }
  };
  bp::child child(bp::exe = exe.string(), bp::args = args, (bp::std_in < bp::null),
                  (bp::std_out > session.out().pipe), (bp::std_err > session.err().pipe),
                  bp::extend::on_error = reap_failed, spawn_error);
  if (spawn_error || !child.valid())
    return make_error(ErrorCode::internal, "could not start `" + program_name + "`: " +
                                               (spawn_error ? spawn_error.message() : "unknown error"));
  ChildGuard guard(child.id());
  child.detach();  // the guard reaps it; Boost's destructor must not race us

  session.start(guard, deadline);
  if (session.timed_out()) {
    guard.kill_and_reap();
    return make_error(ErrorCode::tool_timeout, "`" + program_name + "` did not finish within " +
                                                   std::to_string(limits.timeout.count()) + " ms");
  }
  if (session.overflow()) {
    guard.kill_and_reap();
    return make_error(ErrorCode::too_large, "`" + program_name + "` wrote more than " +
                                                std::to_string(limits.max_output) + " bytes");
  }

  // Both pipes are closed, which almost always means the child has exited; a child that closed
  // them and lingers still gets the rest of its time budget, then is killed.
  while (!guard.try_reap()) {
    if (Clock::now() >= deadline) {
      guard.kill_and_reap();
      return make_error(ErrorCode::tool_timeout, "`" + program_name + "` did not exit within " +
                                                     std::to_string(limits.timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  if (!guard.status_known())
    return make_error(ErrorCode::tool_failed, "`" + program_name + "`: exit status unavailable");
  const int status = guard.status();
  const std::string detail = first_line(session.err().data);
  if (WIFSIGNALED(status))
    return make_error(ErrorCode::tool_failed, "`" + program_name + "` was killed by signal " +
                                                  std::to_string(WTERMSIG(status)) +
                                                  (detail.empty() ? "" : ": " + detail));
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0)
    return make_error(ErrorCode::tool_failed, "`" + program_name + "` exited with code " +
                                                  std::to_string(code) +
                                                  (detail.empty() ? "" : ": " + detail));
  return ToolRun{std::move(session.out().data), 0};
}

}  // namespace

std::string debian_package_for(const std::string& program_name) {
  static constexpr std::pair<std::string_view, std::string_view> kPackages[] = {
      {"pdftotext", "poppler-utils"}, {"pdfinfo", "poppler-utils"}, {"docx2txt", "docx2txt"},
      {"antiword", "antiword"},       {"odt2txt", "odt2txt"},
  };
  for (const auto& [program, package] : kPackages)
    if (program == program_name) return std::string(package);
  return {};
}

Result<ToolRun> run_tool(const std::string& program_name, const std::vector<std::string>& args,
                         const RunLimits& limits) {
  try {
    return run_checked(program_name, args, limits);
  } catch (const bp::process_error& e) {
    return make_error(ErrorCode::internal, "could not start `" + program_name + "`: " + e.what());
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, "running `" + program_name + "` failed: " + e.what());
  } catch (...) {
    return make_error(ErrorCode::internal, "running `" + program_name + "` failed");
  }
}

}  // namespace joblens::host::resume
