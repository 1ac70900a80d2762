// The location table. Sources: Chrome and MDN native-messaging docs, KeePassXC's installer, and
// the notes in shared/research/codebases.md section 6. Rows with `false` in the last column are
// not yet confirmed by vendor documentation (marked (v) there).
#include "native-host/install/browsers.hpp"

#include <array>

namespace joblens::host::install {

namespace {

constexpr Os kL = Os::os_linux;
constexpr Os kM = Os::os_macos;
constexpr Os kW = Os::os_windows;
constexpr Scope kU = Scope::user;
constexpr Scope kS = Scope::system;
constexpr Family kC = Family::chromium;
constexpr Family kF = Family::firefox;

// clang-format off
// Kept unformatted so that each row stays on one line and the table reads as a table.
constexpr std::array<BrowserLocation, 30> kLocations{{
  // Linux
  {"chrome",   kC, kL, kU, "{home}/.config/google-chrome/NativeMessagingHosts", "", true},
  {"chrome",   kC, kL, kS, "{root}/etc/opt/chrome/native-messaging-hosts", "", true},
  {"chromium", kC, kL, kU, "{home}/.config/chromium/NativeMessagingHosts", "", true},
  {"chromium", kC, kL, kS, "{root}/etc/chromium/native-messaging-hosts", "", true},
  {"edge",     kC, kL, kU, "{home}/.config/microsoft-edge/NativeMessagingHosts", "", true},
  {"edge",     kC, kL, kS, "{root}/etc/opt/edge/native-messaging-hosts", "", false},
  {"brave",    kC, kL, kU, "{home}/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts", "", true},
  {"brave",    kC, kL, kS, "{root}/etc/opt/brave/native-messaging-hosts", "", false},
  {"firefox",  kF, kL, kU, "{home}/.mozilla/native-messaging-hosts", "", true},
  // Some 64-bit distributions use /usr/lib64/mozilla/native-messaging-hosts instead.
  {"firefox",  kF, kL, kS, "{root}/usr/lib/mozilla/native-messaging-hosts", "", true},
  // macOS
  {"chrome",   kC, kM, kU, "{home}/Library/Application Support/Google/Chrome/NativeMessagingHosts", "", true},
  {"chrome",   kC, kM, kS, "{root}/Library/Google/Chrome/NativeMessagingHosts", "", true},
  {"chromium", kC, kM, kU, "{home}/Library/Application Support/Chromium/NativeMessagingHosts", "", true},
  {"chromium", kC, kM, kS, "{root}/Library/Application Support/Chromium/NativeMessagingHosts", "", true},
  {"edge",     kC, kM, kU, "{home}/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
       "", true},
  {"edge",     kC, kM, kS, "{root}/Library/Microsoft/Edge/NativeMessagingHosts", "", false},
  {"brave",    kC, kM, kU,
       "{home}/Library/Application Support/" "BraveSoftware/Brave-Browser/NativeMessagingHosts", "", true},
  {"brave",    kC, kM, kS, "{root}/Library/BraveSoftware/Brave-Browser/NativeMessagingHosts", "", false},
  {"firefox",  kF, kM, kU, "{home}/Library/Application Support/Mozilla/NativeMessagingHosts", "", true},
  {"firefox",  kF, kM, kS, "{root}/Library/Application Support/Mozilla/NativeMessagingHosts", "", true},
  // Windows: the directory is ours to choose (the registry value points at the file); one folder
  // per browser so that uninstalling one browser never removes another's manifest.
  {"chrome",   kC, kW, kU, "{appdata}\\JobLens\\NativeMessagingHosts\\chrome",
       "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.joblens.host", true},
  {"chrome",   kC, kW, kS, "{programdata}\\JobLens\\NativeMessagingHosts\\chrome",
       "HKLM\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.joblens.host", true},
  {"chromium", kC, kW, kU, "{appdata}\\JobLens\\NativeMessagingHosts\\chromium",
       "HKCU\\Software\\Chromium\\NativeMessagingHosts\\app.joblens.host", true},
  {"chromium", kC, kW, kS, "{programdata}\\JobLens\\NativeMessagingHosts\\chromium",
       "HKLM\\Software\\Chromium\\NativeMessagingHosts\\app.joblens.host", true},
  {"edge",     kC, kW, kU, "{appdata}\\JobLens\\NativeMessagingHosts\\edge",
       "HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\app.joblens.host", true},
  {"edge",     kC, kW, kS, "{programdata}\\JobLens\\NativeMessagingHosts\\edge",
       "HKLM\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\app.joblens.host", true},
  // Brave reads Chrome's key (KeePassXC: TARGET_DIR_BRAVE = TARGET_DIR_CHROME).
  {"brave",    kC, kW, kU, "{appdata}\\JobLens\\NativeMessagingHosts\\brave",
       "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.joblens.host", false},
  {"brave",    kC, kW, kS, "{programdata}\\JobLens\\NativeMessagingHosts\\brave",
       "HKLM\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.joblens.host", false},
  {"firefox",  kF, kW, kU, "{appdata}\\JobLens\\NativeMessagingHosts\\firefox",
       "HKCU\\Software\\Mozilla\\NativeMessagingHosts\\app.joblens.host", true},
  {"firefox",  kF, kW, kS, "{programdata}\\JobLens\\NativeMessagingHosts\\firefox",
       "HKLM\\Software\\Mozilla\\NativeMessagingHosts\\app.joblens.host", true},
}};
// clang-format on

constexpr std::array<std::string_view, 5> kBrowserNames{"chrome", "chromium", "edge", "brave", "firefox"};

std::string valid_browsers_text() {
  std::string text;
  for (std::string_view name : kBrowserNames) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

}  // namespace

std::span<const BrowserLocation> all_locations() { return kLocations; }

std::span<const std::string_view> browser_names() { return kBrowserNames; }

Result<const BrowserLocation*> find_location(std::string_view browser, Os os, Scope scope) {
  bool known = false;
  for (const BrowserLocation& location : kLocations) {
    if (location.browser != browser) continue;
    known = true;
    if (location.os == os && location.scope == scope) return &location;
  }
  if (!known) {
    return make_error(ErrorCode::usage, "unknown browser '" + std::string(browser) +
                                            "'; valid browsers: " + valid_browsers_text());
  }
  return make_error(ErrorCode::not_found, "no " + std::string(to_string(scope)) +
                                              "-level manifest location for " + std::string(browser) +
                                              " on " + std::string(to_string(os)));
}

Result<Family> family_of(std::string_view browser) {
  for (const BrowserLocation& location : kLocations) {
    if (location.browser == browser) return location.family;
  }
  return make_error(ErrorCode::usage, "unknown browser '" + std::string(browser) +
                                          "'; valid browsers: " + valid_browsers_text());
}

Result<std::string> expand_directory(std::string_view directory, const PathContext& context) {
  // {root} is followed by "/etc/...", so drop its trailing slashes: "/" becomes "" and the path
  // stays "/etc/..." rather than "//etc/...".
  std::string root = context.system_root;
  while (!root.empty() && root.back() == '/') root.pop_back();
  const std::array<std::pair<std::string_view, const std::string*>, 4> placeholders{{
      {"{home}", &context.home},
      {"{root}", &root},
      {"{appdata}", &context.appdata},
      {"{programdata}", &context.programdata},
  }};
  std::string out;
  std::size_t pos = 0;
  while (pos < directory.size()) {
    bool replaced = false;
    for (const auto& [name, value] : placeholders) {
      if (directory.substr(pos, name.size()) != name) continue;
      // An empty root is legitimate (it means "/"); any other empty value would make the path
      // relative to the current directory.
      if (value->empty() && name != "{root}") {
        return make_error(ErrorCode::usage, "cannot resolve " + std::string(name) + " in '" +
                                                std::string(directory) +
                                                "': the value is empty (is $HOME set?)");
      }
      out += *value;
      pos += name.size();
      replaced = true;
      break;
    }
    if (!replaced) out += directory[pos++];
  }
  return out;
}

Os current_os() {
#if defined(_WIN32)
  return Os::os_windows;
#elif defined(__APPLE__)
  return Os::os_macos;
#else
  return Os::os_linux;
#endif
}

std::string_view to_string(Os os) {
  switch (os) {
    case Os::os_linux:
      return "linux";
    case Os::os_macos:
      return "macos";
    case Os::os_windows:
      return "windows";
  }
  return "unknown";
}

std::string_view to_string(Scope scope) { return scope == Scope::user ? "user" : "system"; }

std::string_view to_string(Family family) { return family == Family::chromium ? "chromium" : "firefox"; }

}  // namespace joblens::host::install
