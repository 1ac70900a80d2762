#include "native-host/dispatch/dispatcher.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include "native-host/protocol/envelope.hpp"

namespace joblens::host {

using nlohmann::json;

std::int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::vector<Route> all_routes() {
  std::vector<Route> routes;
  for (auto group :
       {session_routes(), profile_routes(), job_routes(), score_routes(), application_routes(),
        stats_routes(), selector_routes(), setting_routes(), transfer_routes(), resume_routes(),
        similar_routes(), queue_routes(), llm_routes()}) {
    routes.insert(routes.end(), group.begin(), group.end());
  }
  std::sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) { return a.type < b.type; });
  return routes;
}

Dispatcher::Dispatcher(Context& context, std::size_t max_reply)
    : context_(context), max_reply_(max_reply), routes_(all_routes()) {}

Result<json> Dispatcher::call(std::string_view type, const json& args) {
  const auto route = std::lower_bound(routes_.begin(), routes_.end(), type,
                                      [](const Route& r, std::string_view t) { return r.type < t; });
  if (route == routes_.end() || route->type != type) {
    return make_error(ErrorCode::unknown_type, "unknown message type '" + std::string(type) +
                                                   "' (hello lists the types this host serves)");
  }
  if (auto error = check_args(type, args, route->args)) return *error;
  // The one place exceptions stop: a handler bug, or memory exhaustion, becomes a coded reply.
  try {
    return route->handler(context_, args);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string(type) + ": " + e.what());
  } catch (...) {
    return make_error(ErrorCode::internal, std::string(type) + ": unknown failure");
  }
}

std::string Dispatcher::handle(std::string_view body) {
  try {
    json id;
    auto request = protocol::parse_request(body, id, parser_);
    if (!request) return protocol::error_reply(id, request.error());
    auto result = call(request->type, request->args);
    if (!result) return protocol::error_reply(request->id, result.error());
    std::string out = protocol::reply(request->id, request->type, *result);
    if (out.size() > max_reply_) {
      return protocol::error_reply(
          request->id, make_error(ErrorCode::too_large, "the reply would be " + std::to_string(out.size()) +
                                                            " bytes, over the frame limit; ask for a smaller "
                                                            "page with args.limit"));
    }
    return out;
  } catch (...) {
    // Only memory exhaustion can land here; the reply is a constant so it cannot fail again.
    return R"({"id":null,"type":"error","error":{"code":1999,"name":"internal","message":"out of memory"}})";
  }
}

}  // namespace joblens::host
