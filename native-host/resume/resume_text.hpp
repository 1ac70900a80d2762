// A resume file (PDF, DOCX or TXT) turned into clean UTF-8 text.
//
// The format is chosen by the file's extension and confirmed by its first bytes: a `.pdf` must start
// with `%PDF-`, a `.docx` with a zip header, a `.txt` must be UTF-8. Anything else, or a mismatch, is
// unsupported_format. PDF and DOCX go through pdftotext (poppler-utils) and docx2txt (docx2txt),
// started by run_tool without a shell, on a private copy of the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "native-host/resume/tool_runner.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::resume {

inline constexpr std::size_t kMaxResumeFileBytes = 20u << 20;  // 20 MiB

enum class ResumeFormat { pdf, docx, txt };
std::string_view to_string(ResumeFormat f);

// Errors: not_found, permission_denied, io_error, too_large (file above kMaxResumeFileBytes or tool
// output above limits.max_output), unsupported_format, invalid_utf8 (a .txt that is not UTF-8),
// empty_input (no text, e.g. a scanned PDF without a text layer), and run_tool's tool_* errors.
//
// UTF-8 policy: a .txt must be valid UTF-8 (after an optional BOM) or it is rejected, because
// guessing its real encoding would silently garble names. Tool output is sanitised instead (ill-formed
// bytes become U+FFFD): the tools are asked for UTF-8, and one odd glyph in a PDF should not block an
// import. Then text::clean_text, form feeds and CRs become line breaks, and runs of blank lines
// collapse to one.
Result<std::string> resume_text(const std::string& path, const RunLimits& limits);

// The same for a file's bytes already in memory (an upload from the extension); `name` gives the
// extension, the bytes are checked against it as above.
Result<std::string> resume_text_from_bytes(const std::string& name, std::string_view bytes,
                                           const RunLimits& limits);

// The cleaning step alone (exposed for tests).
std::string clean_resume_text(std::string_view raw);

}  // namespace joblens::host::resume
