// Reading provider replies without exceptions: the lookups openai.cpp and anthropic.cpp share, and
// the failure they report for a reply of the wrong shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "native-host/llm/provider.hpp"

namespace joblens::host::llm::wire {

inline constexpr std::size_t kMaxReplyBytes = std::size_t{8} << 20;  // a reply larger than this is refused
inline constexpr std::size_t kMaxQuotedBody = 300;  // characters of a bad body quoted in a failure message

inline const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

inline std::string string_member(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

inline std::int64_t int_member(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = member(object, key);
  return value != nullptr && value->is_number() ? value->get<std::int64_t>() : 0;
}

inline Failure bad_response(std::string message) {
  Failure failure;
  failure.kind = FailureKind::bad_response;
  failure.message = std::move(message);
  return failure;
}

// A failure reported inside a stream that began as 200 OK (an error event); a rate-limit message may
// say when to try again.
Failure stream_failure(FailureKind kind, std::string message);

}  // namespace joblens::host::llm::wire
