#include "native-host/protocol/json_parser.hpp"

#include <simdjson.h>

#include "shared/model/json_io.hpp"

namespace joblens::host::protocol {

using nlohmann::json;

struct JsonParser::Impl {
  simdjson::dom::parser parser;
};

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {
  // simdjson enforces the nesting limit while it parses (its depth counts the root document too); a
  // deeper document fails over to the core's parser, which reports it. Should this allocation fail,
  // every parse fails over the same way, so the result can be ignored.
  [[maybe_unused]] const auto allocated = impl_->parser.allocate(64 * 1024, model::kMaxJsonDepth + 1);
}
JsonParser::~JsonParser() = default;

namespace {

// Depth is bounded by the caller's check (kMaxJsonDepth), so the recursion is too.
json to_nlohmann(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::OBJECT: {
      json object = json::object();
      for (auto field : simdjson::dom::object(element)) {
        object[std::string(field.key)] = to_nlohmann(field.value);
      }
      return object;
    }
    case element_type::ARRAY: {
      json array = json::array();
      for (auto item : simdjson::dom::array(element)) array.push_back(to_nlohmann(item));
      return array;
    }
    case element_type::STRING:
      return std::string(std::string_view(element));
    case element_type::INT64:
      return std::int64_t(element);
    case element_type::UINT64:
      return std::uint64_t(element);
    case element_type::DOUBLE:
      return double(element);
    case element_type::BOOL:
      return bool(element);
    case element_type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Result<json> JsonParser::parse(std::string_view text) {
  // The same UTF-8 and depth rules as the core: simdjson checks both while it parses.
  simdjson::dom::element root;
  if (impl_->parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(root) !=
      simdjson::SUCCESS) {
    // Whatever simdjson refused (bad UTF-8, bad JSON, a number past 64 bits), the core's parser
    // gives the documented error, or the value when only simdjson was stricter.
    return model::parse_json(text);
  }
  return to_nlohmann(root);
}

}  // namespace joblens::host::protocol
