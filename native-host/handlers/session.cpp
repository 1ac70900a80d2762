// hello: the first message on every connection; says who we are and what we serve.
#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/protocol/frame.hpp"
#include "native-host/storage/schema.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

Result<json> hello(Context& context, const json&) {
  auto schema = storage::schema_version(context.db);
  if (!schema) return schema.error();
  json types = json::array();
  for (const Route& route : all_routes()) types.push_back(route.type);
  return json{{"name", "joblens-host"},
              {"version", context.version},
              {"protocol", 1},
              {"schema_version", *schema},
              {"capabilities", types},
              {"max_frame_bytes", protocol::kMaxOutboundFrame},
              {"max_request_bytes", protocol::kMaxInboundFrame}};
}

constexpr ArgSpec kHelloArgs[] = {{"client", Kind::string}, {"client_version", Kind::string}};

constexpr Route kRoutes[] = {
    {"hello", hello, kHelloArgs, "who the host is: version, schema version, message types"},
};

}  // namespace

std::span<const Route> session_routes() { return kRoutes; }

}  // namespace joblens::host
