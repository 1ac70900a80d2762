// The message loop the browser talks to: frames in on stdin, frames out on stdout, nothing else on
// stdout. Returns the process exit code.
#pragma once

#include <functional>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/protocol/frame.hpp"

namespace joblens::host {

// Serves until the stream ends (the browser closed the port) or can no longer be read in step.
// `between_messages` runs after each reply, before the next read (housekeeping such as checkpoints).
int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, const protocol::ByteSink& sink,
          const std::function<void()>& between_messages = {});

}  // namespace joblens::host
