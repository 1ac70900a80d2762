// Runs a helper program (pdftotext, docx2txt, ...) and collects what it prints, within limits.
//
// The program is found on PATH and started directly with an argument vector: no shell ever sees the
// arguments, so a file named `a; rm -rf ~ $(x).pdf` is just a file name. Output is read with a cap,
// the run has a deadline, and the child is always reaped. Boost.Process is confined to the .cpp
// because it is slow to compile.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::resume {

struct RunLimits {
  std::chrono::milliseconds timeout{10000};  // wall clock, from spawn to exit
  std::size_t max_output = 8u << 20;         // bytes of stdout; more is too_large
};

struct ToolRun {
  std::string out;    // everything the program wrote to stdout
  int exit_code = 0;  // always 0 in a successful Result: non-zero exits are tool_failed
};

// Errors: tool_missing (not on PATH; the message names the Debian package), tool_timeout (killed at
// the deadline), too_large (killed once stdout passed max_output), tool_failed (non-zero exit or
// killed by a signal; the message carries stderr's first line), internal (could not spawn).
// Never throws.
Result<ToolRun> run_tool(const std::string& program_name, const std::vector<std::string>& args,
                         const RunLimits& limits);

// The Debian package that provides `program_name` ("pdftotext" -> "poppler-utils"), or "" if unknown.
std::string debian_package_for(const std::string& program_name);

}  // namespace joblens::host::resume
