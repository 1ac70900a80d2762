// install / uninstall / doctor on the command line (docs/installer.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "native-host/command_line.hpp"
#include "native-host/data_dir.hpp"
#include "native-host/install/doctor.hpp"
#include "native-host/install/installer.hpp"
#include "native-host/storage/schema.hpp"

namespace joblens::host {

namespace {

std::string home_dir() {
  const char* home = std::getenv("HOME");
  return home != nullptr ? home : "";
}

Result<install::InstallOptions> install_options(const CommandLine& line) {
  install::InstallOptions options;
  options.browser = option(line.args, "--browser");
  if (options.browser.empty()) {
    return make_error(ErrorCode::usage, "--browser chrome|chromium|edge|brave|firefox is required");
  }
  if (std::string dir = option(line.args, "--user-data-dir"); !dir.empty()) options.user_data_dir = dir;
  options.system = flag(line.args, "--system");
  options.home = home_dir();
  options.host_binary = own_executable_path();
  return options;
}

// The doctor's database check: it opens, is not from a newer JobLens, and passes integrity_check.
std::optional<std::string> check_database(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;  // created on the browser's first start
  auto db = storage::Database::open(path, {.busy_timeout_ms = 5000, .read_only = true});
  if (!db) return db.error().message;
  auto version = storage::schema_version(*db);
  if (!version) return version.error().message;
  if (*version > storage::latest_schema_version()) {
    return "the database was written by a newer JobLens (schema " + std::to_string(*version) + ")";
  }
  auto check = db->prepare("PRAGMA integrity_check");
  if (!check) return check.error().message;
  auto row = (*check)->step();
  if (!row) return row.error().message;
  if (!*row || (*check)->text(0) != "ok")
    return "integrity_check failed: " + (*row ? (*check)->text(0) : "no answer");
  return std::nullopt;
}

}  // namespace

int install_command(const CommandLine& line) {
  auto options = install_options(line);
  if (!options) return fail(options.error());
  auto path = install::install(*options);
  if (!path) return fail(path.error());
  std::printf("installed %s\n", path->c_str());
  return 0;
}

int uninstall_command(const CommandLine& line) {
  auto options = install_options(line);
  if (!options) return fail(options.error());
  auto removed = install::uninstall(*options);
  if (!removed) return fail(removed.error());
  for (const std::string& path : *removed) std::printf("removed %s\n", path.c_str());
  if (removed->empty()) std::printf("nothing to remove\n");
  return 0;
}

int doctor_command(const CommandLine& line) {
  install::DoctorOptions options;
  options.home = home_dir();
  options.host_binary = own_executable_path();
  if (std::string dir = option(line.args, "--user-data-dir"); !dir.empty()) options.user_data_dir = dir;
  options.database_path = line.data_dir + "/joblens.db";
  options.check_database = check_database;
  const auto checks = install::doctor(options);
  std::fputs(install::format_report(checks).c_str(), stdout);
  for (const auto& check : checks) {
    if (!check.ok) return kExitFailed;
  }
  return 0;
}

}  // namespace joblens::host
