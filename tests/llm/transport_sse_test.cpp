// The SSE parser: fields, multi-line data, CRLF/CR/LF, comments, and chunk boundaries anywhere.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "native-host/llm/sse.hpp"

namespace {

using joblens::host::llm::SseEvent;
using joblens::host::llm::SseParser;

std::vector<SseEvent> parse_in_pieces(const std::string& text, std::size_t split_at) {
  SseParser parser;
  std::vector<SseEvent> events;
  const auto collect = [&](const SseEvent& event) { events.push_back(event); };
  REQUIRE(parser.feed(text.substr(0, split_at), collect));
  REQUIRE(parser.feed(text.substr(split_at), collect));
  return events;
}

std::vector<SseEvent> parse_bytewise(const std::string& text) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (const char c : text)
    REQUIRE(parser.feed(std::string(1, c), [&](const SseEvent& e) { events.push_back(e); }));
  return events;
}

const std::string kStream =
    ": keep-alive comment\r\n"
    "event: message_start\r\n"
    "id: 7\r\n"
    "data: {\"a\":1}\r\n"
    "\r\n"
    "data: line one\n"
    "data:line two\n"
    "data:  indented\n"
    "\n"
    "event: ping\r"
    "data: {}\r"
    "\r"
    "data: [DONE]\n\n";

void check_events(const std::vector<SseEvent>& events) {
  REQUIRE(events.size() == 4);
  CHECK(events[0].event == "message_start");
  CHECK(events[0].id == "7");
  CHECK(events[0].data == "{\"a\":1}");
  CHECK(events[1].event.empty());
  CHECK(events[1].data == "line one\nline two\n indented");  // only one leading space is stripped
  CHECK(events[1].id == "7");                                // the last id persists
  CHECK(events[2].event == "ping");
  CHECK(events[2].data == "{}");
  CHECK(events[3].data == "[DONE]");
}

}  // namespace

TEST_CASE("sse: a whole stream in one chunk") {
  SseParser parser;
  std::vector<SseEvent> events;
  REQUIRE(parser.feed(kStream, [&](const SseEvent& e) { events.push_back(e); }));
  check_events(events);
  CHECK_FALSE(parser.has_partial_event());
}

TEST_CASE("sse: the same events whatever the chunk boundary, one byte at a time included") {
  for (std::size_t split = 0; split <= kStream.size(); ++split) {
    CAPTURE(split);
    check_events(parse_in_pieces(kStream, split));
  }
  check_events(parse_bytewise(kStream));
}

TEST_CASE("sse: a CR at the end of one chunk and its LF at the start of the next make one line end") {
  SseParser parser;
  std::vector<SseEvent> events;
  const auto collect = [&](const SseEvent& e) { events.push_back(e); };
  REQUIRE(parser.feed("data: a\r", collect));
  REQUIRE(parser.feed("\ndata: b\r", collect));
  REQUIRE(parser.feed("\n\r\n", collect));
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "a\nb");
}

TEST_CASE("sse: events without data are not dispatched, and their type does not leak into the next") {
  SseParser parser;
  std::vector<SseEvent> events;
  REQUIRE(parser.feed("event: lonely\n\ndata: x\n\n", [&](const SseEvent& e) { events.push_back(e); }));
  REQUIRE(events.size() == 1);
  CHECK(events[0].event.empty());
  CHECK(events[0].data == "x");
}

TEST_CASE("sse: a field without a colon, an empty data line and unknown fields") {
  SseParser parser;
  std::vector<SseEvent> events;
  REQUIRE(
      parser.feed("data\nretry: 10\nfoo: bar\ndata: z\n\n", [&](const SseEvent& e) { events.push_back(e); }));
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "\nz");
}

TEST_CASE("sse: an unterminated event is reported as partial, not dispatched") {
  SseParser parser;
  int count = 0;
  REQUIRE(parser.feed("data: {\"half\":", [&](const SseEvent&) { ++count; }));
  CHECK(count == 0);
  CHECK(parser.has_partial_event());
}

TEST_CASE("sse: a line past the limit fails the parser for good") {
  SseParser parser(32);
  int count = 0;
  CHECK_FALSE(parser.feed("data: " + std::string(64, 'x'), [&](const SseEvent&) { ++count; }));
  CHECK(parser.failed());
  CHECK_FALSE(parser.feed("\n\n", [&](const SseEvent&) { ++count; }));
  CHECK(count == 0);
}
