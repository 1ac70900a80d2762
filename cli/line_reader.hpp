// Reads lines of any length from a stream with a cap, so that a 50 MB line costs no more than the
// cap in memory: the overlong line is reported and skipped, and reading goes on.
#pragma once

#include <cstdio>
#include <string>

namespace joblens::cli {

class LineReader {
 public:
  enum class Status { line, too_long, end };

  LineReader(std::FILE* in, std::size_t max_line_bytes) : in_(in), max_(max_line_bytes) {}

  // Reads the next line into `line` (without the '\n' or a trailing '\r'). On too_long, `line` is
  // empty and the rest of that line has been consumed.
  Status next(std::string& line);

  std::size_t line_number() const { return line_number_; }

 private:
  bool fill();

  std::FILE* in_;
  std::size_t max_;
  std::size_t line_number_ = 0;
  char buffer_[1 << 16];
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
};

// Reads a whole file (or stdin for "-") up to `max_bytes`; false with a message on failure.
bool read_file(const std::string& path, std::size_t max_bytes, std::string& out, std::string& error);

}  // namespace joblens::cli
