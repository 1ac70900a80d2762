// Builds the native-messaging host manifest, the JSON file a browser reads to find and authorise
// joblens-host. Chromium-family browsers and Firefox need different keys (allowed_origins vs
// allowed_extensions), so there is one manifest per browser family.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "native-host/install/browsers.hpp"
#include "native-host/install/identity.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::install {

// Chrome's rule: lowercase letters, digits, '_' and '.', no leading, trailing or doubled dot.
bool is_valid_host_name(std::string_view name);

// "<name>.json": on Linux and macOS the browser looks the file up by exactly this name.
std::string manifest_file_name(std::string_view name = kHostName);

// "chrome-extension://<id>/" — the trailing slash is required; Chrome compares origins exactly.
std::string chrome_origin(std::string_view extension_id = kChromeExtensionId);

// {name, description, path, type:"stdio", allowed_origins | allowed_extensions}.
// `host_path` must be absolute (Linux and macOS refuse relative paths) → else invalid_value;
// an invalid `name` → invalid_value.
Result<nlohmann::json> build_manifest(Family family, std::string_view host_path,
                                      std::string_view name = kHostName);

// The exact bytes written to disk: pretty-printed UTF-8, no BOM, trailing newline. Never throws:
// strings that are not valid UTF-8 are replaced rather than rejected by the serializer.
std::string serialize_manifest(const nlohmann::json& manifest);

}  // namespace joblens::host::install
