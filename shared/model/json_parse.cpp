// parse_json: nlohmann/json's parser with its exceptions caught, for the byte offset of a syntax error.
// The one file of the model built with -fexceptions in WebAssembly (shared/CMakeLists.txt): Emscripten
// 3.1.6 routes every call that may throw in such a file through a JavaScript trampoline, so reading
// jobs and profiles (json_io.cpp) and the quiet parser (json_quiet.cpp) are kept apart from it.
#include "shared/model/json_io.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::model {

using json = nlohmann::json;

Result<json> parse_json(std::string_view text) {
  if (!text::is_valid_utf8(text)) return make_error(ErrorCode::invalid_utf8, "the input is not valid UTF-8");
  if (json_nesting_depth(text) > kMaxJsonDepth)
    return make_error(ErrorCode::invalid_json,
                      "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    // parse_error carries the byte offset; other json errors (rare) keep their own text.
    if (const auto* p = dynamic_cast<const json::parse_error*>(&e))
      return make_error(ErrorCode::invalid_json, "invalid JSON at byte " + std::to_string(p->byte));
    return make_error(ErrorCode::invalid_json, "invalid JSON");
  }
}

}  // namespace joblens::model
