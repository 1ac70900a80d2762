#include <algorithm>

#include "cli/commands.hpp"

namespace joblens::cli {

bool option_value(const Args& args, const std::string& name, std::string& value) {
  auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end() || it + 1 == args.end()) return false;
  value = *(it + 1);
  return true;
}

bool has_flag(const Args& args, const std::string& name) {
  return std::find(args.begin(), args.end(), name) != args.end();
}

}  // namespace joblens::cli
