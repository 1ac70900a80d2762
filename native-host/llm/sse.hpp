// An incremental parser for Server-Sent Events (the WHATWG "text/event-stream" format) as OpenAI and
// Anthropic stream their replies: bytes arrive in arbitrary chunks (a line, a field or a CRLF may be
// split across libcurl write callbacks) and complete events come out. Hand-written because no
// packaged C++ library parses SSE incrementally; the format is a page of the HTML standard.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace joblens::host::llm {

struct SseEvent {
  std::string event;  // the "event:" field; empty means the default type "message"
  std::string data;   // every "data:" line of the event joined with '\n'
  std::string id;     // the last "id:" seen (persists across events, as the standard says)
};

class SseParser {
 public:
  using EventFn = std::function<void(const SseEvent&)>;

  // A line longer than `max_line_bytes` (or an event's data longer than it) makes feed() fail: a
  // misbehaving server must not grow our memory without bound.
  explicit SseParser(std::size_t max_line_bytes = 1 << 20) : max_line_bytes_(max_line_bytes) {}

  // Consumes a chunk, calling `on_event` for each event it completes. False (and the parser stays
  // failed) when a line or an event outgrows the limit.
  bool feed(std::string_view chunk, const EventFn& on_event);
  // At the end of the stream: the standard discards an event that was not terminated by a blank
  // line, so this only reports whether anything was left over (a cut stream).
  bool has_partial_event() const { return !line_.empty() || has_data_ || !event_type_.empty(); }
  bool failed() const { return failed_; }

 private:
  void process_line(const EventFn& on_event);
  void dispatch(const EventFn& on_event);

  std::size_t max_line_bytes_;
  std::string line_;              // the current line, without its terminator
  bool previous_was_cr_ = false;  // a CR ended the last line: an LF right after belongs to it
  std::string event_type_;
  std::string data_;
  bool has_data_ = false;
  std::string last_id_;
  bool failed_ = false;
};

}  // namespace joblens::host::llm
