// The one envelope every message uses (docs/protocol.md):
//   request  {id, type, args}
//   reply    {id, type, result}  or  {id, type: "error", error: {code, message}}
// The id is echoed as given (a string or a number); null when the request had none we could read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "native-host/protocol/json_parser.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::protocol {

struct Request {
  nlohmann::json id;  // string or number
  std::string type;
  nlohmann::json args;  // always an object (empty when the request had none)
};

// Parses and checks a frame body. On failure, `id_out` holds whatever id could be read, so that the
// error reply can still be matched to its request.
Result<Request> parse_request(std::string_view body, nlohmann::json& id_out, JsonParser& parser);

std::string reply(const nlohmann::json& id, std::string_view type, const nlohmann::json& result);
std::string error_reply(const nlohmann::json& id, const Error& error);

}  // namespace joblens::host::protocol
