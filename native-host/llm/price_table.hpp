// Model prices from prices.json (compiled in, dated), token estimates and the cost of a call.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "native-host/llm/provider.hpp"

namespace joblens::host::llm {

struct ModelPrice {
  std::string model;  // the table's key that matched
  double input_per_mtok = 0;
  double output_per_mtok = 0;
};

// The price of `model`: the exact key, else the longest key the model starts with
// ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini"), else the same for the part after the last '/'
// ("openrouter-vendor/claude-sonnet-4" -> "claude-sonnet-4"); nullopt when none matches.
std::optional<ModelPrice> find_price(std::string_view model);

// The date the table's prices were read ("2026-11-01") and their currency ("USD").
std::string prices_as_of();

struct Cost {
  double usd = 0;
  bool known = true;      // false: the model is not in the table; usd is 0 and the call is flagged
  std::string priced_as;  // the table key used; "local" for a local server
};

// `local`: the provider's base URL is on this machine (Ollama, llama.cpp): free whatever the model.
Cost cost_usd(std::string_view model, const Usage& usage, bool local = false);

// A rough token count before a call: ceil(chars / 4) per text plus kMessageOverheadTokens per message.
inline constexpr std::int64_t kMessageOverheadTokens = 4;
std::int64_t estimate_tokens(std::string_view text);
// For a whole request: system + every message, each with its overhead.
std::int64_t estimate_input_tokens(const ChatRequest& request);

// True for a base URL on the loopback interface or "localhost" (the caller may know better, e.g. a
// LAN address of its own llama.cpp; it then passes local = true itself).
bool is_local_base_url(std::string_view base_url);

}  // namespace joblens::host::llm
