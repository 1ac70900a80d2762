// A local OpenAI- and Anthropic-compatible LLM server for tests and benchmarks: the LLM layer's tests
// never touch the network, they talk to this server on 127.0.0.1 and script its behaviour (errors,
// Retry-After, hangs, cut streams, malformed bodies) one request at a time. See tests/support/README.md.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace joblens::testing {

// One scripted behaviour, consumed by one request. Every field is optional; an empty step is a
// normal 200 answer. The `{}` initialisers let designated initialisers such as
// ServerStep{.status = 429, .retry_after = "1"} compile without -Wmissing-field-initializers.
struct ServerStep {
  std::optional<std::string> endpoint{};       // "chat" | "embeddings" | "messages"; empty = any endpoint
  std::optional<int> status{};                 // non-200: a provider-like error body
  std::optional<std::string> retry_after{};    // value of the Retry-After header ("1" or an HTTP date)
  std::optional<std::string> error_message{};  // the error object's message text
  std::optional<std::string> content{};        // the reply text for this request
  std::optional<std::string> raw_body{};       // sent verbatim with 200 application/json
  std::optional<bool> wrong_shape{};           // 200 with valid JSON lacking choices/content
  std::optional<int> hang_ms{};                // sleep before answering (does not block other requests)
  std::optional<int> cut_stream_after{};       // streamed: chunks before the connection is closed;
                                               // non-streamed: close after part of the body
  std::optional<int> latency_ms{};             // overrides the configured latency

  nlohmann::json to_json() const;
  // nullopt when `json` is not an object or a field has the wrong type.
  static std::optional<ServerStep> from_json(const nlohmann::json& json);
};

struct ServerConfig {
  int latency_ms = 0;
  std::string default_content = R"({"ok":true})";
  std::string injected_content = R"({"injected":true})";
  bool gullible = true;      // answer injected_content when the prompt (outside data blocks) says so
  std::string required_key;  // non-empty: requests with another key get 401
  int embedding_dim = 64;
  std::map<std::string, std::string> contents_by_model;  // used before default_content

  nlohmann::json to_json() const;
  // Applies the fields present in `patch` (a partial config); false, and nothing changed, when
  // `patch` is not an object or a field has the wrong type.
  bool apply_json(const nlohmann::json& patch);
};

struct RecordedRequest {
  std::string endpoint;  // "chat", "embeddings", "messages"
  std::string path;
  nlohmann::json body;  // null when the body was not JSON
  std::string api_key;  // from "Authorization: Bearer KEY" or "x-api-key"
  std::string anthropic_version;
  std::int64_t started_ms = 0;   // steady clock, milliseconds
  std::int64_t finished_ms = 0;  // when the handler returned (streams keep writing afterwards)
  bool stream = false;

  nlohmann::json to_json() const;
};

class LlmTestServer {
 public:
  // Binds 127.0.0.1 on `port` (0: a port chosen by the OS) and returns once the server accepts
  // requests; port() is 0 when binding failed.
  explicit LlmTestServer(ServerConfig config = {}, int threads = 32, int port = 0);
  ~LlmTestServer();  // stops and joins
  LlmTestServer(const LlmTestServer&) = delete;
  LlmTestServer& operator=(const LlmTestServer&) = delete;

  int port() const;                        // 0 when binding failed
  std::string openai_base_url() const;     // "http://127.0.0.1:PORT/v1"
  std::string anthropic_base_url() const;  // same "/v1"

  void push(ServerStep step);  // append to the script
  void configure(const ServerConfig& config);
  ServerConfig config() const;
  void reset();  // clears the script, the records and the statistics

  std::vector<RecordedRequest> requests() const;
  int max_in_flight() const;  // peak number of concurrent requests seen
  std::size_t request_count() const;
  void stop();

 private:
  enum class Endpoint { chat, embeddings, messages };

  void register_routes();
  void handle(Endpoint endpoint, const httplib::Request& request, httplib::Response& response);
  std::optional<ServerStep> take_step(std::string_view endpoint_name);
  bool sleep_unless_stopping(int milliseconds) const;

  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  std::atomic<std::uint64_t> next_id_{1};

  mutable std::mutex mutex_;  // guards everything below
  ServerConfig config_;
  std::deque<ServerStep> script_;
  std::vector<RecordedRequest> records_;
  std::uint64_t records_generation_ = 0;  // bumped by reset(), so late finishers skip new records
};

// The pieces of the server's behaviour, exposed so that tests can state them directly.

// Removes every quoted data block: from a line `<<<DATA nonce=X>>>` up to and including the next line
// `<<<END DATA nonce=X>>>` with the same nonce; a block that never closes runs to the end of the text.
std::string strip_data_blocks(std::string_view text);
// True when `text`, outside data blocks, asks (case-insensitively) to ignore previous instructions.
bool asks_to_ignore_instructions(std::string_view text);
// Deterministic, L2-normalised hashed bag of lowercase words: equal texts give equal vectors and
// texts sharing words are closer.
std::vector<float> embed_text(std::string_view text, int dimensions);
// Pieces of about `target_bytes` bytes that never split a UTF-8 sequence.
std::vector<std::string> split_utf8_chunks(std::string_view text, std::size_t target_bytes);
// Tokens as the server counts them: UTF-8 characters / 4, rounded up.
int approximate_tokens(std::string_view text);

}  // namespace joblens::testing
