// The message loop the browser talks to: frames in on stdin, frames out on stdout, nothing else on
// stdout. Returns the process exit code.
//
// Requests are handled on the calling thread, one at a time and in order; the background queue's
// workers write events (docs/protocol.md, Events) through the same FrameWriter, whose lock keeps
// every frame whole on the stream.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/protocol/frame.hpp"

namespace joblens::host {

// One writer for every frame the host sends (replies and events), from any thread.
class FrameWriter {
 public:
  explicit FrameWriter(protocol::ByteSink sink, std::uint32_t max_frame = protocol::kMaxOutboundFrame)
      : sink_(std::move(sink)), max_frame_(max_frame) {}
  FrameWriter(const FrameWriter&) = delete;
  FrameWriter& operator=(const FrameWriter&) = delete;

  // Writes one frame whole; an error when it is over the cap or the browser went away.
  std::optional<Error> write(std::string_view body);

 private:
  std::mutex mutex_;
  protocol::ByteSink sink_;
  std::uint32_t max_frame_;
};

// Serves until the stream ends (the browser closed the port) or can no longer be read in step.
// `between_messages` runs after each reply, before the next read (housekeeping such as checkpoints).
int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, FrameWriter& writer,
          const std::function<void()>& between_messages = {});
int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, const protocol::ByteSink& sink,
          const std::function<void()>& between_messages = {});

}  // namespace joblens::host
