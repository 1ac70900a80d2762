#include "cli/line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <memory>

namespace joblens::cli {

bool LineReader::fill() {
  if (eof_) return false;
  begin_ = 0;
  end_ = std::fread(buffer_, 1, sizeof buffer_, in_);
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  bool overlong = false;
  bool any = false;
  while (true) {
    if (begin_ == end_ && !fill()) break;
    any = true;
    const char* start = buffer_ + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
    if (!overlong) {
      if (line.size() + take > max_) {
        overlong = true;
        line.clear();
        line.shrink_to_fit();
      } else {
        line.append(start, take);
      }
    }
    begin_ += take;
    if (newline) {
      ++begin_;
      break;
    }
  }
  if (!any) return Status::end;
  ++line_number_;
  if (overlong) return Status::too_long;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Status::line;
}

bool read_file(const std::string& path, std::size_t max_bytes, std::string& out, std::string& error) {
  struct Closer {
    void operator()(std::FILE* f) const {
      if (f != stdin) std::fclose(f);
    }
  };
  std::unique_ptr<std::FILE, Closer> file(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  out.clear();
  char chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
    if (out.size() + n > max_bytes) {
      error = path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB";
      return false;
    }
    out.append(chunk, n);
  }
  if (std::ferror(file.get())) {
    error = path + ": read error";
    return false;
  }
  return true;
}

}  // namespace joblens::cli
