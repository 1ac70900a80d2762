// Follows https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation.
#include "native-host/llm/sse.hpp"

namespace joblens::host::llm {

bool SseParser::feed(std::string_view chunk, const EventFn& on_event) {
  if (failed_) return false;
  for (const char c : chunk) {
    if (c == '\n' && previous_was_cr_) {  // the LF of a CRLF split from its CR, maybe across chunks
      previous_was_cr_ = false;
      continue;
    }
    previous_was_cr_ = false;
    if (c == '\r' || c == '\n') {
      previous_was_cr_ = c == '\r';
      process_line(on_event);
      if (failed_) return false;
      continue;
    }
    if (line_.size() >= max_line_bytes_) {
      failed_ = true;
      return false;
    }
    line_.push_back(c);
  }
  return true;
}

void SseParser::process_line(const EventFn& on_event) {
  std::string line;
  line.swap(line_);
  if (line.empty()) {
    dispatch(on_event);
    return;
  }
  if (line.front() == ':') return;  // a comment (servers send them as keep-alives)
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = field.find(':'); colon != std::string_view::npos) {
    value = field.substr(colon + 1);
    field = field.substr(0, colon);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "event") {
    event_type_.assign(value);
  } else if (field == "data") {
    if (data_.size() + value.size() + 1 > max_line_bytes_) {
      failed_ = true;
      return;
    }
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
  }
  // "retry" and unknown fields are ignored: we never reconnect a reply stream.
}

void SseParser::dispatch(const EventFn& on_event) {
  if (!has_data_) {  // the standard: no data, no event (the type is reset all the same)
    event_type_.clear();
    return;
  }
  SseEvent event;
  event.event.swap(event_type_);
  event.data.swap(data_);
  if (!event.data.empty() && event.data.back() == '\n') event.data.pop_back();
  event.id = last_id_;
  has_data_ = false;
  if (on_event) on_event(event);
}

}  // namespace joblens::host::llm
