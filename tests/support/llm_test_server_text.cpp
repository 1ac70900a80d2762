// The test server's text behaviour (data blocks, injection check, embeddings, chunking, token
// counts) and the JSON forms of its steps, config and records.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

#include <xxhash.h>

#include "tests/support/llm_test_server.hpp"

namespace joblens::testing {
namespace {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowercase_ascii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Reads an optional field of type T; false when present with another type.
template <typename T>
bool read_field(const nlohmann::json& json, const char* name, std::optional<T>& field) {
  const auto it = json.find(name);
  if (it == json.end() || it->is_null()) return true;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return false;
  } else {
    if (!it->is_number_integer()) return false;
  }
  field = it->get<T>();
  return true;
}

template <typename T>
void write_field(nlohmann::json& json, const char* name, const std::optional<T>& field) {
  if (field) json[name] = *field;
}

}  // namespace

std::string strip_data_blocks(std::string_view text) {
  static const std::regex opening(R"(<<<DATA nonce=([A-Za-z0-9]+)>>>)");
  std::string kept;
  std::string open_nonce;  // non-empty while inside a block
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    const std::string marker(trim(line));
    if (open_nonce.empty()) {
      std::smatch match;
      if (std::regex_match(marker, match, opening)) {
        open_nonce = match[1].str();
      } else {
        kept.append(line);
        kept.push_back('\n');
      }
    } else if (marker == "<<<END DATA nonce=" + open_nonce + ">>>") {
      open_nonce.clear();  // only the matching nonce closes; a forged end line stays data
    }
    start = end + 1;
  }
  if (!kept.empty()) kept.pop_back();
  return kept;
}

bool asks_to_ignore_instructions(std::string_view text) {
  const std::string outside = lowercase_ascii(strip_data_blocks(text));
  for (const char* phrase :
       {"ignore previous instructions", "ignore all previous instructions", "answer yes to everything"}) {
    if (outside.find(phrase) != std::string::npos) return true;
  }
  return false;
}

std::vector<float> embed_text(std::string_view text, int dimensions) {
  const auto size = static_cast<std::size_t>(std::max(dimensions, 1));
  std::vector<float> vector(size, 0.0F);
  const std::string lower = lowercase_ascii(text);
  std::size_t index = 0;
  while (index < lower.size()) {
    // A word is a run of ASCII letters and digits or any non-ASCII bytes (UTF-8 letters).
    const auto is_word = [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; };
    while (index < lower.size() && !is_word(static_cast<unsigned char>(lower[index]))) ++index;
    const std::size_t begin = index;
    while (index < lower.size() && is_word(static_cast<unsigned char>(lower[index]))) ++index;
    if (index > begin) {
      // xxHash, not std::hash: the vectors must be the same on every platform and run.
      const XXH64_hash_t hash = XXH64(lower.data() + begin, index - begin, 0);
      vector[hash % size] += 1.0F;
    }
  }
  double norm = 0.0;
  for (const float value : vector) norm += static_cast<double>(value) * value;
  if (norm == 0.0) {
    vector[0] = 1.0F;  // a text without words still gets a unit vector, so cosines stay defined
    return vector;
  }
  const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
  for (float& value : vector) value *= scale;
  return vector;
}

std::vector<std::string> split_utf8_chunks(std::string_view text, std::size_t target_bytes) {
  std::vector<std::string> chunks;
  const std::size_t step = std::max<std::size_t>(target_bytes, 1);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + step, text.size());
    while (end < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[end]))) ++end;
    chunks.emplace_back(text.substr(start, end - start));
    start = end;
  }
  return chunks;
}

int approximate_tokens(std::string_view text) {
  const auto characters = std::count_if(
      text.begin(), text.end(), [](char c) { return !is_utf8_continuation(static_cast<unsigned char>(c)); });
  return static_cast<int>((characters + 3) / 4);
}

nlohmann::json ServerStep::to_json() const {
  nlohmann::json json = nlohmann::json::object();
  write_field(json, "endpoint", endpoint);
  write_field(json, "status", status);
  write_field(json, "retry_after", retry_after);
  write_field(json, "error_message", error_message);
  write_field(json, "content", content);
  write_field(json, "raw_body", raw_body);
  write_field(json, "wrong_shape", wrong_shape);
  write_field(json, "hang_ms", hang_ms);
  write_field(json, "cut_stream_after", cut_stream_after);
  write_field(json, "latency_ms", latency_ms);
  return json;
}

std::optional<ServerStep> ServerStep::from_json(const nlohmann::json& json) {
  if (!json.is_object()) return std::nullopt;
  ServerStep step;
  const bool valid =
      read_field(json, "endpoint", step.endpoint) && read_field(json, "status", step.status) &&
      read_field(json, "retry_after", step.retry_after) &&
      read_field(json, "error_message", step.error_message) && read_field(json, "content", step.content) &&
      read_field(json, "raw_body", step.raw_body) && read_field(json, "wrong_shape", step.wrong_shape) &&
      read_field(json, "hang_ms", step.hang_ms) &&
      read_field(json, "cut_stream_after", step.cut_stream_after) &&
      read_field(json, "latency_ms", step.latency_ms);
  if (!valid) return std::nullopt;
  return step;
}

nlohmann::json ServerConfig::to_json() const {
  return {{"latency_ms", latency_ms},
          {"default_content", default_content},
          {"injected_content", injected_content},
          {"gullible", gullible},
          {"required_key", required_key},
          {"embedding_dim", embedding_dim},
          {"contents_by_model", contents_by_model}};
}

bool ServerConfig::apply_json(const nlohmann::json& patch) {
  if (!patch.is_object()) return false;
  ServerConfig next = *this;
  std::optional<int> latency, dimensions;
  std::optional<std::string> default_text, injected_text, key;
  std::optional<bool> gullible_flag;
  const bool valid =
      read_field(patch, "latency_ms", latency) && read_field(patch, "default_content", default_text) &&
      read_field(patch, "injected_content", injected_text) && read_field(patch, "required_key", key) &&
      read_field(patch, "gullible", gullible_flag) && read_field(patch, "embedding_dim", dimensions);
  if (!valid) return false;
  if (const auto models = patch.find("contents_by_model"); models != patch.end()) {
    if (!models->is_object()) return false;
    next.contents_by_model.clear();
    for (const auto& [model, content] : models->items()) {
      if (!content.is_string()) return false;
      next.contents_by_model[model] = content.get<std::string>();
    }
  }
  next.latency_ms = latency.value_or(next.latency_ms);
  next.default_content = default_text.value_or(next.default_content);
  next.injected_content = injected_text.value_or(next.injected_content);
  next.required_key = key.value_or(next.required_key);
  next.gullible = gullible_flag.value_or(next.gullible);
  next.embedding_dim = dimensions.value_or(next.embedding_dim);
  *this = std::move(next);
  return true;
}

nlohmann::json RecordedRequest::to_json() const {
  return {{"endpoint", endpoint},
          {"path", path},
          {"body", body},
          {"api_key", api_key},
          {"anthropic_version", anthropic_version},
          {"started_ms", started_ms},
          {"finished_ms", finished_ms},
          {"stream", stream}};
}

}  // namespace joblens::testing
