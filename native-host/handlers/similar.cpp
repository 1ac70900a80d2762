// similar routes (issue #4); filled in by the similar unit.
#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

std::span<const Route> similar_routes() { return {}; }

}  // namespace joblens::host
