// resume.import: a resume (PDF, DOCX or TXT) to text, then a proposed profile for the person to
// confirm in the options page. Nothing is saved: the extension sends profile.put once confirmed.
//
// The extension cannot see file paths (a file input gives bytes), so it sends the file's bytes as
// base64 with its name; the command line and tests may pass a path instead.
#include <openssl/evp.h>

#include <filesystem>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/resume/profile_proposal.hpp"
#include "native-host/resume/resume_text.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

Result<std::string> decode_base64(const std::string& encoded) {
  if (encoded.size() % 4 != 0) return make_error(ErrorCode::invalid_value, "content_base64 is not base64");
  std::string bytes(encoded.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                reinterpret_cast<const unsigned char*>(encoded.data()),
                                static_cast<int>(encoded.size()));
  if (n < 0) return make_error(ErrorCode::invalid_value, "content_base64 is not base64");
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  std::size_t size = static_cast<std::size_t>(n);
  for (std::size_t i = encoded.size(); i > 0 && encoded[i - 1] == '=' && size > 0; --i) --size;
  bytes.resize(size);
  return bytes;
}

Result<std::string> uploaded_text(const json& args) {
  auto bytes = decode_base64(args.at("content_base64").get<std::string>());
  if (!bytes) return bytes.error();
  // Only the extension of the person's file name is used: the name itself never reaches a tool.
  const std::string extension =
      std::filesystem::path(args.value("filename", std::string())).extension().string();
  return resume::resume_text_from_bytes("upload" + extension, *bytes, resume::RunLimits{});
}

Result<json> resume_import(Context& context, const json& args) {
  Result<std::string> text = std::string();
  if (args.contains("text") && args["text"].is_string()) {
    const std::string& given = args["text"].get_ref<const std::string&>();
    text = resume::clean_resume_text(given);
  } else if (args.contains("content_base64") && args["content_base64"].is_string()) {
    text = uploaded_text(args);
  } else if (args.contains("path") && args["path"].is_string()) {
    text = resume::resume_text(args["path"].get<std::string>(), resume::RunLimits{});
  } else {
    return make_error(ErrorCode::missing_field,
                      "resume.import: send content_base64 with filename, or path, or text");
  }
  if (!text) return text.error();
  if (text->empty()) return make_error(ErrorCode::empty_input, "resume.import: the resume has no text");
  json proposal = resume::propose_profile(context.engine, *text);
  proposal["text"] = *text;
  return proposal;
}

constexpr ArgSpec kImportArgs[] = {{"content_base64", Kind::string},
                                   {"filename", Kind::string},
                                   {"path", Kind::string},
                                   {"text", Kind::string}};

constexpr Route kRoutes[] = {
    {"resume.import", resume_import, kImportArgs, "a resume file to text and a proposed profile to confirm"},
};

}  // namespace

std::span<const Route> resume_routes() { return kRoutes; }

}  // namespace joblens::host
