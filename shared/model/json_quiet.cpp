// parse_json_quiet: the same checks as parse_json without exceptions. This file is built without
// -fexceptions in WebAssembly (like the rest of the hot core), where Emscripten 3.1.6 would otherwise
// route every parser call through a JavaScript trampoline; it serves the extension's per-burst calls
// (wasm/page_api.cpp). The price is a message without the byte offset.
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::model {

Result<nlohmann::json> parse_json_quiet(std::string_view text) {
  if (!text::is_valid_utf8(text)) return make_error(ErrorCode::invalid_utf8, "the input is not valid UTF-8");
  if (json_nesting_depth(text) > kMaxJsonDepth)
    return make_error(
        ErrorCode::invalid_json,
        std::string("JSON nested deeper than ").append(std::to_string(kMaxJsonDepth)).append(" levels"));
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error(ErrorCode::invalid_json, "invalid JSON");
  return j;
}

}  // namespace joblens::model
