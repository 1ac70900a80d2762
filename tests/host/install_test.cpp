// Installer and doctor tests. Every test works in its own mkdtemp directory standing in for $HOME,
// the system root and --user-data-dir, so nothing touches the real machine.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "native-host/install/browsers.hpp"
#include "native-host/install/doctor.hpp"
#include "native-host/install/identity.hpp"
#include "native-host/install/installer.hpp"
#include "native-host/install/manifest.hpp"

namespace fs = std::filesystem;
using namespace joblens::host::install;
using joblens::ErrorCode;

namespace {

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "joblens-install-XXXXXX").string();
    const char* made = ::mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path_ = made;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() { fs::remove_all(path_, ec_); }
  const fs::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
  std::error_code ec_;  // cleanup is best effort; a leftover temp dir must not fail the test
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A stand-in for joblens-host: exists and is executable, which is all the doctor checks.
std::string make_fake_binary(const TempDir& dir) {
  const fs::path binary = dir.path() / "bin" / "joblens-host";
  write_file(binary, "#!/bin/sh\nexit 0\n");
  fs::permissions(binary, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  return binary.string();
}

struct Expected {
  const char* browser;
  const char* user_dir;    // relative to $HOME
  const char* system_dir;  // relative to system_root
  bool firefox;
};

// Written out independently of browsers.cpp so that a typo in the table fails here.
constexpr std::array<Expected, 5> kExpected{{
    {"chrome", ".config/google-chrome/NativeMessagingHosts", "etc/opt/chrome/native-messaging-hosts", false},
    {"chromium", ".config/chromium/NativeMessagingHosts", "etc/chromium/native-messaging-hosts", false},
    {"edge", ".config/microsoft-edge/NativeMessagingHosts", "etc/opt/edge/native-messaging-hosts", false},
    {"brave", ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
     "etc/opt/brave/native-messaging-hosts", false},
    {"firefox", ".mozilla/native-messaging-hosts", "usr/lib/mozilla/native-messaging-hosts", true},
}};

InstallOptions options_for(const char* browser, const TempDir& home, const std::string& binary) {
  InstallOptions options;
  options.browser = browser;
  options.home = home.str();
  options.host_binary = binary;
  options.system_root = (home.path() / "root").string();
  options.os = Os::os_linux;
  return options;
}

DoctorOptions doctor_options_for(const TempDir& home, const std::string& binary) {
  DoctorOptions options;
  options.home = home.str();
  options.host_binary = binary;
  options.system_root = (home.path() / "root").string();
  return options;
}

// Asserts the exact bytes a browser will read.
void check_written_manifest(const fs::path& path, const std::string& binary, bool firefox) {
  const std::string text = read_file(path);
  REQUIRE_FALSE(text.empty());
  CHECK(text.rfind("\xEF\xBB\xBF", 0) == std::string::npos);  // no BOM
  CHECK(text.back() == '\n');
  const nlohmann::json manifest = nlohmann::json::parse(text);
  nlohmann::json expected = {
      {"name", "app.joblens.host"}, {"description", kHostDescription}, {"path", binary}, {"type", "stdio"}};
  if (firefox) {
    expected["allowed_extensions"] = {"joblens@joblens.invalid"};
  } else {
    expected["allowed_origins"] = {"chrome-extension://cogkllkoklmdkhbmepoennlndflfccjn/"};
  }
  CHECK(manifest == expected);
  CHECK(fs::path(manifest["path"].get<std::string>()).is_absolute());
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);
}

// True when some failed check's problem mentions `needle` and offers a fix.
bool has_failure_mentioning(const std::vector<DoctorCheck>& checks, const std::string& needle) {
  return std::any_of(checks.begin(), checks.end(), [&](const DoctorCheck& c) {
    return !c.ok && c.problem.find(needle) != std::string::npos && !c.fix.empty();
  });
}

bool all_ok(const std::vector<DoctorCheck>& checks) {
  return std::all_of(checks.begin(), checks.end(), [](const DoctorCheck& c) { return c.ok; });
}

}  // namespace

TEST_CASE("identity constants and the host name rule") {
  CHECK(kHostName == "app.joblens.host");  // must match extension/identity.json
  CHECK(kChromeExtensionId == "cogkllkoklmdkhbmepoennlndflfccjn");
  CHECK(kGeckoId == "joblens@joblens.invalid");
  CHECK(is_valid_host_name(kHostName));
  CHECK(is_valid_host_name("com.example.host_1"));
  CHECK_FALSE(is_valid_host_name(""));
  CHECK_FALSE(is_valid_host_name(".app.host"));
  CHECK_FALSE(is_valid_host_name("app.host."));
  CHECK_FALSE(is_valid_host_name("app..host"));
  CHECK_FALSE(is_valid_host_name("App.Host"));
  CHECK_FALSE(is_valid_host_name("app-host"));
  CHECK(build_manifest(Family::chromium, "/usr/bin/x", "Bad-Name").error().code == ErrorCode::invalid_value);
  CHECK(build_manifest(Family::chromium, "relative/x").error().code == ErrorCode::invalid_value);
  CHECK(build_manifest(Family::firefox, "/usr/bin/\xff").error().code == ErrorCode::invalid_value);
}

TEST_CASE("location table covers every browser x OS x scope") {
  for (std::string_view browser : browser_names()) {
    for (Os os : {Os::os_linux, Os::os_macos, Os::os_windows}) {
      for (Scope scope : {Scope::user, Scope::system}) {
        auto location = find_location(browser, os, scope);
        REQUIRE(location.ok());
        CHECK((*location)->browser == browser);
        const bool windows = os == Os::os_windows;
        CHECK((*location)->registry_key.empty() == !windows);
        if (windows) {
          const std::string_view key = (*location)->registry_key;
          CHECK(key.substr(0, 4) == (scope == Scope::user ? "HKCU" : "HKLM"));
          CHECK(key.ends_with("\\NativeMessagingHosts\\app.joblens.host"));
        }
      }
    }
  }
  CHECK(all_locations().size() == 30);
  auto unknown = find_location("opera", Os::os_linux, Scope::user);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::usage);
  CHECK(unknown.error().message.find("chrome, chromium, edge, brave, firefox") != std::string::npos);
}

TEST_CASE("install, reinstall and uninstall for every browser (user scope)") {
  for (const Expected& expected : kExpected) {
    CAPTURE(expected.browser);
    TempDir home;
    const std::string binary = make_fake_binary(home);
    const InstallOptions options = options_for(expected.browser, home, binary);
    const fs::path want = home.path() / expected.user_dir / "app.joblens.host.json";

    auto path = install(options);
    REQUIRE_MESSAGE(path.ok(), (path.ok() ? "" : path.error().message));
    CHECK(*path == want.string());
    CHECK(*manifest_path(options) == want.string());
    check_written_manifest(want, binary, expected.firefox);
    const std::string first = read_file(want);
    // Idempotent: same path, same bytes, and no temp files left in the directory.
    auto again = install(options);
    REQUIRE(again.ok());
    CHECK(*again == want.string());
    CHECK(read_file(want) == first);
    CHECK(std::distance(fs::directory_iterator(want.parent_path()), fs::directory_iterator()) == 1);
    auto removed = uninstall(options);
    REQUIRE(removed.ok());
    CHECK(*removed == std::vector<std::string>{want.string()});
    CHECK_FALSE(fs::exists(want));

    auto removed_again = uninstall(options);
    REQUIRE(removed_again.ok());
    CHECK(removed_again->empty());
  }
}

TEST_CASE("install with --user-data-dir for every chromium-family browser; firefox refuses") {
  for (const Expected& expected : kExpected) {
    CAPTURE(expected.browser);
    TempDir home;
    TempDir data;
    const std::string binary = make_fake_binary(home);
    InstallOptions options = options_for(expected.browser, home, binary);
    options.user_data_dir = data.str();
    auto path = install(options);
    if (expected.firefox) {
      REQUIRE_FALSE(path.ok());
      CHECK(path.error().code == ErrorCode::usage);
      CHECK(path.error().message.find("--user-data-dir") != std::string::npos);
      CHECK(uninstall(options).error().code == ErrorCode::usage);
      continue;
    }
    const fs::path want = data.path() / "NativeMessagingHosts" / "app.joblens.host.json";
    REQUIRE(path.ok());
    CHECK(*path == want.string());
    check_written_manifest(want, binary, false);
    CHECK_FALSE(fs::exists(home.path() / expected.user_dir));  // nothing written in $HOME
    REQUIRE(install(options).ok());                            // idempotent here too
    CHECK(uninstall(options).ok());
    CHECK_FALSE(fs::exists(want));
  }
}

TEST_CASE("--system installs under system_root for every browser") {
  for (const Expected& expected : kExpected) {
    CAPTURE(expected.browser);
    TempDir home;
    const std::string binary = make_fake_binary(home);
    InstallOptions options = options_for(expected.browser, home, binary);
    options.system = true;
    options.system_root += "/";  // a trailing slash must not produce "//"
    const fs::path want = home.path() / "root" / expected.system_dir / "app.joblens.host.json";
    auto path = install(options);
    REQUIRE(path.ok());
    CHECK(*path == want.string());
    check_written_manifest(want, binary, expected.firefox);
    CHECK(uninstall(options).ok());
    CHECK_FALSE(fs::exists(want));
    options.user_data_dir = home.str();
    CHECK(install(options).error().code == ErrorCode::usage);
  }
}

TEST_CASE("install reports usage and value errors") {
  TempDir home;
  const std::string binary = make_fake_binary(home);

  InstallOptions unknown = options_for("netscape", home, binary);
  auto result = install(unknown);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::usage);
  CHECK(result.error().message.find("firefox") != std::string::npos);
  CHECK(uninstall(unknown).error().code == ErrorCode::usage);

  InstallOptions relative = options_for("chrome", home, binary);
  relative.host_binary = "joblens-host";
  CHECK(install(relative).error().code == ErrorCode::invalid_value);

  InstallOptions no_home = options_for("chrome", home, binary);
  no_home.home.clear();
  CHECK(install(no_home).error().code == ErrorCode::usage);

  InstallOptions mac = options_for("chrome", home, binary);
  mac.os = Os::os_macos;
  CHECK(install(mac).error().code == ErrorCode::invalid_value);
  CHECK(current_os() == Os::os_linux);

  if (::geteuid() != 0) {  // root ignores permission bits
    const fs::path locked = home.path() / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    InstallOptions denied = options_for("chrome", home, binary);
    denied.user_data_dir = locked.string();
    CHECK(install(denied).error().code == ErrorCode::permission_denied);
    fs::permissions(locked, fs::perms::owner_all);
  }
}

TEST_CASE("doctor: a clean install is ok, nothing installed is not") {
  TempDir home;
  const std::string binary = make_fake_binary(home);
  DoctorOptions doctor_options = doctor_options_for(home, binary);
  doctor_options.database_path = (home.path() / "data" / "joblens.db").string();
  fs::create_directories(home.path() / "data");
  std::string checked_db;
  doctor_options.check_database = [&](const std::string& db) -> std::optional<std::string> {
    checked_db = db;
    return std::nullopt;
  };

  auto empty = doctor(doctor_options);
  CHECK_FALSE(all_ok(empty));
  CHECK(has_failure_mentioning(empty, "no browser"));

  REQUIRE(install(options_for("chrome", home, binary)).ok());
  REQUIRE(install(options_for("firefox", home, binary)).ok());
  auto checks = doctor(doctor_options);
  INFO(format_report(checks));
  CHECK(all_ok(checks));
  CHECK(checked_db == doctor_options.database_path);
  CHECK(format_report(checks).find("No problems found.") != std::string::npos);

  doctor_options.check_database = [](const std::string&) -> std::optional<std::string> {
    return std::string("database disk image is malformed");
  };
  doctor_options.database_path = (home.path() / "missing" / "joblens.db").string();
  auto bad_data = doctor(doctor_options);
  CHECK(has_failure_mentioning(bad_data, "does not exist"));
  CHECK(has_failure_mentioning(bad_data, "malformed"));
}

TEST_CASE("doctor: broken manifests each produce a problem with a fix") {
  TempDir home;
  const std::string binary = make_fake_binary(home);
  const InstallOptions options = options_for("chrome", home, binary);
  REQUIRE(install(options).ok());
  const fs::path manifest = *manifest_path(options);
  const std::string good = read_file(manifest);
  DoctorOptions doctor_options = doctor_options_for(home, binary);

  auto run_with = [&](const std::string& text) {
    write_file(manifest, text);
    auto checks = doctor(doctor_options);
    const std::string report = format_report(checks);
    CHECK(report.find("fix:     run joblens-host install --browser chrome") != std::string::npos);
    return checks;
  };

  SUBCASE("missing binary") {
    nlohmann::json json = nlohmann::json::parse(good);
    json["path"] = (home.path() / "gone" / "joblens-host").string();
    CHECK(has_failure_mentioning(run_with(json.dump()), "does not exist"));
  }
  SUBCASE("not executable") {
    fs::permissions(binary, fs::perms::owner_read | fs::perms::owner_write);
    CHECK(has_failure_mentioning(run_with(good), "not an executable"));
  }
  SUBCASE("a different binary") {
    TempDir other;
    nlohmann::json json = nlohmann::json::parse(good);
    json["path"] = make_fake_binary(other);
    CHECK(has_failure_mentioning(run_with(json.dump()), "but this joblens-host is"));
  }
  SUBCASE("byte-order mark") {
    CHECK(has_failure_mentioning(run_with("\xEF\xBB\xBF" + good), "byte-order mark"));
  }
  SUBCASE("wrong extension id") {
    nlohmann::json json = nlohmann::json::parse(good);
    json["allowed_origins"] = {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"};
    CHECK(has_failure_mentioning(run_with(json.dump()), "forbidden"));
  }
  SUBCASE("origin without trailing slash") {
    nlohmann::json json = nlohmann::json::parse(good);
    json["allowed_origins"] = {"chrome-extension://cogkllkoklmdkhbmepoennlndflfccjn"};
    CHECK(has_failure_mentioning(run_with(json.dump()), "trailing slash"));
  }
  SUBCASE("invalid JSON") { CHECK(has_failure_mentioning(run_with("{\"name\": "), "not a valid JSON")); }
  SUBCASE("wrong name and type") {
    nlohmann::json json = nlohmann::json::parse(good);
    json["name"] = "app.other.host";
    json["type"] = "pipe";
    auto checks = run_with(json.dump());
    CHECK(has_failure_mentioning(checks, "match the file name"));
    CHECK(has_failure_mentioning(checks, "\"stdio\""));
  }
}

TEST_CASE("doctor: --user-data-dir and firefox manifests") {
  TempDir home;
  TempDir data;
  const std::string binary = make_fake_binary(home);
  DoctorOptions doctor_options = doctor_options_for(home, binary);
  doctor_options.user_data_dir = data.str();
  CHECK(has_failure_mentioning(doctor(doctor_options), "--user-data-dir"));

  InstallOptions options = options_for("chromium", home, binary);
  options.user_data_dir = data.str();
  REQUIRE(install(options).ok());
  CHECK(all_ok(doctor(doctor_options)));

  // A Chromium manifest in Firefox's directory lacks allowed_extensions.
  const fs::path firefox = home.path() / ".mozilla/native-messaging-hosts/app.joblens.host.json";
  write_file(firefox, read_file(*manifest_path(options)));
  CHECK(has_failure_mentioning(doctor(doctor_options), "allowed_extensions"));
}
