#include "native-host/llm/price_table.hpp"

#include <map>

#include "native-host/llm/embedded_data.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;

struct Table {
  std::string as_of;
  std::string currency;
  std::map<std::string, ModelPrice, std::less<>> models;
};

const Table& table() {
  static const Table instance = [] {
    Table t;
    for (const data::EmbeddedFile& file : data::llm_files()) {
      if (file.name != "prices.json") continue;
      const json j = json::parse(file.content, nullptr, false);
      if (j.is_discarded() || !j.is_object()) break;  // tested: the table in the build parses
      t.as_of = j.value("as_of", std::string());
      t.currency = j.value("currency", std::string());
      const auto models = j.find("models");
      if (models == j.end() || !models->is_object()) break;
      for (const auto& [name, price] : models->items()) {
        if (!price.is_object() || !price.value("input_per_mtok", json()).is_number() ||
            !price.value("output_per_mtok", json()).is_number()) {
          continue;
        }
        t.models[name] =
            ModelPrice{name, price["input_per_mtok"].get<double>(), price["output_per_mtok"].get<double>()};
      }
    }
    return t;
  }();
  return instance;
}

std::optional<ModelPrice> lookup(std::string_view model) {
  const auto& models = table().models;
  if (const auto exact = models.find(model); exact != models.end()) return exact->second;
  const ModelPrice* best = nullptr;
  for (const auto& [key, price] : models) {
    if (model.substr(0, key.size()) == key && (best == nullptr || key.size() > best->model.size()))
      best = &price;
  }
  if (best != nullptr) return *best;
  return std::nullopt;
}

}  // namespace

std::optional<ModelPrice> find_price(std::string_view model) {
  if (model.empty()) return std::nullopt;
  if (auto price = lookup(model)) return price;
  const std::size_t slash = model.rfind('/');
  if (slash != std::string_view::npos) return lookup(model.substr(slash + 1));
  return std::nullopt;
}

std::string prices_as_of() { return table().as_of; }

Cost cost_usd(std::string_view model, const Usage& usage, bool local) {
  if (local) return Cost{0, true, "local"};
  const auto price = find_price(model);
  if (!price) return Cost{0, false, ""};
  const double usd = (static_cast<double>(usage.input_tokens) * price->input_per_mtok +
                      static_cast<double>(usage.output_tokens) * price->output_per_mtok) /
                     1e6;
  return Cost{usd, true, price->model};
}

std::int64_t estimate_tokens(std::string_view text) {
  return (static_cast<std::int64_t>(text.size()) + 3) / 4 + kMessageOverheadTokens;
}

std::int64_t estimate_input_tokens(const ChatRequest& request) {
  std::int64_t total = estimate_tokens(request.system);
  for (const ChatMessage& message : request.messages) total += estimate_tokens(message.content);
  return total;
}

bool is_local_base_url(std::string_view base_url) {
  const std::size_t scheme = base_url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? base_url : base_url.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string_view host = rest;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  return host == "localhost" || host == "[::1]" || host.substr(0, 4) == "127.";
}

}  // namespace joblens::host::llm
