#include "native-host/install/doctor.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "native-host/install/identity.hpp"
#include "native-host/install/manifest.hpp"

namespace joblens::host::install {

namespace {

namespace fs = std::filesystem;

DoctorCheck pass(std::string what) { return DoctorCheck{std::move(what), true, "", ""}; }

DoctorCheck fail(std::string what, std::string problem, std::string fix) {
  return DoctorCheck{std::move(what), false, std::move(problem), std::move(fix)};
}

bool has_bom(const std::string& text) { return text.rfind("\xEF\xBB\xBF", 0) == 0; }

bool contains_string(const nlohmann::json& list, const std::string& value) {
  if (!list.is_array()) return false;
  return std::any_of(list.begin(), list.end(),
                     [&](const nlohmann::json& item) { return item.is_string() && item == value; });
}

// Returns a problem, or "" when `manifest_path` ("path" in the manifest) will start this host.
std::string host_path_problem(const nlohmann::json& manifest, const std::string& host_binary) {
  const auto it = manifest.find("path");
  if (it == manifest.end() || !it->is_string()) return "the manifest has no \"path\" string";
  const std::string target = it->get<std::string>();
  if (!fs::path(target).is_absolute()) {
    return "\"path\" is relative (" + target + "); Linux and macOS require an absolute path";
  }
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    return "\"path\" points at " + target + ", which does not exist (browser: \"Native host has exited\")";
  }
  if (!fs::is_regular_file(target, ec) || ::access(target.c_str(), X_OK) != 0) {
    return "\"path\" points at " + target + ", which is not an executable file";
  }
  if (!host_binary.empty()) {
    // equivalent() follows symlinks, so /usr/bin/joblens-host -> /opt/... still counts as a match.
    const bool same = fs::equivalent(target, host_binary, ec) && !ec;
    if (!same) {
      return "\"path\" points at " + target + ", but this joblens-host is " + host_binary +
             " (an older or different copy would be started)";
    }
  }
  return "";
}

std::string install_command(std::string_view browser, Scope scope) {
  std::string command = "joblens-host install --browser " + std::string(browser);
  if (scope == Scope::system) return "run sudo " + command + " --system";
  return "run " + command;
}

}  // namespace

std::vector<DoctorCheck> check_manifest(const std::string& path, Family family,
                                        const std::string& host_binary, const std::string& fix) {
  std::vector<DoctorCheck> checks;
  const std::string label = "manifest " + path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    checks.push_back(fail(label + ": readable", "cannot open the file (permissions?)",
                          "make it readable (chmod 644 '" + path + "'), or " + fix));
    return checks;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  // Chrome rejects a BOM as invalid JSON ("Specified native messaging host not found"). Report it
  // and keep going without it, so the other problems show up in the same run.
  if (has_bom(text)) {
    checks.push_back(fail(label + ": no byte-order mark",
                          "the file starts with a UTF-8 byte-order mark, which browsers reject "
                          "(\"Specified native messaging host not found\")",
                          fix + " (it writes UTF-8 without BOM)"));
    text.erase(0, 3);
  } else {
    checks.push_back(pass(label + ": no byte-order mark"));
  }

  const nlohmann::json manifest = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    checks.push_back(
        fail(label + ": valid JSON", "the file is not a valid JSON object", fix + " (it rewrites the file)"));
    return checks;
  }
  checks.push_back(pass(label + ": valid JSON"));

  const std::string stem = fs::path(path).filename().string();
  const auto name = manifest.find("name");
  if (name == manifest.end() || !name->is_string() || manifest_file_name(name->get<std::string>()) != stem) {
    checks.push_back(fail(label + ": name matches file name",
                          "\"name\" must be \"" + std::string(kHostName) + "\" to match the file name " +
                              stem + " (browser: \"Specified native messaging host not found\")",
                          fix));
  } else {
    checks.push_back(pass(label + ": name matches file name"));
  }

  const auto type = manifest.find("type");
  if (type == manifest.end() || *type != "stdio") {
    checks.push_back(fail(label + ": type is stdio", "\"type\" must be \"stdio\"", fix));
  } else {
    checks.push_back(pass(label + ": type is stdio"));
  }

  if (std::string problem = host_path_problem(manifest, host_binary); !problem.empty()) {
    checks.push_back(fail(label + ": path starts this joblens-host", std::move(problem), fix));
  } else {
    checks.push_back(pass(label + ": path starts this joblens-host"));
  }

  const bool chromium = family == Family::chromium;
  const char* key = chromium ? "allowed_origins" : "allowed_extensions";
  const std::string wanted = chromium ? chrome_origin() : std::string(kGeckoId);
  const auto list = manifest.find(key);
  if (list == manifest.end() || !contains_string(*list, wanted)) {
    std::string problem = std::string("\"") + key + "\" does not contain \"" + wanted +
                          "\" (browser: \"Access to the specified native messaging host is forbidden\")";
    if (chromium && list != manifest.end() && contains_string(*list, wanted.substr(0, wanted.size() - 1))) {
      problem += "; the origin is there but without the required trailing slash";
    }
    checks.push_back(fail(label + ": allows the JobLens extension", std::move(problem), fix));
  } else {
    checks.push_back(pass(label + ": allows the JobLens extension"));
  }
  return checks;
}

std::vector<DoctorCheck> doctor(const DoctorOptions& options) {
  std::vector<DoctorCheck> checks;
  try {
    int found = 0;
    PathContext context;
    context.home = options.home;
    context.system_root = options.system_root.empty() ? "/" : options.system_root;
    if (options.home.empty()) {
      checks.push_back(fail("$HOME is set", "HOME is empty, so user-level manifests cannot be found",
                            "run doctor as the user who runs the browser, with HOME set"));
    }
    for (const BrowserLocation& location : all_locations()) {
      if (location.os != Os::os_linux) continue;
      if (location.scope == Scope::user && options.home.empty()) continue;
      Result<std::string> directory = expand_directory(location.directory, context);
      if (!directory) continue;  // only an empty {home}, reported above
      const std::string path = (fs::path(*directory) / manifest_file_name()).string();
      const std::string title =
          std::string(location.browser) + " (" + std::string(to_string(location.scope)) + ")";
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        checks.push_back(pass(title + ": not installed (no " + path + ")"));
        continue;
      }
      ++found;
      checks.push_back(pass(title + ": manifest found at " + path));
      std::vector<DoctorCheck> more = check_manifest(path, location.family, options.host_binary,
                                                     install_command(location.browser, location.scope));
      checks.insert(checks.end(), more.begin(), more.end());
    }

    // An explicit --user-data-dir means the user cares about that directory, so absence fails.
    if (options.user_data_dir) {
      const std::string path =
          (fs::path(*options.user_data_dir) / "NativeMessagingHosts" / manifest_file_name()).string();
      const std::string fix =
          "run joblens-host install --browser <chrome|chromium|edge|brave> --user-data-dir '" +
          *options.user_data_dir + "'";
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        checks.push_back(fail("--user-data-dir manifest " + path,
                              "missing: a browser started with this --user-data-dir reports \"Specified "
                              "native messaging host not found\"",
                              fix));
      } else {
        ++found;
        std::vector<DoctorCheck> more = check_manifest(path, Family::chromium, options.host_binary, fix);
        checks.insert(checks.end(), more.begin(), more.end());
      }
    }

    if (found == 0) {
      checks.push_back(
          fail("a manifest is installed for at least one browser",
               "no browser can start joblens-host (\"Specified native messaging host not found\")",
               "run joblens-host install --browser <chrome|chromium|edge|brave|firefox>"));
    }

    if (!options.database_path.empty()) {
      const fs::path data_dir = fs::path(options.database_path).parent_path();
      const std::string dir = data_dir.string();
      std::error_code ec;
      if (!fs::is_directory(data_dir, ec)) {
        checks.push_back(
            fail("data directory " + dir, "does not exist", "create it: mkdir -p '" + dir + "'"));
      } else if (::access(dir.c_str(), W_OK) != 0) {
        checks.push_back(
            fail("data directory " + dir, "is not writable", "make it writable: chmod u+w '" + dir + "'"));
      } else {
        checks.push_back(pass("data directory " + dir));
      }
      if (options.check_database) {
        if (std::optional<std::string> problem = options.check_database(options.database_path)) {
          checks.push_back(
              fail("database " + options.database_path, *problem,
                   "close the browser, back up the file, and see \"Troubleshooting\" in docs/installer.md"));
        } else {
          checks.push_back(pass("database " + options.database_path));
        }
      }
    }
  } catch (const std::exception& e) {  // e.g. bad_alloc or a throwing callback: report, never escape
    checks.push_back(
        fail("doctor ran to completion", std::string("internal error: ") + e.what(), "report this as a bug"));
  }
  return checks;
}

std::string format_report(const std::vector<DoctorCheck>& checks) {
  std::ostringstream out;
  int problems = 0;
  for (const DoctorCheck& check : checks) {
    out << (check.ok ? "[ok]   " : "[FAIL] ") << check.what << '\n';
    if (check.ok) continue;
    ++problems;
    if (!check.problem.empty()) out << "       problem: " << check.problem << '\n';
    if (!check.fix.empty()) out << "       fix:     " << check.fix << '\n';
  }
  if (problems == 0) {
    out << "No problems found.\n";
  } else {
    out << problems << (problems == 1 ? " problem" : " problems") << " found.\n";
  }
  return out.str();
}

}  // namespace joblens::host::install
