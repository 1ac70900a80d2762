// JSON in, JSON out: the host's pure core. The message loop (serve.cpp), the command line and the
// tests all go through Dispatcher::handle, which never throws and always returns one reply frame body.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/dispatch/args.hpp"
#include "native-host/dispatch/context.hpp"
#include "native-host/protocol/json_parser.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host {

using Handler = Result<nlohmann::json> (*)(Context& context, const nlohmann::json& args);

struct Route {
  std::string_view type;
  Handler handler;
  std::span<const ArgSpec> args;
  std::string_view summary;  // one line, also listed by `hello`
};

class Dispatcher {
 public:
  // max_reply: the outbound frame cap; the command line lifts it for exports written to files.
  explicit Dispatcher(Context& context, std::size_t max_reply);

  // One request frame body in, one reply frame body out.
  std::string handle(std::string_view body);
  // The same for a request already parsed (the command line builds its own).
  Result<nlohmann::json> call(std::string_view type, const nlohmann::json& args);

  std::span<const Route> routes() const { return routes_; }

 private:
  Context& context_;
  std::size_t max_reply_;
  std::vector<Route> routes_;  // sorted by type
  protocol::JsonParser parser_;
};

// Each message group contributes its routes (handlers/*.cpp).
std::span<const Route> session_routes();
std::span<const Route> profile_routes();
std::span<const Route> job_routes();
std::span<const Route> score_routes();
std::span<const Route> application_routes();
std::span<const Route> stats_routes();
std::span<const Route> selector_routes();
std::span<const Route> setting_routes();
std::span<const Route> transfer_routes();
std::span<const Route> resume_routes();
std::span<const Route> similar_routes();
std::span<const Route> queue_routes();
std::span<const Route> llm_routes();

// All routes, for `hello` and docs.
std::vector<Route> all_routes();

}  // namespace joblens::host
