// parse_json_quiet: the same checks as parse_json without exceptions. This file is built without
// -fexceptions in WebAssembly (like the rest of the hot core), where Emscripten 3.1.6 would otherwise
// route every parser call through a JavaScript trampoline; it serves the extension's per-burst calls
// (wasm/page_api.cpp). The price is a message without the byte offset.
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::model {

Result<nlohmann::json> parse_json_quiet(std::string_view text) {
  // One pass: nlohmann's lexer rejects ill-formed UTF-8 itself, and its callback reports the depth
  // of every array and object as it opens. Separate scans for both, before the parse, cost a fifth of
  // reading a burst of cards in WebAssembly. Only a failure looks again, to name the right error.
  using Json = nlohmann::json;
  bool too_deep = false;
  const Json::parser_callback_t check_depth = [&too_deep](int depth, Json::parse_event_t event, Json&) {
    const bool opens =
        event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
    if (opens && depth >= kMaxJsonDepth) too_deep = true;  // depth counts the containers around it
    return !too_deep;
  };
  auto j = Json::parse(text, check_depth, /*allow_exceptions=*/false);
  if (!too_deep && !j.is_discarded()) return j;
  if (!text::is_valid_utf8(text)) return make_error(ErrorCode::invalid_utf8, "the input is not valid UTF-8");
  if (too_deep || json_nesting_depth(text) > kMaxJsonDepth)
    return make_error(
        ErrorCode::invalid_json,
        std::string("JSON nested deeper than ").append(std::to_string(kMaxJsonDepth)).append(" levels"));
  return make_error(ErrorCode::invalid_json, "invalid JSON");
}

}  // namespace joblens::model
