#include "native-host/install/manifest.hpp"

#include <filesystem>

namespace joblens::host::install {

bool is_valid_host_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  char previous = '\0';
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!allowed) return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

std::string manifest_file_name(std::string_view name) { return std::string(name) + ".json"; }

std::string chrome_origin(std::string_view extension_id) {
  return "chrome-extension://" + std::string(extension_id) + "/";
}

Result<nlohmann::json> build_manifest(Family family, std::string_view host_path, std::string_view name) {
  if (!is_valid_host_name(name)) {
    return make_error(ErrorCode::invalid_value,
                      "invalid host name '" + std::string(name) +
                          "': use lowercase letters, digits, '_' and '.', with no leading, trailing "
                          "or doubled dot");
  }
  if (host_path.empty() || !std::filesystem::path(host_path).is_absolute()) {
    return make_error(ErrorCode::invalid_value,
                      "host path '" + std::string(host_path) + "' must be absolute");
  }
  // nlohmann::json preserves no insertion order, so keys come out sorted; that is fine for the
  // browsers and makes the output deterministic.
  nlohmann::json manifest = {
      {"name", std::string(name)},
      {"description", std::string(kHostDescription)},
      {"path", std::string(host_path)},
      {"type", "stdio"},
  };
  if (family == Family::chromium) {
    manifest["allowed_origins"] = nlohmann::json::array({chrome_origin()});
  } else {
    manifest["allowed_extensions"] = nlohmann::json::array({std::string(kGeckoId)});
  }
  // Browsers read the manifest as UTF-8; a path that is not valid UTF-8 cannot be written into it
  // faithfully, so refuse it here instead of writing a replacement character.
  try {
    (void)manifest.dump();
  } catch (const nlohmann::json::exception&) {
    return make_error(ErrorCode::invalid_value, "host path is not valid UTF-8");
  }
  return manifest;
}

std::string serialize_manifest(const nlohmann::json& manifest) {
  // error_handler_t::replace: a path with invalid UTF-8 would otherwise throw type_error 316.
  return manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace joblens::host::install
