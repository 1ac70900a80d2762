// The subcommands of `joblens`. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace joblens::cli {

using Args = std::vector<std::string>;

// Exit codes: 0 everything succeeded, 1 some input lines failed, 2 the command could not run.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

int score_command(const Args& args);
int skills_command(const Args& args);
int taxonomy_command(const Args& args);

// Finds `--name VALUE` in args; false with a message when the value is missing.
bool option_value(const Args& args, const std::string& name, std::string& value);
bool has_flag(const Args& args, const std::string& name);

}  // namespace joblens::cli
