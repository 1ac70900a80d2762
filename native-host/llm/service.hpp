// The fallback chain: one feature (analyze, answer, cover_letter, tailor) through the person's
// ordered (provider, model) steps, with the response cache, the budget, retries, breakers and
// buckets, schema validation with one repair attempt, and grounding. When no provider is configured
// or every step fails, the answer is the core's offline result, flagged as such, never an exception.
// Issue #4, items 2-5; docs/llm.md.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "native-host/llm/llm_config.hpp"
#include "native-host/llm/resilient_call.hpp"
#include "native-host/storage/sqlite.hpp"
#include "shared/engine/engine.hpp"

namespace joblens::host::llm {

// Events for the extension (budget warnings, streaming progress); must be thread-safe.
using LlmEventFn = std::function<void(const std::string& event, const nlohmann::json& data)>;

struct FeatureResult {
  nlohmann::json value;        // the feature's output (schema-shaped), offline or not
  bool offline = false;        // the core's result: no provider configured, or every step failed
  std::string reason;          // why offline
  std::optional<Error> error;  // the chain's coded failure when offline because of one (4001-4009)
  std::string provider;        // which step answered
  std::string model;
  bool cached = false;
  Usage usage;
  std::vector<std::string> flags;  // grounding corrections
  nlohmann::json to_json() const;
};

struct RunOptions {
  const std::atomic<bool>* cancel = nullptr;
  ProgressFn progress;  // streamed characters
  LlmEventFn events;
  // Tests inject a clock and a sleep; the default is real_call_env().
  std::optional<CallEnv> call_env;
  std::function<std::int64_t()> now_ms;  // wall clock for the budget and cache (ms since epoch)
};

class LlmService {
 public:
  // Reads llm.json beside the database; a malformed file is reported and treated as empty.
  static std::unique_ptr<LlmService> open(const std::string& database_path, std::string* warning = nullptr);
  LlmService(std::string config_path, LlmConfig config);

  // settings.put of llm.* keys: all or none, saved before they take effect.
  std::optional<Error> put_settings(const std::vector<std::pair<std::string, nlohmann::json>>& settings);
  nlohmann::json setting(std::string_view key) const;  // masked
  LlmConfig config() const;

  // One feature. `inputs` are the template's variables (offline.hpp lists them per feature).
  FeatureResult run(storage::Database& db, const Engine& engine, std::string_view feature,
                    const nlohmann::json& inputs, const RunOptions& options) const;

  // Provider embeddings (llm.embeddings), for similar jobs; nullopt when none is configured.
  std::optional<std::string> embedding_model() const;
  Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts,
                                                const RunOptions& options) const;

  // Per provider: breaker state and bucket settings, for `status`.
  nlohmann::json providers_status(std::optional<std::int64_t> monotonic_now = {}) const;

  RetryPolicy retry_policy;  // tests shorten it

 private:
  ProviderRuntime& runtime(const ProviderConfig& provider) const;

  std::string path_;
  mutable std::mutex mutex_;
  LlmConfig config_;
  mutable std::map<std::string, std::unique_ptr<ProviderRuntime>> runtimes_;  // by provider id
};

}  // namespace joblens::host::llm
