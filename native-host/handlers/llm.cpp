// llm routes (issue #4); filled in by the llm unit.
#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

std::span<const Route> llm_routes() { return {}; }

}  // namespace joblens::host
