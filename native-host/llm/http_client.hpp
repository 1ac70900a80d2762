// The libcurl layer: one POST, one easy handle owned by RAII, our own write and header callbacks, a
// bounded body, connect and total timeouts, cancellation, http/https only and no redirects. Nothing
// here logs: headers carry API keys.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace joblens::host::llm {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent as POST
  int connect_timeout_ms = 5'000;
  int total_timeout_ms = 60'000;
  const std::atomic<bool>* cancel = nullptr;  // set: the transfer is aborted (checked several times a second)
  std::size_t max_body_bytes = std::size_t{8} << 20;  // a longer buffered body is an error
};

enum class TransportError {
  none,       // a response arrived (any status)
  timeout,    // connect or total timeout
  network,    // refused, reset, DNS, TLS, a connection closed mid-body
  cancelled,  // the cancel flag
  too_large,  // the buffered body passed max_body_bytes
  aborted,    // the stream consumer asked to stop (its own error explains why)
  setup,      // libcurl could not be set up (out of memory, a bad option)
};

struct HttpResult {
  TransportError error = TransportError::none;
  std::string error_message;  // libcurl's description; never contains headers
  long status = 0;            // 0 when no status line arrived
  std::string body;           // buffered body (for a stream: only when it is not text/event-stream)
  std::string content_type;
  std::optional<std::string> retry_after;  // the Retry-After header of the final response
  bool streamed = false;                   // the body went to the stream consumer
};

// Receives a 2xx text/event-stream body as it arrives; false aborts the transfer (TransportError::aborted).
using StreamFn = std::function<bool(std::string_view chunk)>;

// POSTs `request`. With `on_stream`, a 2xx "text/event-stream" body is handed to it chunk by chunk
// instead of being buffered; any other body (an error, or a server that ignored "stream": true) is
// buffered as usual. Never throws.
HttpResult http_post(const HttpRequest& request, const StreamFn& on_stream = {});

const char* to_string(TransportError error);

}  // namespace joblens::host::llm
