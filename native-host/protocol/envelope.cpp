#include "native-host/protocol/envelope.hpp"
#include "shared/wire/error_json.hpp"

namespace joblens::host::protocol {

using nlohmann::json;

Result<Request> parse_request(std::string_view body, json& id_out, JsonParser& parser) {
  id_out = nullptr;
  if (body.empty())
    return make_error(ErrorCode::empty_input, "the frame is empty; expected {id, type, args}");
  // The parser checks UTF-8 and refuses deep nesting before any recursive step sees it.
  auto parsed = parser.parse(body);
  if (!parsed) return parsed.error();
  json& message = *parsed;
  if (!message.is_object()) return make_error(ErrorCode::wrong_type, "a message must be a JSON object");

  const auto id = message.find("id");
  if (id != message.end() && (id->is_string() || id->is_number())) id_out = *id;
  if (id == message.end() || id->is_null()) return make_error(ErrorCode::missing_field, "'id' is missing");
  if (!id->is_string() && !id->is_number()) {
    return make_error(ErrorCode::wrong_type, "'id' must be a string or a number");
  }

  const auto type = message.find("type");
  if (type == message.end()) return make_error(ErrorCode::missing_field, "'type' is missing");
  if (!type->is_string()) return make_error(ErrorCode::wrong_type, "'type' must be a string");

  Request request{std::move(*id), type->get<std::string>(), json::object()};
  const auto args = message.find("args");
  if (args != message.end() && !args->is_null()) {
    if (!args->is_object()) return make_error(ErrorCode::wrong_type, "'args' must be an object");
    request.args = std::move(*args);
  }
  return request;
}

namespace {

// replace: invalid UTF-8 never reaches a reply (inputs are checked), but a dump must not throw.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string reply(const json& id, std::string_view type, const json& result) {
  return dump(json{{"id", id}, {"type", type}, {"result", result}});
}

std::string error_reply(const json& id, const Error& error) {
  return dump(json{{"id", id}, {"type", "error"}, {"error", error_json(error)}});
}

}  // namespace joblens::host::protocol
