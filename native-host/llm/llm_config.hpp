// The person's AI configuration: providers (with their keys), the fallback chain per feature, the
// budget, the cache's lifetime and the embedding model. Set through `settings.put` under the
// `llm.*` keys, kept in `llm.json` beside the database with mode 0600 (never in the settings table,
// which exports and backups copy), and read back through `settings.get` with every key masked.
// Issue #4, item 1.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/llm/provider.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::llm {

// One step of a chain: which provider, which model.
struct ChainStep {
  std::string provider;
  std::string model;
};

struct LlmConfig {
  struct Provider {
    // The kind as the person chose it: "openai", "anthropic", "ollama", "openai_compatible" (any
    // OpenAI-compatible server: OpenRouter, Groq, Gemini's compatible endpoint, llama.cpp).
    std::string preset;
    ProviderConfig endpoint;
    std::string model;                     // the default model for every feature
    std::vector<std::string> more_models;  // cheaper or stronger alternatives, in the person's order
    // Whether calls cost nothing. Unset: free when the server is on this machine (Ollama, llama.cpp);
    // a local proxy to a paid API (LiteLLM) sets false so that the budget counts its calls.
    std::optional<bool> free;
  };
  std::vector<Provider> providers;
  // feature -> ordered steps; a feature without its own chain uses every provider's model in order.
  std::vector<std::pair<std::string, std::vector<ChainStep>>> chains;
  nlohmann::json budget = nlohmann::json::object();  // llm.budget as sent (budget.hpp reads it)
  double cache_ttl_hours = 24;
  std::optional<ChainStep> embeddings;  // provider embeddings; none: the core's hashed embedding

  const Provider* provider(std::string_view id) const;
  // The ordered (provider, model) steps for a feature, skipping steps whose provider is gone.
  std::vector<ChainStep> chain_for(std::string_view feature) const;
  bool configured() const { return !providers.empty(); }
};

// The settings keys this file owns: everything under "llm.".
bool is_llm_setting(std::string_view key);

// Applies one `settings.put` key to the configuration. A provider sent without `api_key` (or with
// an empty one) keeps the key stored under its id; `"api_key": null` removes it. null for the whole
// key returns it to the default.
std::optional<Error> apply_setting(LlmConfig& config, std::string_view key, const nlohmann::json& value);
// The value `settings.get` shows for a key: providers carry `has_key` and never `api_key`.
nlohmann::json setting_value(const LlmConfig& config, std::string_view key);
std::vector<std::string> setting_keys();

// The file: full JSON (keys included), read at start and written atomically with mode 0600.
std::string config_path_for_database(const std::string& database_path);
Result<LlmConfig> load_config(const std::string& path);  // a missing file is the empty config
std::optional<Error> save_config(const LlmConfig& config, const std::string& path);
nlohmann::json to_json(const LlmConfig& config, bool include_keys);
Result<LlmConfig> config_from_json(const nlohmann::json& json);

}  // namespace joblens::host::llm
