// Framing without pipes: memory sources that deliver bytes in awkward pieces.
#include <doctest/doctest.h>

#include <cstring>

#include "native-host/protocol/envelope.hpp"
#include "native-host/protocol/frame.hpp"

namespace joblens::host::protocol {

namespace {

std::string header(std::uint32_t length) {
  std::string h(4, '\0');
  std::memcpy(h.data(), &length, 4);
  return h;
}

// Delivers at most `chunk` bytes per read, like a pipe under load.
ByteSource trickle(std::string bytes, std::size_t chunk) {
  return [bytes = std::move(bytes), chunk, offset = std::size_t{0}](char* data,
                                                                    std::size_t size) mutable -> long {
    const std::size_t n = std::min({size, chunk, bytes.size() - offset});
    std::memcpy(data, bytes.data() + offset, n);
    offset += n;
    return static_cast<long>(n);
  };
}

}  // namespace

TEST_CASE("frames are read whole across short reads, in native byte order") {
  const std::string stream = encode_frame(R"({"id":1})") + encode_frame("") + encode_frame(R"({"id":2})");
  for (std::size_t chunk : {1u, 3u, 5u, 4096u}) {
    FrameReader reader(trickle(stream, chunk));
    std::string body;
    CHECK(reader.next(body).outcome == ReadOutcome::frame);
    CHECK(body == R"({"id":1})");
    CHECK(reader.next(body).outcome == ReadOutcome::frame);
    CHECK(body.empty());  // a 0-byte frame is a frame (the dispatcher answers empty_input)
    CHECK(reader.next(body).outcome == ReadOutcome::frame);
    CHECK(body == R"({"id":2})");
    CHECK(reader.next(body).outcome == ReadOutcome::end_of_stream);
  }
}

TEST_CASE("a truncated header or body is a coded, final error") {
  std::string body;
  FrameReader header_cut(memory_source(std::string_view("\x05\x00", 2)));
  ReadResult r = header_cut.next(body);
  CHECK(r.outcome == ReadOutcome::error);
  CHECK(r.error.code == ErrorCode::frame_truncated);
  CHECK_FALSE(r.resumable);

  const std::string cut = header(10) + "{\"id\"";
  FrameReader body_cut(memory_source(cut));
  r = body_cut.next(body);
  CHECK(r.error.code == ErrorCode::frame_truncated);
  CHECK(r.error.message.find("5 of 10") != std::string::npos);
  CHECK_FALSE(r.resumable);
}

TEST_CASE("an announced length over the cap is refused before allocating, and skipped") {
  std::string body;
  // 4 GB announced, stream ends: refused, not resumable, and nothing near 4 GB was allocated.
  const std::string huge = header(0xFFFFFFFFu) + "xyz";
  FrameReader reader(memory_source(huge));
  ReadResult r = reader.next(body);
  CHECK(r.error.code == ErrorCode::frame_too_large);
  CHECK_FALSE(r.resumable);
  CHECK(body.capacity() < 1024);

  // Over a small cap but fully sent: skipped, and the next frame is served.
  const std::string stream = header(100) + std::string(100, 'a') + encode_frame(R"({"id":3})");
  FrameReader capped(memory_source(stream), 64);
  r = capped.next(body);
  CHECK(r.error.code == ErrorCode::frame_too_large);
  CHECK(r.resumable);
  CHECK(capped.next(body).outcome == ReadOutcome::frame);
  CHECK(body == R"({"id":3})");
}

TEST_CASE("writes never exceed the outbound cap and retry partial writes") {
  std::string written;
  ByteSink halting = [&written](const char* data, std::size_t size) -> long {
    const std::size_t n = std::min<std::size_t>(size, 3);  // three bytes at a time
    written.append(data, n);
    return static_cast<long>(n);
  };
  CHECK_FALSE(write_frame(halting, R"({"ok":true})"));
  CHECK(written == encode_frame(R"({"ok":true})"));

  written.clear();
  const std::string big(kMaxOutboundFrame + 1, 'x');
  auto error = write_frame(halting, big);
  REQUIRE(error);
  CHECK(error->code == ErrorCode::too_large);
  CHECK(written.empty());

  ByteSink closed = [](const char*, std::size_t) -> long { return -1; };  // EPIPE
  auto gone = write_frame(closed, "{}");
  REQUIRE(gone);
  CHECK(gone->code == ErrorCode::io_error);
}

TEST_CASE("the envelope: ids are echoed, bad envelopes are coded errors") {
  nlohmann::json id;
  JsonParser parser;
  auto ok = parse_request(R"({"id":"a1","type":"hello"})", id, parser);
  REQUIRE(ok.ok());
  CHECK(ok->id == "a1");
  CHECK(ok->args.is_object());

  CHECK(parse_request(R"({"type":"hello"})", id, parser).error().code == ErrorCode::missing_field);
  CHECK(parse_request(R"({"id":7,"type":3})", id, parser).error().code == ErrorCode::wrong_type);
  CHECK(id == 7);  // still echoed, so the extension can match the error to its request
  CHECK(parse_request(R"({"id":7,"type":"x","args":[1]})", id, parser).error().code == ErrorCode::wrong_type);
  CHECK(parse_request(R"({"id":{},"type":"x"})", id, parser).error().code == ErrorCode::wrong_type);
  CHECK(parse_request("[1,2]", id, parser).error().code == ErrorCode::wrong_type);
  CHECK(parse_request("{\"id\":1,\"type\":\"\xff\"}", id, parser).error().code == ErrorCode::invalid_utf8);
  CHECK(parse_request(std::string(10000, '[') + std::string(10000, ']'), id, parser).error().code ==
        ErrorCode::invalid_json);

  const auto reply = nlohmann::json::parse(error_reply(5, make_error(ErrorCode::not_found, "gone")));
  CHECK(reply == nlohmann::json{{"id", 5},
                                {"type", "error"},
                                {"error", {{"code", 2103}, {"name", "not_found"}, {"message", "gone"}}}});
}

}  // namespace joblens::host::protocol
