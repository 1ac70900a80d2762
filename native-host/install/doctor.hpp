// `joblens-host doctor`: finds every installed manifest and checks what the browsers will check,
// so that "Specified native messaging host not found" and friends come with a concrete fix.
//
// Reporting rule for absent manifests: a browser without a manifest is informational (ok = true),
// because most people use only one browser. A manifest that exists but is broken is always a
// failure, because the browser that reads it will refuse to start the host. If no browser has a
// manifest at all, one summary check fails: the extension cannot reach the host in any browser.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "native-host/install/browsers.hpp"

namespace joblens::host::install {

struct DoctorCheck {
  std::string what;  // what was checked, e.g. "chrome (user) manifest ~/.config/..."
  bool ok = false;
  std::string problem;  // empty when ok (informational notes for absent manifests go in `what`)
  std::string fix;      // a command or action that resolves the problem
};

struct DoctorOptions {
  std::string home;
  std::string host_binary;  // the running joblens-host; manifests should point here
  std::string system_root = "/";
  std::optional<std::string> user_data_dir;  // also check <dir>/NativeMessagingHosts
  std::string database_path;                 // its directory must exist and be writable
  // Returns a problem description, or nullopt when the database is healthy. Injected by the host so
  // that this library does not depend on SQLite.
  std::function<std::optional<std::string>(const std::string& db_path)> check_database;
};

// Checks one manifest file as `browser` would read it (family decides allowed_origins vs
// allowed_extensions). `fix` (usually an install command) is offered for any problem found.
std::vector<DoctorCheck> check_manifest(const std::string& path, Family family,
                                        const std::string& host_binary, const std::string& fix);

// Runs every check (Linux locations only; see installer.hpp). Never throws.
std::vector<DoctorCheck> doctor(const DoctorOptions& options);

// One line per check; each failed check is followed by its problem and fix. Ends with a summary.
std::string format_report(const std::vector<DoctorCheck>& checks);

}  // namespace joblens::host::install
