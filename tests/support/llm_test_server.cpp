// The test server's HTTP side: routes, the script, auth, delays, and the OpenAI / Anthropic replies.
#include "tests/support/llm_test_server.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>

#include <httplib.h>

#include "tests/support/llm_test_server_wire.hpp"

namespace joblens::testing {
namespace {

using nlohmann::json;
using wire::anthropic_error_body;
using wire::default_error_message;
using wire::openai_error_body;
using wire::to_text;

constexpr std::size_t kChunkBytes = 16;
constexpr int kChunkGapMs = 3;  // between streamed events, so chunks really arrive over time
constexpr int kSleepSliceMs = 5;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Sleeps in short slices so that stop() never waits for a scripted hang; false when stopping.
bool sleep_or_stop(const std::atomic<bool>& stopping, int milliseconds) {
  const std::int64_t until = now_ms() + std::max(milliseconds, 0);
  while (!stopping) {
    const std::int64_t left = until - now_ms();
    if (left <= 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<std::int64_t>(left, kSleepSliceMs)));
  }
  return false;
}

// Sends `events` one per provider call with a short gap; after `limit` events the connection is
// closed without the rest (a provider returning false makes httplib drop the connection).
void send_events(httplib::Response& response, std::vector<std::string> events, std::size_t limit,
                 const std::atomic<bool>& stopping) {
  struct Progress {
    std::vector<std::string> events;
    std::size_t limit;
    std::size_t next = 0;
  };
  auto progress = std::make_shared<Progress>(Progress{std::move(events), limit});
  response.set_chunked_content_provider("text/event-stream",
                                        [progress, &stopping](std::size_t, httplib::DataSink& sink) {
                                          if (progress->next >= progress->events.size()) {
                                            sink.done();
                                            return true;
                                          }
                                          if (progress->next >= progress->limit) return false;
                                          if (progress->next > 0 && !sleep_or_stop(stopping, kChunkGapMs))
                                            return false;
                                          const std::string& event = progress->events[progress->next++];
                                          return sink.write(event.data(), event.size());
                                        });
  response.set_header("Cache-Control", "no-cache");
}

// Events to send before a cut stream closes: the leading ones plus `cut_stream_after` chunks.
std::size_t stream_limit(const ServerStep& step, std::size_t leading_events) {
  if (!step.cut_stream_after) return static_cast<std::size_t>(-1);
  return leading_events + static_cast<std::size_t>(std::max(*step.cut_stream_after, 0));
}

// A non-streamed body; with `cut`, only its first half is sent before the connection is closed.
void send_body(httplib::Response& response, std::string body, bool cut) {
  if (!cut) {
    response.set_content(std::move(body), "application/json");
    return;
  }
  auto shared = std::make_shared<std::string>(std::move(body));
  response.set_content_provider(shared->size(), "application/json",
                                [shared](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                  if (offset > 0) return false;
                                  return sink.write(shared->data(), shared->size() / 2);
                                });
}

}  // namespace

LlmTestServer::LlmTestServer(ServerConfig config, int threads, int port)
    : server_(std::make_unique<httplib::Server>()), config_(std::move(config)) {
  const auto pool_size = static_cast<std::size_t>(std::max(threads, 1));
  server_->new_task_queue = [pool_size] { return new httplib::ThreadPool(pool_size); };
  // Idle keep-alive connections hold a pool thread; a short timeout lets stop() finish quickly.
  server_->set_keep_alive_timeout(1);
  register_routes();
  const int bound = port == 0                                  ? server_->bind_to_any_port("127.0.0.1")
                    : server_->bind_to_port("127.0.0.1", port) ? port
                                                               : -1;
  if (bound <= 0) {
    std::fprintf(stderr, "llm test server: cannot bind 127.0.0.1:%d\n", port);
    return;
  }
  port_ = bound;
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  const std::int64_t deadline = now_ms() + 5000;
  while (!server_->is_running() && now_ms() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

LlmTestServer::~LlmTestServer() { stop(); }

void LlmTestServer::stop() {
  stopping_ = true;  // sleeping handlers and streams notice within one slice
  server_->stop();
  if (listener_.joinable()) listener_.join();
}

int LlmTestServer::port() const { return port_; }
std::string LlmTestServer::openai_base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}
std::string LlmTestServer::anthropic_base_url() const { return openai_base_url(); }

void LlmTestServer::push(ServerStep step) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(step));
}

void LlmTestServer::configure(const ServerConfig& config) {
  std::lock_guard lock(mutex_);
  config_ = config;
}

ServerConfig LlmTestServer::config() const {
  std::lock_guard lock(mutex_);
  return config_;
}

void LlmTestServer::reset() {
  std::lock_guard lock(mutex_);
  script_.clear();
  records_.clear();
  ++records_generation_;
  max_in_flight_ = in_flight_.load();
}

std::vector<RecordedRequest> LlmTestServer::requests() const {
  std::lock_guard lock(mutex_);
  return records_;
}

int LlmTestServer::max_in_flight() const { return max_in_flight_.load(); }

std::size_t LlmTestServer::request_count() const {
  std::lock_guard lock(mutex_);
  return records_.size();
}

// Takes the first step meant for this endpoint (or for any endpoint); called with mutex_ held.
std::optional<ServerStep> LlmTestServer::take_step(std::string_view endpoint_name) {
  const auto it = std::find_if(script_.begin(), script_.end(), [&](const ServerStep& step) {
    return !step.endpoint || step.endpoint->empty() || *step.endpoint == endpoint_name;
  });
  if (it == script_.end()) return std::nullopt;
  ServerStep step = std::move(*it);
  script_.erase(it);
  return step;
}

bool LlmTestServer::sleep_unless_stopping(int milliseconds) const {
  return sleep_or_stop(stopping_, milliseconds);
}

void LlmTestServer::register_routes() {
  // No exception may escape into httplib's worker: anything unexpected becomes a 500.
  const auto guarded = [](std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    return [handler = std::move(handler)](const httplib::Request& request, httplib::Response& response) {
      try {
        handler(request, response);
      } catch (const std::exception& error) {
        response.status = 500;
        response.set_content(to_text(openai_error_body(500, error.what())), "application/json");
      }
    };
  };
  const auto route = [this, &guarded](const char* path, Endpoint endpoint) {
    server_->Post(path,
                  guarded([this, endpoint](const httplib::Request& request, httplib::Response& response) {
                    handle(endpoint, request, response);
                  }));
  };
  route("/v1/chat/completions", Endpoint::chat);
  route("/v1/embeddings", Endpoint::embeddings);
  route("/v1/messages", Endpoint::messages);

  server_->Post("/_control/script",
                guarded([this](const httplib::Request& request, httplib::Response& response) {
                  const json body = json::parse(request.body, nullptr, false);
                  std::vector<ServerStep> steps;
                  for (const auto& item : body.is_array() ? body : json::array({body})) {
                    auto step = ServerStep::from_json(item);
                    if (!step) {
                      response.status = 400;
                      response.set_content(to_text(openai_error_body(400, "invalid step: " + to_text(item))),
                                           "application/json");
                      return;
                    }
                    steps.push_back(std::move(*step));
                  }
                  for (auto& step : steps) push(std::move(step));
                  response.set_content(to_text({{"queued", steps.size()}}), "application/json");
                }));
  server_->Post(
      "/_control/config", guarded([this](const httplib::Request& request, httplib::Response& response) {
        const json patch = json::parse(request.body, nullptr, false);
        std::lock_guard lock(mutex_);
        if (!config_.apply_json(patch)) {
          response.status = 400;
          response.set_content(to_text(openai_error_body(400, "invalid config")), "application/json");
          return;
        }
        response.set_content(to_text(config_.to_json()), "application/json");
      }));
  server_->Post("/_control/reset", guarded([this](const httplib::Request&, httplib::Response& response) {
                  reset();
                  response.set_content(R"({"ok":true})", "application/json");
                }));
  server_->Get("/_control/requests", guarded([this](const httplib::Request&, httplib::Response& response) {
                 json list = json::array();
                 for (const auto& record : requests()) list.push_back(record.to_json());
                 response.set_content(to_text(list), "application/json");
               }));
  server_->Get("/_control/stats", guarded([this](const httplib::Request&, httplib::Response& response) {
                 const json stats = {{"requests", request_count()}, {"max_in_flight", max_in_flight()}};
                 response.set_content(to_text(stats), "application/json");
               }));
}

void LlmTestServer::handle(Endpoint endpoint, const httplib::Request& request, httplib::Response& response) {
  // Counts the request as in flight until the handler returns (a stream's tail is written later).
  const int now_in_flight = ++in_flight_;
  int peak = max_in_flight_.load();
  while (now_in_flight > peak && !max_in_flight_.compare_exchange_weak(peak, now_in_flight)) {
  }
  struct Leave {
    std::atomic<int>& counter;
    ~Leave() { --counter; }
  } leave{in_flight_};

  const char* endpoint_name = endpoint == Endpoint::chat         ? "chat"
                              : endpoint == Endpoint::embeddings ? "embeddings"
                                                                 : "messages";
  const json body = json::parse(request.body, nullptr, false);
  const bool is_object = body.is_object();
  bool stream = false;
  std::string model;
  if (is_object) {
    const auto stream_flag = body.find("stream");
    stream = stream_flag != body.end() && stream_flag->is_boolean() && stream_flag->get<bool>();
    const auto model_name = body.find("model");
    if (model_name != body.end() && model_name->is_string()) model = model_name->get<std::string>();
  }
  std::string api_key;
  if (endpoint == Endpoint::messages) {
    api_key = request.get_header_value("x-api-key");
  } else {
    const std::string authorization = request.get_header_value("Authorization");
    if (authorization.rfind("Bearer ", 0) == 0) api_key = authorization.substr(7);
  }

  RecordedRequest record;
  record.endpoint = endpoint_name;
  record.path = request.path;
  record.body = is_object ? body : json(nullptr);
  record.api_key = api_key;
  record.anthropic_version = request.get_header_value("anthropic-version");
  record.started_ms = now_ms();
  record.stream = stream;
  bool authorized = false;
  std::size_t record_index = 0;
  std::uint64_t generation = 0;
  ServerConfig config;
  ServerStep step;
  {
    std::lock_guard lock(mutex_);
    records_.push_back(record);
    record_index = records_.size() - 1;
    generation = records_generation_;
    config = config_;
    authorized = config_.required_key.empty() || api_key == config_.required_key;
    // A rejected key or body does not consume a step: the script describes accepted requests.
    if (authorized && is_object) step = take_step(endpoint_name).value_or(ServerStep{});
  }
  struct Finish {
    LlmTestServer& server;
    std::size_t index;
    std::uint64_t generation;
    ~Finish() {
      std::lock_guard lock(server.mutex_);
      // reset() may have cleared the records meanwhile; only stamp the record this request made.
      if (server.records_generation_ == generation && index < server.records_.size()) {
        server.records_[index].finished_ms = now_ms();
      }
    }
  } finish{*this, record_index, generation};

  const auto send_error = [&](int status, const std::string& message) {
    response.status = status;
    const json error = endpoint == Endpoint::messages ? anthropic_error_body(status, message)
                                                      : openai_error_body(status, message);
    response.set_content(to_text(error), "application/json");
  };
  if (!authorized) {
    send_error(401, default_error_message(401));
    return;
  }
  if (!is_object) {
    send_error(400, "The request body is not a JSON object.");
    return;
  }
  const int delay = step.latency_ms.value_or(config.latency_ms) + step.hang_ms.value_or(0);
  if (!sleep_unless_stopping(delay)) {
    send_error(503, "The server is shutting down.");
    return;
  }
  if (step.retry_after) response.set_header("Retry-After", *step.retry_after);
  if (step.status && *step.status != 200) {
    send_error(*step.status, step.error_message.value_or(default_error_message(*step.status)));
    return;
  }
  if (step.raw_body) {
    response.set_content(*step.raw_body, "application/json");
    return;
  }
  if (step.wrong_shape.value_or(false)) {
    response.set_content(R"({"result":"ok"})", "application/json");
    return;
  }
  const bool cut = step.cut_stream_after.has_value();
  if (endpoint == Endpoint::embeddings) {
    const auto reply = wire::embeddings_reply(body, config.embedding_dim);
    if (!reply) {
      send_error(400, "'input' must be a string or an array of strings.");
      return;
    }
    send_body(response, to_text(*reply), cut);
    return;
  }
  const auto parts = wire::prompt_parts(body);
  wire::Reply reply;
  reply.id = (endpoint == Endpoint::chat ? "chatcmpl-" : "msg_") + std::to_string(next_id_++);
  reply.model = model;
  reply.content = wire::choose_content(step, config, model, parts);
  reply.prompt_tokens = wire::prompt_tokens(parts);
  reply.completion_tokens = approximate_tokens(reply.content);
  if (endpoint == Endpoint::chat && stream) {
    send_events(response, wire::chat_stream_events(reply, kChunkBytes), stream_limit(step, 0), stopping_);
  } else if (endpoint == Endpoint::chat) {
    send_body(response, to_text(wire::chat_completion(reply)), cut);
  } else if (stream) {
    send_events(response, wire::anthropic_stream_events(reply, kChunkBytes),
                stream_limit(step, wire::kAnthropicLeadingEvents), stopping_);
  } else {
    send_body(response, to_text(wire::anthropic_message(reply)), cut);
  }
}

}  // namespace joblens::testing
