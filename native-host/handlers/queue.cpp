// queue routes (issue #4); filled in by the queue unit.
#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

std::span<const Route> queue_routes() { return {}; }

}  // namespace joblens::host
