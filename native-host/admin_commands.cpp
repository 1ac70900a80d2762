// The command-line side of export, import and backup: the same dispatcher the browser talks to,
// without the frame limit, following export pages to the end.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "native-host/command_line.hpp"
#include "native-host/data_dir.hpp"
#include "native-host/host_app.hpp"
#include "native-host/storage/rows.hpp"

namespace joblens::host {

using nlohmann::json;

std::string option(const std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return {};
}

bool flag(const std::vector<std::string>& args, const std::string& name) {
  for (const std::string& a : args) {
    if (a == name) return true;
  }
  return false;
}

int fail(const Error& error) {
  std::fprintf(stderr, "joblens-host: %s (%s %d)\n", error.message.c_str(),
               std::string(to_string(error.code)).c_str(), static_cast<int>(error.code));
  return error.code == ErrorCode::usage ? kExitUsage : kExitFailed;
}

std::string own_executable_path() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : path.string();
}

namespace {

Result<HostApp> open_for_command(const CommandLine& line) {
  auto path = prepare_database_path(line.data_dir);
  if (!path) return path.error();
  return open_host(*path, std::numeric_limits<std::size_t>::max());
}

}  // namespace

int export_command(const CommandLine& line) {
  const std::string what = option(line.args, "--what");
  const std::string format = option(line.args, "--format").empty() ? "json" : option(line.args, "--format");
  if (what.empty())
    return fail(make_error(ErrorCode::usage, "export needs --what applications|jobs|profile"));
  auto app = open_for_command(line);
  if (!app) return fail(app.error());
  std::string text;
  json rows = json::array();
  std::string after;
  for (;;) {
    json args{{"format", format}, {"what", what}, {"limit", 1000}};
    if (!after.empty()) args["after"] = after;
    auto page = app->dispatcher->call("export", args);
    if (!page) return fail(page.error());
    const json& data = (*page)["data"];
    if (format == "csv") {
      text += data.get<std::string>();
    } else if (data.is_array()) {
      for (const json& row : data) rows.push_back(row);
    } else {
      rows = data;  // the profile: one object
    }
    if ((*page)["next_after"].is_null()) break;
    after = (*page)["next_after"].get<std::string>();
  }
  if (format != "csv") text = rows.dump(2) + "\n";
  const std::string out = option(line.args, "--out");
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file.flush()) return fail(make_error(ErrorCode::io_error, "cannot write " + out));
  std::fprintf(stderr, "joblens-host: wrote %s\n", out.c_str());
  return 0;
}

int import_command(const CommandLine& line) {
  const std::string what = option(line.args, "--what");
  const std::string format = option(line.args, "--format").empty() ? "json" : option(line.args, "--format");
  const std::string file = line.args.empty() ? std::string() : line.args.back();
  if (what.empty() || file.empty() || file.rfind("--", 0) == 0) {
    return fail(make_error(ErrorCode::usage, "import needs --what applications|jobs and a FILE"));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(make_error(ErrorCode::io_error, "cannot read " + file));
  std::stringstream content;
  content << in.rdbuf();
  json data = content.str();
  if (format == "json") {
    data = json::parse(content.str(), nullptr, /*allow_exceptions=*/false);
    if (data.is_discarded()) return fail(make_error(ErrorCode::invalid_json, file + " is not valid JSON"));
  }
  auto app = open_for_command(line);
  if (!app) return fail(app.error());
  auto result = app->dispatcher->call("import", {{"format", format}, {"what", what}, {"data", data}});
  if (!result) return fail(result.error());
  std::fprintf(stderr, "joblens-host: imported %d %s\n", (*result)["imported"].get<int>(), what.c_str());
  return 0;
}

int backup_command(const CommandLine& line) {
  if (line.args.empty()) return fail(make_error(ErrorCode::usage, "backup needs a FILE"));
  std::error_code ec;
  const std::string target = std::filesystem::absolute(line.args.front(), ec).string();
  auto app = open_for_command(line);
  if (!app) return fail(app.error());
  auto result =
      app->dispatcher->call("backup", {{"path", target}, {"overwrite", flag(line.args, "--overwrite")}});
  if (!result) return fail(result.error());
  std::fprintf(stderr, "joblens-host: backed up %lld bytes to %s\n",
               static_cast<long long>((*result)["bytes"].get<std::int64_t>()), target.c_str());
  return 0;
}

}  // namespace joblens::host
