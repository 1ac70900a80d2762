// The names that tie the extension and the native host together. They must match
// extension/identity.json exactly: the browser compares them byte for byte, and a mismatch shows up
// only at run time as "Specified native messaging host not found" or "... is forbidden".
#pragma once

#include <string_view>

namespace joblens::host::install {

// The manifest's `name`, and (with ".json") its file name on Linux and macOS.
inline constexpr std::string_view kHostName = "app.joblens.host";
// Derived from `chrome_key` in identity.json, so it is the same for unpacked and store builds.
inline constexpr std::string_view kChromeExtensionId = "cogkllkoklmdkhbmepoennlndflfccjn";
// Pinned by browser_specific_settings.gecko.id in the Firefox extension manifest.
inline constexpr std::string_view kGeckoId = "joblens@joblens.invalid";
inline constexpr std::string_view kHostDescription = "JobLens native host (local job scoring and storage)";

}  // namespace joblens::host::install
