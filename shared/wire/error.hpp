// Errors as values, shared by the core, the CLI, the host and (generated) the extension.
//
// Codes are stable numbers: never renumber or reuse one. The list below is the single source; the
// TypeScript copy is generated from it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace joblens {

// X(name, number, one-line meaning)
#define JOBLENS_ERROR_CODES(X)                                            \
  X(ok, 0, "no error")                                                    \
  X(invalid_json, 1001, "the input is not valid JSON")                    \
  X(invalid_utf8, 1002, "the input is not valid UTF-8")                   \
  X(missing_field, 1003, "a required field is missing")                   \
  X(wrong_type, 1004, "a field has the wrong type")                       \
  X(invalid_value, 1005, "a field has a value outside what is allowed")   \
  X(too_large, 1006, "the input is larger than the limit")                \
  X(empty_input, 1007, "the input is empty")                              \
  X(taxonomy_invalid, 1101, "the skills taxonomy data is malformed")      \
  X(io_error, 1201, "a file could not be read or written")                \
  X(usage, 1202, "the command line is wrong")                             \
  X(unknown_type, 2001, "the message type is not known")                  \
  X(frame_too_large, 2002, "a frame announced more bytes than allowed")   \
  X(frame_truncated, 2003, "the stream ended inside a frame")             \
  X(storage, 2101, "the database failed")                                 \
  X(storage_busy, 2102, "the database stayed locked past the timeout")    \
  X(not_found, 2103, "the requested record does not exist")               \
  X(conflict, 2104, "the record changed since it was read")               \
  X(schema_too_new, 2105, "the database was written by a newer JobLens")  \
  X(tool_missing, 2201, "a helper program is not installed")              \
  X(tool_timeout, 2202, "a helper program ran past its time limit")       \
  X(tool_failed, 2203, "a helper program failed")                         \
  X(unsupported_format, 2204, "the file format is not supported")         \
  X(permission_denied, 2205, "the operating system refused access")       \
  X(host_unavailable, 3001, "the native host is not connected")           \
  X(host_timeout, 3002, "the native host did not answer in time")         \
  X(sender_forbidden, 3003, "the message came from an unexpected sender") \
  X(bad_message, 3004, "the message does not have the expected shape")    \
  X(llm_not_configured, 4001, "no AI provider is configured for this")    \
  X(llm_failed, 4002, "every AI provider in the chain failed")            \
  X(rate_limited, 4003, "the provider asked us to slow down")             \
  X(provider_timeout, 4004, "the provider did not answer in time")        \
  X(bad_reply, 4005, "the provider's reply did not fit the schema")       \
  X(budget_exceeded, 4006, "the AI budget's cap is reached")              \
  X(breaker_open, 4007, "the provider failed repeatedly and is paused")   \
  X(provider_error, 4008, "the provider refused or failed the request")   \
  X(cancelled, 4009, "the task was cancelled")                            \
  X(internal, 1999, "an unexpected internal error")

enum class ErrorCode : int {
#define JOBLENS_ERROR_ENUM(name, number, text) name = number,
  JOBLENS_ERROR_CODES(JOBLENS_ERROR_ENUM)
#undef JOBLENS_ERROR_ENUM
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

// A value or an Error. Written here because std::expected (C++23) is not in Emscripten 3.1.6's libc++.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor): reads naturally
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace joblens
