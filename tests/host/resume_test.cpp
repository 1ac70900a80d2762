// Resume import: the tool runner's limits, text from each format, and the proposed profile.
// Fixtures (a PDF with a correct xref table, a stored-zip DOCX) are written by the test itself.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "native-host/resume/profile_proposal.hpp"
#include "native-host/resume/resume_text.hpp"
#include "native-host/resume/tool_runner.hpp"
#include "shared/model/json_io.hpp"
#include "tests/test_engine.hpp"

namespace fs = std::filesystem;
using namespace joblens;
using namespace joblens::host::resume;

namespace {

struct FixtureDir {
  FixtureDir() {
    std::string pattern = (fs::temp_directory_path() / "joblens-resume-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~FixtureDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, std::string_view bytes) const {
    const fs::path p = path / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  fs::path path;
};

// A one-page PDF using the standard Helvetica font, one text line per entry.
std::string make_pdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 72 720 Td 14 TL\n";
  for (const auto& line : lines) content += "(" + line + ") Tj T*\n";
  content += "ET\n";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

// A zip archive with stored (uncompressed) entries.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string zip, central;
  for (const auto& [name, data] : files) {
    const auto crc = static_cast<std::uint32_t>(
        ::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto offset = static_cast<std::uint32_t>(zip.size());
    auto common = [&](std::string& s) {
      put16(s, 20), put16(s, 0), put16(s, 0);  // version needed, flags, method: stored
      put16(s, 0), put16(s, 0x21);             // time, date (1980-01-01)
      put32(s, crc), put32(s, size), put32(s, size);
      put16(s, static_cast<std::uint32_t>(name.size())), put16(s, 0);  // name length, extra length
    };
    put32(zip, 0x04034b50);
    common(zip);
    zip += name + data;
    put32(central, 0x02014b50);
    put16(central, 20);
    common(central);
    put16(central, 0), put16(central, 0), put16(central, 0);  // comment, disk, internal attributes
    put32(central, 0), put32(central, offset);
    central += name;
  }
  const auto central_offset = static_cast<std::uint32_t>(zip.size());
  zip += central;
  put32(zip, 0x06054b50);
  put16(zip, 0), put16(zip, 0);
  put16(zip, static_cast<std::uint32_t>(files.size())), put16(zip, static_cast<std::uint32_t>(files.size()));
  put32(zip, static_cast<std::uint32_t>(central.size())), put32(zip, central_offset);
  put16(zip, 0);
  return zip;
}

std::string make_docx(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const auto& p : paragraphs) body += "<w:p w:rsidR=\"00A1\"><w:r><w:t>" + p + "</w:t></w:r></w:p>";
  return make_zip({
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
           body + "</w:body></w:document>"},
  });
}

const std::vector<std::string> kResume = {"Ana Costa", "Senior Data Engineer",
                                          "Lisbon, Portugal | ana@example.com",
                                          "6 years of Python, PostgreSQL and Kubernetes in production."};

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// No child left: neither running nor a zombie waiting to be reaped.
bool no_children() {
  int status = 0;
  errno = 0;
  return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("run_tool passes arguments verbatim, without a shell") {
  const std::string tricky = "$(echo hi); `id` 'q' \"dq\" | > x & * ~";
  auto run = run_tool("printf", {"%s", tricky}, {});
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(run->out == tricky);
  CHECK(run->exit_code == 0);
  CHECK(no_children());
}

TEST_CASE("run_tool: a missing program is tool_missing, naming the Debian package") {
  auto run = run_tool("joblens-no-such-tool-7f3a", {}, {});
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().code == ErrorCode::tool_missing);
  CHECK(debian_package_for("pdftotext") == "poppler-utils");
  CHECK(debian_package_for("docx2txt") == "docx2txt");
}

TEST_CASE("run_tool: a program that cannot be executed is an error and leaves no zombie") {
  FixtureDir dir;
  const auto path = dir.write("not-a-program",
                              "\x7f"
                              "ELF garbage");
  fs::permissions(path, fs::perms::owner_all);
  auto run = run_tool(path.string(), {}, {});
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().code == ErrorCode::internal);
  CHECK(no_children());
}

TEST_CASE("run_tool: past the deadline the child is killed and reaped") {
  const auto start = std::chrono::steady_clock::now();
  auto run = run_tool("sleep", {"60"}, RunLimits{std::chrono::milliseconds(200)});
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().code == ErrorCode::tool_timeout);
  CHECK(seconds_since(start) < 30.0);  // killed at the limit, far sooner than sleep would end
  CHECK(no_children());
}

TEST_CASE("run_tool: output past max_output is too_large and the child is killed") {
  const auto start = std::chrono::steady_clock::now();
  auto run = run_tool("yes", {}, RunLimits{std::chrono::milliseconds(60000), 1u << 20});
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().code == ErrorCode::too_large);
  CHECK(seconds_since(start) < 30.0);  // stopped by the output cap, not by the time limit
  CHECK(no_children());
}

TEST_CASE("run_tool: a non-zero exit is tool_failed with stderr's first line") {
  auto run = run_tool("sh", {"-c", "echo 'bad input file' >&2; echo second >&2; exit 3"}, {});
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().code == ErrorCode::tool_failed);
  CHECK(contains(run.error().message, "code 3"));
  CHECK(contains(run.error().message, "bad input file"));
  CHECK_FALSE(contains(run.error().message, "second"));
  CHECK(no_children());
}

TEST_CASE("run_tool: a flood on stderr does not deadlock the stdout reader") {
  auto run = run_tool("sh", {"-c", "head -c 2000000 /dev/zero >&2; echo done"}, {});
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(run->out == "done\n");
}

TEST_CASE("resume_text reads a TXT resume, dropping the BOM, CRs and extra blank lines") {
  FixtureDir dir;
  const auto path = dir.write("cv.txt", "\xEF\xBB\xBFTitle line\r\n\r\n\r\n\r\nPython \f and   SQL\r\n");
  auto text = resume_text(path.string(), {});
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
  CHECK(*text == "Title line\n\nPython\nand SQL");
}

TEST_CASE("resume_text: a TXT that is not UTF-8 is invalid_utf8") {
  FixtureDir dir;
  auto text = resume_text(dir.write("latin1.txt",
                                    "Jos\xE9 Garc\xED"
                                    "a")
                              .string(),
                          {});
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().code == ErrorCode::invalid_utf8);
}

TEST_CASE("resume_text extracts a PDF with pdftotext") {
  FixtureDir dir;
  auto text = resume_text(dir.write("cv.pdf", make_pdf(kResume)).string(), {});
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
  CHECK(contains(*text, "Senior Data Engineer"));
  CHECK(contains(*text, "Kubernetes"));
  CHECK_FALSE(contains(*text, "\f"));
}

TEST_CASE("resume_text extracts a DOCX with docx2txt") {
  FixtureDir dir;
  auto text = resume_text(dir.write("cv.DOCX", make_docx(kResume)).string(), {});
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
  CHECK(contains(*text, "Senior Data Engineer"));
  CHECK(contains(*text, "PostgreSQL"));
}

TEST_CASE("resume_text: hostile file names are only names") {
  FixtureDir dir;
  const std::string marker = "joblens-pwned-" + std::to_string(::getpid());
  const std::string base = "my cv 'q' \"dq\" ; $(touch " + marker + ") `touch " + marker + "` -x";
  fs::create_directory(dir.path / "sub dir $(x)");
  for (const auto& [ext, bytes] : {std::pair<std::string, std::string>{".pdf", make_pdf(kResume)},
                                   {".docx", make_docx(kResume)},
                                   {".txt", "Python and Kubernetes"}}) {
    CAPTURE(ext);
    const auto path = dir.write("sub dir $(x)/" + base + ext, bytes);
    auto text = resume_text(path.string(), {});
    REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
    CHECK(contains(*text, "Kubernetes"));
  }
  CHECK_FALSE(fs::exists(fs::current_path() / marker));
  CHECK_FALSE(fs::exists(dir.path / marker));
  CHECK_FALSE(fs::exists(dir.path / "sub dir $(x)" / marker));
}

TEST_CASE("resume_text: unsupported, mismatched, missing and oversized files") {
  FixtureDir dir;
  SUBCASE("unknown extension") {
    auto r = resume_text(dir.write("cv.rtf", "{\\rtf1 Python}").string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::unsupported_format);
  }
  SUBCASE("a .pdf that is not a PDF") {
    auto r = resume_text(dir.write("cv.pdf", "just text").string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::unsupported_format);
  }
  SUBCASE("a .docx that is not a zip") {
    auto r = resume_text(dir.write("cv.docx", "%PDF-1.4 nope").string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::unsupported_format);
  }
  SUBCASE("a missing file") {
    auto r = resume_text((dir.path / "nope.pdf").string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::not_found);
  }
  SUBCASE("a file above the size cap") {
    const auto path = dir.write("huge.txt", "x");
    fs::resize_file(path, kMaxResumeFileBytes + 1);
    auto r = resume_text(path.string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::too_large);
  }
  SUBCASE("a corrupt PDF is tool_failed") {
    auto r = resume_text(dir.write("broken.pdf", "%PDF-1.4\ngarbage").string(), {});
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().code == ErrorCode::tool_failed || r.error().code == ErrorCode::empty_input));
  }
}

TEST_CASE("propose_profile proposes skills, years, headline, seniority and location") {
  std::string text;
  for (const auto& line : kResume) text += line + "\n";
  text += "\nExperience\nBuilt data pipelines on AWS. Fluent in English and Portuguese.\n";
  const nlohmann::json proposal = propose_profile(testing::engine(), text);
  CAPTURE(proposal.dump());

  CHECK(proposal["needs_confirmation"] == true);
  CHECK(proposal["source_chars"] == text.size());
  const nlohmann::json& p = proposal["profile"];
  std::map<std::string, nlohmann::json> skills;
  for (const auto& s : p["skills"]) skills[s["name"].get<std::string>()] = s;
  REQUIRE(skills.count("Python") == 1);
  CHECK(skills["Python"]["years"] == 6);
  CHECK(skills.count("PostgreSQL") == 1);
  CHECK(skills.count("Kubernetes") == 1);
  CHECK(p["name"] == "Ana Costa");
  CHECK(p["headline"] == "Senior Data Engineer");
  CHECK(p["seniority"] == "senior");
  CHECK(p["locations"] == nlohmann::json::array({"Lisbon, Portugal"}));
  CHECK(proposal["confidence"]["skills"] == "high");

  // It is a valid profile document: the host can save it as is once confirmed.
  auto parsed = model::profile_from_json(p);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  CHECK(parsed->skills.size() == skills.size());
}

TEST_CASE("propose_profile on text without a header still says it needs confirmation") {
  const nlohmann::json proposal = propose_profile(testing::engine(), "");
  CHECK(proposal["needs_confirmation"] == true);
  CHECK(proposal["profile"]["skills"].empty());
  CHECK(proposal["profile"]["headline"] == "");
}
