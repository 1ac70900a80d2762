#include "native-host/llm/llm_config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace joblens::host::llm {

namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "llm.";
constexpr const char* kKeys[] = {"llm.providers", "llm.chains", "llm.budget", "llm.cache_ttl_hours",
                                 "llm.embeddings"};

Error bad(std::string_view key, const std::string& what) {
  return make_error(ErrorCode::invalid_value, "settings.put: " + std::string(key) + ": " + what);
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// Only http(s) endpoints: libcurl would also speak file:// or gopher:// and a base URL comes from
// a settings page.
bool valid_base_url(const std::string& url) {
  return url.size() <= 512 && (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0);
}

// The kinds the options page offers, their wire format and default endpoint. Anthropic and Ollama
// URLs are accepted with or without the trailing /v1 the person may not know about.
struct Preset {
  std::string_view name;
  ProviderKind kind;
  std::string_view default_base_url;  // empty: the person must give one
  bool append_v1;
};
constexpr Preset kPresets[] = {
    {"openai", ProviderKind::openai, "https://api.openai.com/v1", false},
    {"anthropic", ProviderKind::anthropic, "https://api.anthropic.com/v1", true},
    {"ollama", ProviderKind::openai, "http://localhost:11434/v1", true},
    {"openai_compatible", ProviderKind::openai, "", false},
};

const Preset* find_preset(std::string_view name) {
  for (const Preset& preset : kPresets) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

template <typename T>
std::optional<T> get_number(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<T>();
}

std::string get_string(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<LlmConfig::Provider> provider_from_json(const json& p, const LlmConfig* previous,
                                               std::string_view key) {
  if (!p.is_object()) return bad(key, "each provider is an object");
  LlmConfig::Provider out;
  out.endpoint.id = get_string(p, "id");
  if (!valid_id(out.endpoint.id))
    return bad(key, "a provider id is 1-64 characters of a-z, 0-9, '-', '_', '.'");
  out.preset = get_string(p, "kind");
  const Preset* preset = find_preset(out.preset);
  if (preset == nullptr) {
    return bad(key, "provider '" + out.endpoint.id +
                        "': kind is one of openai, anthropic, ollama, openai_compatible");
  }
  out.endpoint.kind = preset->kind;
  std::string& url = out.endpoint.base_url;
  url = get_string(p, "base_url");
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.empty()) url = preset->default_base_url;
  if (url.empty()) return bad(key, "provider '" + out.endpoint.id + "' needs its server's base_url");
  if (preset->append_v1 && (url.size() < 3 || url.compare(url.size() - 3, 3, "/v1") != 0)) url += "/v1";
  if (!valid_base_url(out.endpoint.base_url)) {
    return bad(key, "provider '" + out.endpoint.id + "': base_url must start with https:// or http://");
  }
  out.model = get_string(p, "model");
  if (out.model.empty() || out.model.size() > 128) {
    return bad(key, "provider '" + out.endpoint.id + "' needs a model (at most 128 characters)");
  }
  if (const auto more = p.find("models"); more != p.end() && more->is_array()) {
    for (const json& m : *more) {
      if (m.is_string() && !m.get<std::string>().empty() && m.get<std::string>() != out.model) {
        out.more_models.push_back(m.get<std::string>());
      }
    }
  }
  if (const auto free = p.find("free"); free != p.end() && free->is_boolean()) out.free = free->get<bool>();
  out.endpoint.requests_per_min = std::clamp(get_number<int>(p, "requests_per_min").value_or(0), 0, 100'000);
  out.endpoint.tokens_per_min = std::clamp(get_number<int>(p, "tokens_per_min").value_or(0), 0, 100'000'000);
  out.endpoint.connect_timeout_ms =
      std::clamp(get_number<int>(p, "connect_timeout_ms").value_or(5'000), 100, 60'000);
  out.endpoint.total_timeout_ms =
      std::clamp(get_number<int>(p, "total_timeout_ms").value_or(60'000), 200, 600'000);
  // The key: a new one replaces, none keeps the stored one, null removes it.
  const auto api_key = p.find("api_key");
  if (api_key != p.end() && api_key->is_string() && !api_key->get<std::string>().empty()) {
    out.endpoint.api_key = api_key->get<std::string>();
  } else if (api_key == p.end() || api_key->is_string()) {
    if (previous != nullptr) {
      if (const auto* old = previous->provider(out.endpoint.id)) out.endpoint.api_key = old->endpoint.api_key;
    }
  }
  return out;
}

Result<std::vector<ChainStep>> chain_from_json(const json& steps, std::string_view key) {
  if (!steps.is_array()) return bad(key, "a chain is an array of {provider, model}");
  std::vector<ChainStep> out;
  for (const json& s : steps) {
    if (!s.is_object()) return bad(key, "a chain step is {provider, model}");
    ChainStep step{get_string(s, "provider"), get_string(s, "model")};
    if (step.provider.empty()) return bad(key, "a chain step needs a provider");
    out.push_back(std::move(step));
  }
  return out;
}

json provider_to_json(const LlmConfig::Provider& p, bool include_keys) {
  json out{{"id", p.endpoint.id},
           {"kind", p.preset},
           {"base_url", p.endpoint.base_url},
           {"model", p.model},
           {"models", p.more_models},
           {"requests_per_min", p.endpoint.requests_per_min},
           {"tokens_per_min", p.endpoint.tokens_per_min},
           {"connect_timeout_ms", p.endpoint.connect_timeout_ms},
           {"total_timeout_ms", p.endpoint.total_timeout_ms},
           {"has_key", !p.endpoint.api_key.empty()}};
  if (p.free) out["free"] = *p.free;
  if (include_keys) out["api_key"] = p.endpoint.api_key;
  return out;
}

json step_to_json(const ChainStep& step) { return json{{"provider", step.provider}, {"model", step.model}}; }

}  // namespace

const LlmConfig::Provider* LlmConfig::provider(std::string_view id) const {
  for (const auto& p : providers) {
    if (p.endpoint.id == id) return &p;
  }
  return nullptr;
}

std::vector<ChainStep> LlmConfig::chain_for(std::string_view feature) const {
  std::vector<ChainStep> steps;
  for (const auto& [name, chain] : chains) {
    if (name != feature) continue;
    for (const ChainStep& step : chain) {
      const Provider* p = provider(step.provider);
      if (p != nullptr) steps.push_back({step.provider, step.model.empty() ? p->model : step.model});
    }
    return steps;
  }
  // No chain of its own: each provider's default model, then its alternatives, in order.
  for (const auto& p : providers) {
    steps.push_back({p.endpoint.id, p.model});
    for (const auto& m : p.more_models) steps.push_back({p.endpoint.id, m});
  }
  return steps;
}

bool is_llm_setting(std::string_view key) { return key.substr(0, kPrefix.size()) == kPrefix; }

std::vector<std::string> setting_keys() { return {std::begin(kKeys), std::end(kKeys)}; }

std::optional<Error> apply_setting(LlmConfig& config, std::string_view key, const json& value) {
  if (key == "llm.providers") {
    std::vector<LlmConfig::Provider> providers;
    if (!value.is_null()) {
      if (!value.is_array() || value.size() > 32) return bad(key, "an array of at most 32 providers");
      for (const json& p : value) {
        auto parsed = provider_from_json(p, &config, key);
        if (!parsed) return parsed.error();
        for (const auto& seen : providers) {
          if (seen.endpoint.id == parsed->endpoint.id)
            return bad(key, "provider id '" + seen.endpoint.id + "' appears twice");
        }
        providers.push_back(std::move(*parsed));
      }
    }
    config.providers = std::move(providers);
    return std::nullopt;
  }
  if (key == "llm.chains") {
    decltype(config.chains) chains;
    if (!value.is_null()) {
      if (!value.is_object()) return bad(key, "an object: feature -> [{provider, model}]");
      for (const auto& [feature, steps] : value.items()) {
        auto chain = chain_from_json(steps, key);
        if (!chain) return chain.error();
        chains.emplace_back(feature, std::move(*chain));
      }
    }
    config.chains = std::move(chains);
    return std::nullopt;
  }
  if (key == "llm.budget") {
    if (!value.is_null() && !value.is_object()) return bad(key, "an object of caps");
    if (value.is_object()) {
      for (const auto& [name, cap] : value.items()) {
        if (!cap.is_null() && (!cap.is_number() || cap.get<double>() < 0)) {
          return bad(key, name + " is a number of at least 0, or null");
        }
      }
    }
    config.budget = value.is_null() ? json::object() : value;
    return std::nullopt;
  }
  if (key == "llm.cache_ttl_hours") {
    if (value.is_null()) {
      config.cache_ttl_hours = 24;
      return std::nullopt;
    }
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 24 * 365) {
      return bad(key, "hours from 0 (no cache) to 8760");
    }
    config.cache_ttl_hours = value.get<double>();
    return std::nullopt;
  }
  if (key == "llm.embeddings") {
    if (value.is_null()) {
      config.embeddings.reset();
      return std::nullopt;
    }
    if (!value.is_object() || get_string(value, "provider").empty() || get_string(value, "model").empty()) {
      return bad(key, "{provider, model}, or null for JobLens's own embedding");
    }
    config.embeddings = ChainStep{get_string(value, "provider"), get_string(value, "model")};
    return std::nullopt;
  }
  return bad(key,
             "unknown AI setting; the keys are llm.providers, llm.chains, llm.budget, "
             "llm.cache_ttl_hours and llm.embeddings");
}

json setting_value(const LlmConfig& config, std::string_view key) {
  const json full = to_json(config, /*include_keys=*/false);
  const std::string name(key.substr(kPrefix.size()));
  return full.contains(name) ? full[name] : json(nullptr);
}

json to_json(const LlmConfig& config, bool include_keys) {
  json providers = json::array();
  for (const auto& p : config.providers) providers.push_back(provider_to_json(p, include_keys));
  json chains = json::object();
  for (const auto& [feature, steps] : config.chains) {
    json list = json::array();
    for (const auto& s : steps) list.push_back(step_to_json(s));
    chains[feature] = std::move(list);
  }
  return json{{"version", 1},
              {"providers", std::move(providers)},
              {"chains", std::move(chains)},
              {"budget", config.budget},
              {"cache_ttl_hours", config.cache_ttl_hours},
              {"embeddings", config.embeddings ? step_to_json(*config.embeddings) : json(nullptr)}};
}

Result<LlmConfig> config_from_json(const json& in) {
  LlmConfig config;
  if (!in.is_object())
    return make_error(ErrorCode::invalid_value, "the AI configuration is not a JSON object");
  for (const char* key : kKeys) {
    const std::string name = std::string(key).substr(kPrefix.size());
    if (!in.contains(name)) continue;
    if (auto error = apply_setting(config, key, in[name])) return *error;
  }
  return config;
}

std::string config_path_for_database(const std::string& database_path) {
  const auto slash = database_path.find_last_of('/');
  return (slash == std::string::npos ? std::string(".") : database_path.substr(0, slash)) + "/llm.json";
}

Result<LlmConfig> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return LlmConfig{};  // not configured yet
  std::stringstream text;
  text << in.rdbuf();
  const json parsed = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return make_error(ErrorCode::invalid_json, path + " is not valid JSON");
  auto config = config_from_json(parsed);
  if (!config) return make_error(config.error().code, path + ": " + config.error().message);
  return config;
}

std::optional<Error> save_config(const LlmConfig& config, const std::string& path) {
  const std::string text = to_json(config, /*include_keys=*/true).dump(2) + "\n";
  const std::string temp = path + ".tmp";
  // Created 0600 from the start (never briefly world-readable), then renamed over the old file.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error(ErrorCode::io_error, "writing " + temp + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);  // an older temp file may have had other bits
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      return make_error(ErrorCode::io_error, "writing " + temp + ": " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced || ::rename(temp.c_str(), path.c_str()) != 0) {
    return make_error(ErrorCode::io_error, "saving " + path + ": " + std::strerror(errno));
  }
  return std::nullopt;
}

}  // namespace joblens::host::llm
