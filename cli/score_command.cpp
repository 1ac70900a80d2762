// `joblens score`: one JSON line out per job line in; a bad line becomes an error line and the rest
// are still scored.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/line_reader.hpp"
#include "shared/engine/engine.hpp"
#include "shared/model/json_io.hpp"

namespace joblens::cli {
namespace {

// A job line larger than this is reported and skipped without being held in memory.
constexpr std::size_t kMaxLineBytes = 16u << 20;
constexpr std::size_t kMaxProfileBytes = 4u << 20;

struct Output {
  bool text = false;
  std::string jobs_name;
};

void print_error(const Output& out, std::size_t line, const std::string& id, const Error& error) {
  std::fprintf(stderr, "joblens: %s:%zu: %s (%s)\n", out.jobs_name.c_str(), line, error.message.c_str(),
               std::string(to_string(error.code)).c_str());
  nlohmann::ordered_json j;
  j["line"] = line;
  if (!id.empty()) j["id"] = id;
  j["error"] = {
      {"code", static_cast<int>(error.code)}, {"name", to_string(error.code)}, {"message", error.message}};
  if (out.text)
    std::printf("line %zu: error: %s\n", line, error.message.c_str());
  else
    std::printf("%s\n", j.dump().c_str());
}

void print_result(const Output& out, const model::Job& job, const wire::ScoreResult& r) {
  if (!out.text) {
    std::string line;
    wire::append_json_text(r, line);
    std::printf("%s\n", line.c_str());
    return;
  }
  std::printf("%3d  %s — %s (%s)\n     %s\n", r.score, job.title.c_str(), job.company.c_str(),
              job.location.c_str(), r.badge.c_str());
}

}  // namespace

int score_command(const Args& args) {
  std::string profile_path, jobs_path = "-", format = "jsonl";
  if (!option_value(args, "--profile", profile_path)) {
    std::fputs("joblens score: --profile PROFILE.json is required\n", stderr);
    return kExitUsage;
  }
  option_value(args, "--jobs", jobs_path);
  option_value(args, "--format", format);
  if (format != "jsonl" && format != "text") {
    std::fputs("joblens score: --format must be jsonl or text\n", stderr);
    return kExitUsage;
  }

  std::string profile_text, error;
  if (!read_file(profile_path, kMaxProfileBytes, profile_text, error)) {
    std::fprintf(stderr, "joblens score: %s\n", error.c_str());
    return kExitUsage;
  }
  auto profile_json = model::parse_json(profile_text);
  if (!profile_json) {
    std::fprintf(stderr, "joblens score: %s: %s\n", profile_path.c_str(),
                 profile_json.error().message.c_str());
    return kExitUsage;
  }
  auto profile = model::profile_from_json(*profile_json);
  if (!profile) {
    std::fprintf(stderr, "joblens score: %s: %s\n", profile_path.c_str(), profile.error().message.c_str());
    return kExitUsage;
  }
  auto engine = Engine::create();
  if (!engine) {
    std::fprintf(stderr, "joblens score: %s\n", engine.error().message.c_str());
    return kExitUsage;
  }
  const match::ProfileView view = (*engine)->view(*profile);

  std::FILE* in = jobs_path == "-" ? stdin : std::fopen(jobs_path.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "joblens score: cannot open %s\n", jobs_path.c_str());
    return kExitUsage;
  }
  const Output out{format == "text", jobs_path == "-" ? "<stdin>" : jobs_path};
  auto reader = std::make_unique<LineReader>(in, kMaxLineBytes);
  std::string line;
  bool any_failed = false;
  for (LineReader::Status status; (status = reader->next(line)) != LineReader::Status::end;) {
    const std::size_t number = reader->line_number();
    if (status == LineReader::Status::too_long) {
      any_failed = true;
      print_error(out, number, "",
                  make_error(ErrorCode::too_large,
                             "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB"));
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines carry no job
    auto parsed = model::parse_json(line);
    if (!parsed) {
      any_failed = true;
      print_error(out, number, "", parsed.error());
      continue;
    }
    auto job = model::job_from_json(*parsed);
    if (!job) {
      any_failed = true;
      std::string id;
      if (parsed->is_object() && parsed->contains("id") && (*parsed)["id"].is_string()) id = (*parsed)["id"];
      print_error(out, number, id, job.error());
      continue;
    }
    print_result(out, *job, *(*engine)->score_cached(*job, view, /*now_ms=*/0));
  }
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  return any_failed ? kExitSomeFailed : kExitOk;
}

}  // namespace joblens::cli
