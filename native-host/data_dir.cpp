#include "native-host/data_dir.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

namespace joblens::host {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::string default_data_dir() {
  if (std::string dir = env("JOBLENS_DATA_DIR"); !dir.empty()) return dir;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (std::string xdg = env("XDG_DATA_HOME"); !xdg.empty() && xdg.front() == '/') return xdg + "/joblens";
  return env("HOME") + "/.local/share/joblens";
}

Result<std::string> prepare_database_path(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return make_error(ErrorCode::permission_denied, "cannot create " + data_dir + ": " + ec.message());
  ::chmod(data_dir.c_str(), 0700);
  return data_dir + "/joblens.db";
}

}  // namespace joblens::host
