#include "native-host/install/installer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <system_error>
#include <utility>

#include "native-host/install/manifest.hpp"

namespace joblens::host::install {

namespace {

namespace fs = std::filesystem;

// Closes the descriptor on every exit path.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }
  int get() const { return fd_; }
  // Returns close()'s result: on some file systems a write error is only reported here.
  int reset() {
    int rc = 0;
    if (fd_ >= 0) rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// Unlinks the temporary file unless the rename succeeded, so a failed install leaves no debris.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

Error errno_error(int err, const std::string& what, const std::string& path, bool system) {
  const bool denied = err == EACCES || err == EPERM || err == EROFS;
  std::string message = what + " " + path + ": " + std::strerror(err);
  if (denied && system) message += " (system-wide installs need root: try sudo)";
  return make_error(denied ? ErrorCode::permission_denied : ErrorCode::io_error, std::move(message));
}

Error fs_error(const std::error_code& ec, const std::string& what, const std::string& path, bool system) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category()) {
    return errno_error(ec.value(), what, path, system);
  }
  return make_error(ErrorCode::io_error, what + " " + path + ": " + ec.message());
}

Result<std::string> manifest_directory(const InstallOptions& options) {
  const Scope scope = options.system ? Scope::system : Scope::user;
  Result<const BrowserLocation*> location = find_location(options.browser, options.os, scope);
  if (!location) return location.error();
  const BrowserLocation& entry = **location;
  if (options.os != Os::os_linux) {
    return make_error(ErrorCode::invalid_value,
                      "installing on " + std::string(to_string(options.os)) +
                          " is not implemented yet; see docs/installer.md for the manual steps");
  }
  if (options.user_data_dir) {
    if (entry.family == Family::firefox) {
      return make_error(ErrorCode::usage,
                        "--user-data-dir is a Chromium option; Firefox has no equivalent (install "
                        "without it, or use --system)");
    }
    if (options.system) {
      return make_error(ErrorCode::usage, "--user-data-dir and --system cannot be combined");
    }
    if (options.user_data_dir->empty()) {
      return make_error(ErrorCode::usage, "--user-data-dir needs a directory");
    }
    // Chromium resolves a relative --user-data-dir against its working directory, which we cannot
    // know; resolving against ours at least writes somewhere predictable and reports it.
    std::error_code ec;
    fs::path root = fs::absolute(*options.user_data_dir, ec);
    if (ec) return fs_error(ec, "cannot resolve", *options.user_data_dir, false);
    // The data root itself, not a profile folder: that is where Chromium looks.
    return (root / "NativeMessagingHosts").lexically_normal().string();
  }
  PathContext context;
  context.home = options.home;
  context.system_root = options.system_root.empty() ? "/" : options.system_root;
  return expand_directory(entry.directory, context);
}

Result<std::string> write_atomically(const std::string& path, const std::string& content, bool system) {
  const fs::path target(path);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return fs_error(ec, "cannot create directory", target.parent_path().string(), system);

  std::string temp = path + ".XXXXXX";
  UniqueFd fd(::mkstemp(temp.data()));
  if (fd.get() < 0) return errno_error(errno, "cannot create a temporary file next to", path, system);
  TempFileGuard guard(temp);

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error(errno, "cannot write", temp, system);
    written += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; browsers run as the user, but a system manifest must be world-readable.
  if (::fchmod(fd.get(), 0644) != 0) return errno_error(errno, "cannot chmod", temp, system);
  // Flush before the rename so that a crash never leaves a renamed but empty manifest.
  if (::fsync(fd.get()) != 0) return errno_error(errno, "cannot sync", temp, system);
  if (fd.reset() != 0) return errno_error(errno, "cannot close", temp, system);
  if (::rename(temp.c_str(), path.c_str()) != 0) return errno_error(errno, "cannot rename to", path, system);
  guard.release();
  return path;
}

}  // namespace

Result<std::string> manifest_path(const InstallOptions& options) {
  try {
    Result<std::string> directory = manifest_directory(options);
    if (!directory) return directory.error();
    return (fs::path(*directory) / manifest_file_name()).string();
  } catch (const std::exception& e) {  // bad_alloc, filesystem_error: never let them escape
    return make_error(ErrorCode::internal, std::string("manifest_path: ") + e.what());
  }
}

Result<std::string> install(const InstallOptions& options) {
  try {
    Result<std::string> path = manifest_path(options);
    if (!path) return path.error();
    Result<Family> family = family_of(options.browser);
    if (!family) return family.error();
    Result<nlohmann::json> manifest = build_manifest(*family, options.host_binary);
    if (!manifest) return manifest.error();
    return write_atomically(*path, serialize_manifest(*manifest), options.system);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("install: ") + e.what());
  }
}

Result<std::vector<std::string>> uninstall(const InstallOptions& options) {
  try {
    Result<std::string> path = manifest_path(options);
    if (!path) return path.error();
    std::vector<std::string> removed;
    std::error_code ec;
    // remove() reports false without an error when the file is absent: that is success here.
    if (fs::remove(*path, ec)) removed.push_back(*path);
    if (ec) return fs_error(ec, "cannot remove", *path, options.system);
    return removed;
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("uninstall: ") + e.what());
  }
}

}  // namespace joblens::host::install
