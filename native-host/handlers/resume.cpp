// resume.import: placeholder until the resume reader lands.
#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

std::span<const Route> resume_routes() { return {}; }

}  // namespace joblens::host
