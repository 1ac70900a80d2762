// joblens: score job postings against a profile, find skills in text. See README.md.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "cli/commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: joblens COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  score --profile PROFILE.json [--jobs JOBS.jsonl] [--format jsonl|text]\n"
    "        score each job line (stdin when --jobs is absent or '-') against the profile;\n"
    "        prints one JSON line per job line, in order\n"
    "  skills [--format json|text]\n"
    "        print the canonical skills found in the text on stdin, required or nice-to-have\n"
    "  taxonomy\n"
    "        print the size of the built-in skills taxonomy per category\n"
    "  version\n";

struct Command {
  std::string_view name;
  int (*run)(const joblens::cli::Args&);
};

constexpr Command kCommands[] = {
    {"score", joblens::cli::score_command},
    {"skills", joblens::cli::skills_command},
    {"taxonomy", joblens::cli::taxonomy_command},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? joblens::cli::kExitUsage : joblens::cli::kExitOk;
  }
  if (std::strcmp(argv[1], "version") == 0 || std::strcmp(argv[1], "--version") == 0) {
    std::printf("joblens %s\n", JOBLENS_VERSION);
    return joblens::cli::kExitOk;
  }
  const joblens::cli::Args args(argv + 2, argv + argc);
  for (const Command& command : kCommands) {
    if (command.name != argv[1]) continue;
    try {
      return command.run(args);
    } catch (const std::exception& e) {  // the commands return errors as values; this is a last guard
      std::fprintf(stderr, "joblens: internal error: %s\n", e.what());
      return joblens::cli::kExitUsage;
    }
  }
  std::fprintf(stderr, "joblens: unknown command '%s'\n\n%s", argv[1], kUsage);
  return joblens::cli::kExitUsage;
}
