#include "native-host/protocol/frame.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace joblens::host::protocol {

ByteSource fd_source(int fd) {
  return [fd](char* data, std::size_t size) -> long {
    for (;;) {
      const ssize_t n = ::read(fd, data, size);
      if (n >= 0) return static_cast<long>(n);
      if (errno != EINTR) return -1;
    }
  };
}

ByteSink fd_sink(int fd) {
  return [fd](const char* data, std::size_t size) -> long {
    for (;;) {
      const ssize_t n = ::write(fd, data, size);
      if (n >= 0) return static_cast<long>(n);
      if (errno != EINTR) return -1;
    }
  };
}

ByteSource memory_source(std::string_view bytes) {
  return [bytes, offset = std::size_t{0}](char* data, std::size_t size) mutable -> long {
    const std::size_t n = std::min(size, bytes.size() - offset);
    std::memcpy(data, bytes.data() + offset, n);
    offset += n;
    return static_cast<long>(n);
  };
}

long FrameReader::read_fully(char* data, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const long n = source_(data + got, size - got);
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return static_cast<long>(got);
}

bool FrameReader::skip(std::uint64_t size) {
  char sink[64 * 1024];
  while (size > 0) {
    const long n = source_(sink, static_cast<std::size_t>(std::min<std::uint64_t>(size, sizeof sink)));
    if (n <= 0) return false;
    size -= static_cast<std::uint64_t>(n);
  }
  return true;
}

ReadResult FrameReader::next(std::string& body) {
  char header[4];
  const long got = read_fully(header, sizeof header);
  if (got == 0) return {ReadOutcome::end_of_stream, {}, false};
  if (got < 0) return {ReadOutcome::error, make_error(ErrorCode::io_error, "reading stdin failed"), false};
  if (got < 4) {
    return {ReadOutcome::error,
            make_error(ErrorCode::frame_truncated,
                       "the stream ended after " + std::to_string(got) + " of 4 header bytes"),
            false};
  }
  std::uint32_t length = 0;
  std::memcpy(&length, header, sizeof length);  // native byte order, as the browsers write it
  if (length > max_frame_) {
    Error error =
        make_error(ErrorCode::frame_too_large, "a frame announced " + std::to_string(length) +
                                                   " bytes; the limit is " + std::to_string(max_frame_));
    const bool resumable = skip(length);
    return {ReadOutcome::error, std::move(error), resumable};
  }
  body.resize(length);
  const long body_got = read_fully(body.data(), length);
  if (body_got < 0)
    return {ReadOutcome::error, make_error(ErrorCode::io_error, "reading stdin failed"), false};
  if (static_cast<std::uint32_t>(body_got) < length) {
    body.clear();
    return {ReadOutcome::error,
            make_error(ErrorCode::frame_truncated, "the stream ended after " + std::to_string(body_got) +
                                                       " of " + std::to_string(length) + " body bytes"),
            false};
  }
  return {ReadOutcome::frame, {}, true};
}

namespace {

bool write_all(const ByteSink& sink, const char* data, std::size_t size) {
  while (size > 0) {
    const long n = sink(data, size);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string encode_frame(std::string_view body) {
  const auto length = static_cast<std::uint32_t>(body.size());
  std::string frame(4 + body.size(), '\0');
  std::memcpy(frame.data(), &length, 4);
  std::memcpy(frame.data() + 4, body.data(), body.size());
  return frame;
}

std::optional<Error> write_frame(const ByteSink& sink, std::string_view body, std::uint32_t max_frame) {
  if (body.size() > max_frame) {
    return make_error(ErrorCode::too_large, "a reply of " + std::to_string(body.size()) +
                                                " bytes is over the " + std::to_string(max_frame) +
                                                "-byte frame limit");
  }
  // One write for header and body: a reader never sees a header without its body from us.
  if (!write_all(sink, encode_frame(body).data(), 4 + body.size())) {
    return make_error(ErrorCode::io_error, "writing stdout failed (the browser closed the port)");
  }
  return std::nullopt;
}

}  // namespace joblens::host::protocol
