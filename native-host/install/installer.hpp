// Writes and removes joblens-host's native-messaging manifest for one browser.
//
// Only Linux is implemented. The macOS and Windows locations are in the table (browsers.hpp) and
// in docs/installer.md, but install()/uninstall() refuse them with a clear error: macOS needs
// testing on a Mac, and Windows also needs the registry value written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "native-host/install/browsers.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::install {

struct InstallOptions {
  std::string browser;                       // chrome, chromium, edge, brave, firefox
  std::optional<std::string> user_data_dir;  // Chromium's --user-data-dir; chromium family only
  bool system = false;                       // system scope (/etc/...) instead of the user's home
  std::string home;                          // $HOME, injected so tests use a temp dir
  std::string host_binary;                   // absolute path of joblens-host
  std::string system_root = "/";             // prefix for system paths, so tests can use a temp dir
  Os os = current_os();                      // injectable so tests can check the non-Linux error
};

// The manifest file install() would write, without touching the disk. Errors: unknown browser
// (usage), firefox with user_data_dir (usage), user_data_dir with system (usage), unset home
// (usage), unsupported OS (invalid_value).
Result<std::string> manifest_path(const InstallOptions& options);

// Writes `<dir>/app.joblens.host.json` atomically (temp file in the same directory, fsync, rename)
// with mode 0644, creating directories as needed; returns its path. Running it again rewrites the
// same file, so it is idempotent and also repairs a broken manifest. The binary need not exist yet
// (packagers install the manifest before the binary); `joblens-host doctor` checks it.
Result<std::string> install(const InstallOptions& options);

// Removes the manifest install() would have written. Returns the removed paths; a missing file is
// not an error and gives an empty list. Directories are left in place: they may belong to the
// browser.
Result<std::vector<std::string>> uninstall(const InstallOptions& options);

}  // namespace joblens::host::install
