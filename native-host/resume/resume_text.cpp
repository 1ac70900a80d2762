#include "native-host/resume/resume_text.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>
#include <vector>

#include "shared/text/normalize.hpp"

namespace joblens::host::resume {

namespace fs = std::filesystem;

namespace {

// A private 0700 directory that is removed with everything in it when the run ends, on any path.
class TempDir {
 public:
  static Result<TempDir> create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "joblens-resume-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return make_error(ErrorCode::io_error, "cannot create a temporary directory in " + base.string());
    return TempDir(pattern);
  }
  TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit TempDir(fs::path p) : path_(std::move(p)) {}
  fs::path path_;
};

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// Reads at most kMaxResumeFileBytes (+1 to notice a file that grew after the size check).
Result<std::string> read_capped(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    if (ec == std::errc::permission_denied)
      return make_error(ErrorCode::permission_denied, "cannot access " + path);
    return make_error(ErrorCode::not_found, "no such file: " + path);
  }
  if (!fs::is_regular_file(st))
    return make_error(ErrorCode::unsupported_format, "not a regular file: " + path);
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxResumeFileBytes)
    return make_error(ErrorCode::too_large, "the file is " + std::to_string(size >> 20) +
                                                " MiB; the limit is " +
                                                std::to_string(kMaxResumeFileBytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == EACCES) return make_error(ErrorCode::permission_denied, "cannot read " + path);
    return make_error(ErrorCode::io_error, "cannot open " + path);
  }
  std::string bytes(kMaxResumeFileBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return make_error(ErrorCode::io_error, "cannot read " + path);
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxResumeFileBytes)
    return make_error(ErrorCode::too_large, "the file is larger than the limit");
  return bytes;
}

bool looks_like_pdf(std::string_view bytes) {
  // The spec puts %PDF- first; readers (and pdftotext) accept it within the first KiB, after junk
  // some generators prepend.
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}
bool looks_like_zip(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<ResumeFormat> detect(const std::string& path, std::string_view bytes) {
  const std::string ext = lower_extension(path);
  if (ext == ".pdf") {
    if (!looks_like_pdf(bytes)) return make_error(ErrorCode::unsupported_format, "not a PDF file: " + path);
    return ResumeFormat::pdf;
  }
  if (ext == ".docx") {
    if (!looks_like_zip(bytes))
      return make_error(ErrorCode::unsupported_format, "not a DOCX (zip) file: " + path);
    return ResumeFormat::docx;
  }
  if (ext == ".txt") return ResumeFormat::txt;  // validated as UTF-8 by the caller
  if (ext == ".doc")
    return make_error(ErrorCode::unsupported_format,
                      "old Word .doc files are not supported; save as .docx or PDF");
  return make_error(ErrorCode::unsupported_format,
                    "unsupported file type '" + ext + "': use PDF, DOCX or TXT");
}

// The tools get a private copy with a fixed, plain name rather than the person's path: docx2txt is a
// Perl script that pastes its argument into a shell command (`unzip "$ARGV[0]"`), so a name holding
// `$(...)` would run. The copy also means the tool reads exactly the bytes we checked.
Result<std::string> run_on_copy(std::string_view bytes, ResumeFormat format, const RunLimits& limits) {
  auto dir = TempDir::create();
  if (!dir) return dir.error();
  const fs::path input = dir->path() / (format == ResumeFormat::pdf ? "resume.pdf" : "resume.docx");
  {
    std::ofstream out(input, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return make_error(ErrorCode::io_error, "cannot write a temporary copy of the file");
  }
  auto run = format == ResumeFormat::pdf
                 ? run_tool("pdftotext", {"-enc", "UTF-8", "-layout", input.string(), "-"}, limits)
                 : run_tool("docx2txt", {input.string(), "-"}, limits);
  if (!run) return run.error();
  return std::move(run->out);
}

}  // namespace

std::string_view to_string(ResumeFormat f) {
  switch (f) {
    case ResumeFormat::pdf:
      return "pdf";
    case ResumeFormat::docx:
      return "docx";
    case ResumeFormat::txt:
      return "txt";
  }
  return "txt";
}

std::string clean_resume_text(std::string_view raw) {
  // Page breaks (pdftotext ends every page with \f) and CRs become line breaks; other control
  // characters are dropped so they never reach the extractor or the extension.
  std::string s;
  s.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r') {
      if (i + 1 < raw.size() && raw[i + 1] == '\n') continue;
      s += '\n';
    } else if (c == '\f' || c == '\v') {
      s += '\n';
    } else if (c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20) {
      if (c != 0x7f) s += c;
    }
  }
  const std::string cleaned = text::clean_text(text::sanitize_utf8(s));
  // At most one blank line in a row, none at the ends.
  std::string out;
  out.reserve(cleaned.size());
  int newlines = 0;
  for (char c : cleaned) {
    if (c == '\n') {
      ++newlines;
      continue;
    }
    if (!out.empty() && newlines > 0) out.append(newlines > 1 ? 2 : 1, '\n');
    newlines = 0;
    out += c;
  }
  return out;
}

Result<std::string> resume_text(const std::string& path, const RunLimits& limits) {
  auto bytes = read_capped(path);
  if (!bytes) return bytes.error();
  return resume_text_from_bytes(path, *bytes, limits);
}

Result<std::string> resume_text_from_bytes(const std::string& name, std::string_view bytes,
                                           const RunLimits& limits) {
  if (bytes.size() > kMaxResumeFileBytes) {
    return make_error(ErrorCode::too_large,
                      "the file is over " + std::to_string(kMaxResumeFileBytes >> 20) + " MiB");
  }
  auto format = detect(name, bytes);
  if (!format) return format.error();

  std::string raw;
  if (*format == ResumeFormat::txt) {
    std::string_view view = bytes;
    if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
    if (!text::is_valid_utf8(view) || view.find('\0') != std::string_view::npos)
      return make_error(ErrorCode::invalid_utf8, "the text file is not UTF-8; save it as UTF-8 and retry");
    raw.assign(view);
  } else {
    auto out = run_on_copy(bytes, *format, limits);
    if (!out) return out.error();
    raw = std::move(*out);
  }
  std::string text = clean_resume_text(raw);
  if (text.empty())
    return make_error(ErrorCode::empty_input,
                      *format == ResumeFormat::pdf
                          ? "no text found in the PDF (a scanned PDF has only images and needs OCR)"
                          : "no text found in the file");
  return text;
}

}  // namespace joblens::host::resume
