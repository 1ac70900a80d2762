// The message loop the browser talks to: frames in on stdin, frames out on stdout, nothing else on
// stdout. Returns the process exit code.
#pragma once

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/protocol/frame.hpp"

namespace joblens::host {

// Serves until the stream ends (the browser closed the port) or can no longer be read in step.
int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, const protocol::ByteSink& sink);

}  // namespace joblens::host
