#include "shared/wire/error.hpp"

namespace joblens {

std::string_view to_string(ErrorCode code) {
  switch (code) {
#define JOBLENS_ERROR_NAME(name, number, text) \
  case ErrorCode::name:                        \
    return #name;
    JOBLENS_ERROR_CODES(JOBLENS_ERROR_NAME)
#undef JOBLENS_ERROR_NAME
  }
  return "unknown";
}

}  // namespace joblens
