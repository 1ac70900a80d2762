// joblens-host's command line, run as a person would: install, doctor, uninstall, export, import,
// backup and --version, against a temporary home and data directory.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/host/host_fixture.hpp"
#include "tests/host/host_process.hpp"

namespace joblens::host::testing {

using nlohmann::json;

TEST_CASE("install, doctor and uninstall through the command line") {
  TempDir home, data;
  const auto run = [&](std::vector<std::string> args) {
    return run_host_command(args, home.path, data.path);
  };

  CommandRun doctor = run({"doctor"});
  CHECK(doctor.exit_code == 1);  // nothing installed yet: a problem, with its fix
  CHECK(doctor.out.find("joblens-host install --browser") != std::string::npos);

  for (const char* browser : {"chrome", "chromium", "edge", "brave", "firefox"}) {
    CAPTURE(browser);
    const CommandRun installed = run({"install", "--browser", browser});
    CHECK(installed.exit_code == 0);
    CHECK(installed.out.find(home.path) != std::string::npos);
  }
  const std::string manifest = home.path + "/.config/chromium/NativeMessagingHosts/app.joblens.host.json";
  std::ifstream in(manifest);
  const json m = json::parse(in);
  CHECK(m["path"] == std::filesystem::canonical(JOBLENS_HOST_BINARY).string());
  CHECK(m["allowed_origins"] == json{"chrome-extension://cogkllkoklmdkhbmepoennlndflfccjn/"});

  // A test browser profile (--user-data-dir) gets its own manifest.
  const CommandRun profile =
      run({"install", "--browser", "chromium", "--user-data-dir", data.path + "/profile"});
  CHECK(profile.exit_code == 0);
  CHECK(std::filesystem::exists(data.path + "/profile/NativeMessagingHosts/app.joblens.host.json"));

  doctor = run({"doctor"});
  INFO(doctor.out);
  CHECK(doctor.exit_code == 0);

  CHECK(run({"install", "--browser", "netscape"}).exit_code == 2);
  CHECK(run({"install"}).exit_code == 2);
  CHECK(run({"uninstall", "--browser", "chromium"}).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(manifest));
  CHECK(run({"frobnicate"}).exit_code == 2);
  CHECK(run({"--version"}).out.rfind("joblens-host ", 0) == 0);
}

TEST_CASE("export, import and backup through the command line") {
  TempDir home, data, other;
  {
    HostProcess host(data.path);
    host.call("jobs.upsert", {{"jobs", {{{"id", "1"}, {"title", "Data Engineer"}, {"company", "Acme"}}}}});
    host.call("applications.create", {{"id", "app-1"}, {"job_id", "1"}, {"status", "applied"}});
  }
  const std::string csv = other.path + "/applications.csv";
  CommandRun exported = run_host_command(
      {"export", "--what", "applications", "--format", "csv", "--out", csv}, home.path, data.path);
  CHECK(exported.exit_code == 0);
  CHECK(std::filesystem::file_size(csv) > 0);
  exported = run_host_command({"export", "--what", "jobs"}, home.path, data.path);
  CHECK(json::parse(exported.out)[0]["title"] == "Data Engineer");

  CHECK(run_host_command({"import", "--what", "applications", "--format", "csv", csv}, home.path, other.path)
            .exit_code == 0);
  HostProcess restored(other.path);
  CHECK(restored.call("applications.get", {{"id", "app-1"}})["result"]["application"]["company"] == "Acme");

  const std::string copy = other.path + "/copy.db";
  CHECK(run_host_command({"backup", copy}, home.path, data.path).exit_code == 0);
  CHECK(std::filesystem::file_size(copy) > 0);
  CHECK(run_host_command({"backup", copy}, home.path, data.path).exit_code ==
        1);  // never overwrites silently
  CHECK(run_host_command({"import", "--what", "jobs", other.path + "/missing.json"}, home.path, data.path)
            .exit_code == 1);
}

}  // namespace joblens::host::testing
