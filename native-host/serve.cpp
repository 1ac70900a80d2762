#include "native-host/serve.hpp"

#include <cstdio>

#include "native-host/protocol/envelope.hpp"

namespace joblens::host {

std::optional<Error> FrameWriter::write(std::string_view body) {
  std::lock_guard lock(mutex_);
  return protocol::write_frame(sink_, body, max_frame_);
}

int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, FrameWriter& writer,
          const std::function<void()>& between_messages) {
  std::string body;
  for (;;) {
    const protocol::ReadResult read = reader.next(body);
    std::string reply;
    switch (read.outcome) {
      case protocol::ReadOutcome::end_of_stream:
        return 0;
      case protocol::ReadOutcome::frame:
        reply = dispatcher.handle(body);
        break;
      case protocol::ReadOutcome::error:
        std::fprintf(stderr, "joblens-host: %s\n", read.error.message.c_str());
        reply = protocol::error_reply(nullptr, read.error);
        break;
    }
    if (auto error = writer.write(reply)) {
      // The browser went away (EPIPE): nobody is left to answer.
      std::fprintf(stderr, "joblens-host: %s\n", error->message.c_str());
      return 0;
    }
    if (read.outcome == protocol::ReadOutcome::error && !read.resumable) return 0;
    if (between_messages) between_messages();
  }
}

int serve(Dispatcher& dispatcher, protocol::FrameReader& reader, const protocol::ByteSink& sink,
          const std::function<void()>& between_messages) {
  FrameWriter writer(sink);
  return serve(dispatcher, reader, writer, between_messages);
}

}  // namespace joblens::host
