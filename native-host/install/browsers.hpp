// Where each browser looks for native-messaging host manifests: one table, browser x OS x scope.
//
// Everything that knows a browser-specific path or registry key reads this table, so the installer,
// the doctor, the tests and docs/installer.md cannot drift apart. Entries marked `verified = false`
// come from other projects' installers and still need checking against vendor documentation.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "shared/wire/error.hpp"

namespace joblens::host::install {

// Not `linux`: GNU mode (-std=gnu++20, CMake's default) predefines `linux` as a macro.
enum class Os { os_linux, os_macos, os_windows };
enum class Scope { user, system };
// Chromium-family browsers read `allowed_origins`; Firefox reads `allowed_extensions`.
enum class Family { chromium, firefox };

struct BrowserLocation {
  std::string_view browser;  // command-line name: chrome, chromium, edge, brave, firefox
  Family family;
  Os os;
  Scope scope;
  // Manifest directory with placeholders: {home}, {root} (system_root, so tests can redirect
  // system paths), {appdata} (%LOCALAPPDATA%) and {programdata} (%ProgramData%).
  std::string_view directory;
  // Windows only (empty elsewhere): the key whose (Default) value must hold the manifest path.
  std::string_view registry_key;
  bool verified;
};

// Values substituted for the placeholders in BrowserLocation::directory.
struct PathContext {
  std::string home;
  std::string system_root = "/";
  std::string appdata;
  std::string programdata;
};

std::span<const BrowserLocation> all_locations();
// The valid --browser values, in table order.
std::span<const std::string_view> browser_names();

// Unknown browser → ErrorCode::usage naming the valid ones; a known browser without an entry for
// that OS/scope → ErrorCode::not_found.
Result<const BrowserLocation*> find_location(std::string_view browser, Os os, Scope scope);
Result<Family> family_of(std::string_view browser);

// Replaces the placeholders. A placeholder whose value is empty → ErrorCode::usage (for example
// $HOME unset), because writing to a relative path would put the manifest somewhere unexpected.
Result<std::string> expand_directory(std::string_view directory, const PathContext& context);

// The OS this binary was compiled for.
Os current_os();

std::string_view to_string(Os os);
std::string_view to_string(Scope scope);
std::string_view to_string(Family family);

}  // namespace joblens::host::install
