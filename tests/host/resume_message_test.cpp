// resume.import through the dispatcher: the extension uploads bytes, the command line passes a path.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

using nlohmann::json;

TEST_CASE("resume.import: an uploaded file, a path, or pasted text becomes a proposal") {
  HostFixture host;
  const std::string txt = "Ana Costa\nData Engineer\n6 years of Python and PostgreSQL\n";
  // Base64 by hand, as the extension's FileReader would produce it.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  for (std::size_t i = 0; i < txt.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(txt[i]) << 16) |
                            (i + 1 < txt.size() ? static_cast<unsigned char>(txt[i + 1]) << 8 : 0) |
                            (i + 2 < txt.size() ? static_cast<unsigned char>(txt[i + 2]) : 0);
    encoded += kAlphabet[(n >> 18) & 63];
    encoded += kAlphabet[(n >> 12) & 63];
    encoded += i + 1 < txt.size() ? kAlphabet[(n >> 6) & 63] : '=';
    encoded += i + 2 < txt.size() ? kAlphabet[n & 63] : '=';
  }
  const json uploaded =
      host.ok("resume.import", {{"filename", "My CV (final).txt"}, {"content_base64", encoded}});
  CHECK(uploaded["needs_confirmation"] == true);
  CHECK(uploaded["text"] == txt.substr(0, txt.size() - 1));  // cleaned: no trailing line break
  std::vector<std::string> skills;
  for (const json& s : uploaded["profile"]["skills"]) skills.push_back(s["name"]);
  CHECK(std::find(skills.begin(), skills.end(), "Python") != skills.end());
  CHECK(std::find(skills.begin(), skills.end(), "PostgreSQL") != skills.end());

  CHECK(host.ok("resume.import", {{"text", txt}})["profile"]["skills"].size() == skills.size());
  CHECK(host.error_code("resume.import", {{"filename", "cv.exe"}, {"content_base64", encoded}}) ==
        code(ErrorCode::unsupported_format));
  CHECK(host.error_code("resume.import", {{"filename", "cv.txt"}, {"content_base64", "!!!"}}) ==
        code(ErrorCode::invalid_value));
  CHECK(host.error_code("resume.import", {{"path", "/nonexistent/cv.pdf"}}) == code(ErrorCode::not_found));
  CHECK(host.error_code("resume.import") == code(ErrorCode::missing_field));
}

}  // namespace joblens::host::testing
