// Native-messaging framing: a 4-byte length in native byte order, then that many bytes of UTF-8 JSON.
// Chrome and Firefox frame both directions this way; see docs/protocol.md.
//
// The reader pulls bytes from a ByteSource so that the host (a file descriptor), the tests (memory)
// and the fuzzer (memory) share one implementation. Errors are values: nothing here throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "shared/wire/error.hpp"

namespace joblens::host::protocol {

// Browser → host: Chrome documents 64 MiB; larger announced lengths are refused before allocating.
inline constexpr std::uint32_t kMaxInboundFrame = 64u << 20;
// Host → browser: both browsers drop the port above 1 MiB, so larger results are paged.
inline constexpr std::uint32_t kMaxOutboundFrame = 1u << 20;

// Reads up to `size` bytes into `data`; returns the count, 0 at end of stream, or -1 on error.
using ByteSource = std::function<long(char* data, std::size_t size)>;
// Writes up to `size` bytes; returns the count written or -1 on error.
using ByteSink = std::function<long(const char* data, std::size_t size)>;

ByteSource fd_source(int fd);  // loops on EINTR
ByteSink fd_sink(int fd);      // loops on EINTR; EPIPE is an error, never a signal (see serve.cpp)
ByteSource memory_source(std::string_view bytes);  // the view must outlive the source

enum class ReadOutcome {
  frame,          // `body` holds one frame
  end_of_stream,  // the stream ended cleanly between frames
  error,          // see `error`; `resumable` says whether the next frame can still be read
};

struct ReadResult {
  ReadOutcome outcome = ReadOutcome::end_of_stream;
  Error error;
  bool resumable = false;
};

class FrameReader {
 public:
  explicit FrameReader(ByteSource source, std::uint32_t max_frame = kMaxInboundFrame)
      : source_(std::move(source)), max_frame_(max_frame) {}

  // Reads exactly 4 + N bytes, looping on short reads. A frame larger than the cap is refused
  // before any allocation, then skipped in small chunks so that the stream stays in step and the
  // next frame can be served (resumable); the stream ending inside a frame is not resumable.
  ReadResult next(std::string& body);

 private:
  // Fills `data` completely; returns the bytes read (< size only at end of stream), or -1.
  long read_fully(char* data, std::size_t size);
  bool skip(std::uint64_t size);

  ByteSource source_;
  std::uint32_t max_frame_;
};

// Writes one frame (header then body) and returns an error when the body is over the outbound
// cap or the sink fails (the browser went away). Partial writes are retried until complete.
std::optional<Error> write_frame(const ByteSink& sink, std::string_view body,
                                 std::uint32_t max_frame = kMaxOutboundFrame);

// The frame as bytes (header + body), for tests and benchmarks that write to a pipe themselves.
std::string encode_frame(std::string_view body);

}  // namespace joblens::host::protocol
