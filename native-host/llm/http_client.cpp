#include "native-host/llm/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace joblens::host::llm {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
// Appending may fail (returns null) and must not lose the list built so far, hence append().
class CurlHeaders {
 public:
  bool append(const std::string& header) {
    curl_slist* grown = curl_slist_append(list_.get(), header.c_str());
    if (grown == nullptr) return false;
    static_cast<void>(list_.release());  // `grown` now owns the old nodes
    list_.reset(grown);
    return true;
  }
  curl_slist* get() const { return list_.get(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> list_;
};

// curl_global_init is not thread-safe and must run once before any handle; the host's threads all
// come through here.
bool ensure_curl_initialised() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result == CURLE_OK;
}

// What the callbacks share during one transfer.
struct Transfer {
  CURL* handle = nullptr;
  const HttpRequest* request = nullptr;
  const StreamFn* on_stream = nullptr;
  HttpResult* result = nullptr;
  bool too_large = false;
  bool consumer_stopped = false;
  bool decided = false;  // whether this body goes to the stream consumer, decided at its first byte
  bool to_stream = false;
};

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) ==
      0) {  // a new response (after a 100 Continue, say): forget the last one's headers
    transfer.result->content_type.clear();
    transfer.result->retry_after.reset();
  } else if (iequals_prefix(line, "content-type:")) {
    transfer.result->content_type = trim(line.substr(13));
  } else if (iequals_prefix(line, "retry-after:")) {
    transfer.result->retry_after = trim(line.substr(12));
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view chunk(data, size * count);
  if (!transfer.decided) {
    transfer.decided = true;
    long status = 0;
    curl_easy_getinfo(transfer.handle, CURLINFO_RESPONSE_CODE, &status);
    std::string type = transfer.result->content_type;
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    transfer.to_stream = transfer.on_stream != nullptr && *transfer.on_stream && status >= 200 &&
                         status < 300 && type.rfind("text/event-stream", 0) == 0;
    transfer.result->streamed = transfer.to_stream;
  }
  if (transfer.to_stream) {
    if (!(*transfer.on_stream)(chunk)) {
      transfer.consumer_stopped = true;
      return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
    }
    return chunk.size();
  }
  if (transfer.result->body.size() + chunk.size() > transfer.request->max_body_bytes) {
    transfer.too_large = true;
    return 0;
  }
  transfer.result->body.append(chunk);
  return chunk.size();
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto& transfer = *static_cast<Transfer*>(user);
  const auto* cancel = transfer.request->cancel;
  return cancel != nullptr && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return TransportError::none;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::timeout;
    case CURLE_ABORTED_BY_CALLBACK:
      return TransportError::cancelled;
    case CURLE_OUT_OF_MEMORY:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_NOT_BUILT_IN:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return TransportError::setup;
    default:
      return TransportError::network;
  }
}

}  // namespace

HttpResult http_post(const HttpRequest& request, const StreamFn& on_stream) {
  HttpResult result;
  const auto fail = [&result](TransportError error, std::string message) {
    result.error = error;
    result.error_message = std::move(message);
    return result;
  };
  if (!ensure_curl_initialised()) return fail(TransportError::setup, "libcurl could not be initialised");
  const CurlEasy easy(curl_easy_init());
  if (!easy) return fail(TransportError::setup, "libcurl could not create a handle");
  CURL* handle = easy.get();

  CurlHeaders headers;
  for (const auto& header : request.headers) {
    if (!headers.append(header)) return fail(TransportError::setup, "out of memory building headers");
  }
  // No "Expect: 100-continue" wait on large bodies: the servers we talk to answer at once.
  if (!headers.append("Expect:")) return fail(TransportError::setup, "out of memory building headers");

  Transfer transfer;
  transfer.handle = handle;
  transfer.request = &request;
  transfer.on_stream = &on_stream;
  transfer.result = &result;
  char error_buffer[CURL_ERROR_SIZE] = {};

  bool options_ok = true;
  const auto set = [&options_ok](CURLcode code) { options_ok = options_ok && code == CURLE_OK; };
  set(curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str()));
  set(curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L));  // a redirect is an answer, never followed
  set(curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L));        // timeouts without SIGALRM: we run in threads
  set(curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                       static_cast<long>(std::max(1, request.connect_timeout_ms))));
  set(curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(1, request.total_timeout_ms))));
  set(curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get()));
  set(curl_easy_setopt(handle, CURLOPT_POST, 1L));
  set(curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data()));
  set(curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
  set(curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, ""));  // whatever this libcurl decodes
  set(curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header));
  set(curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer));
  set(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body));
  set(curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer));
  set(curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L));
  set(curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &on_progress));
  set(curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &transfer));
  set(curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer));
  if (!options_ok) return fail(TransportError::setup, "libcurl refused an option");

  const CURLcode code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.status);
  if (code == CURLE_OK) return result;
  if (transfer.too_large) return fail(TransportError::too_large, "the response body passed the size limit");
  if (transfer.consumer_stopped) return fail(TransportError::aborted, "the stream was abandoned");
  std::string message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  return fail(classify(code), std::move(message));
}

const char* to_string(TransportError error) {
  switch (error) {
    case TransportError::none:
      return "none";
    case TransportError::timeout:
      return "timeout";
    case TransportError::network:
      return "network";
    case TransportError::cancelled:
      return "cancelled";
    case TransportError::too_large:
      return "too_large";
    case TransportError::aborted:
      return "aborted";
    case TransportError::setup:
      return "setup";
  }
  return "network";
}

}  // namespace joblens::host::llm
