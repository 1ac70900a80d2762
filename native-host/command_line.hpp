// joblens-host's command line: one table of commands (main.cpp), each a function of the parsed line.
#pragma once

#include <string>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host {

struct CommandLine {
  std::string command;            // "serve" when the browser starts us
  std::vector<std::string> args;  // after the command, without --data-dir
  std::string data_dir;           // --data-dir, or the default (data_dir.hpp)
};

// Exit codes: 0 done, 1 the command failed, 2 the command line is wrong.
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

CommandLine parse_command_line(int argc, char** argv);

// `--name VALUE` from args; empty when absent.
std::string option(const std::vector<std::string>& args, const std::string& name);
bool flag(const std::vector<std::string>& args, const std::string& name);

// Prints "joblens-host: <message>" to stderr; returns kExitUsage for usage errors, else kExitFailed.
int fail(const Error& error);

int serve_command(const CommandLine& line);
int install_command(const CommandLine& line);
int uninstall_command(const CommandLine& line);
int doctor_command(const CommandLine& line);
int export_command(const CommandLine& line);
int import_command(const CommandLine& line);
int backup_command(const CommandLine& line);

// Absolute path of this executable (what a host manifest must name).
std::string own_executable_path();

}  // namespace joblens::host
