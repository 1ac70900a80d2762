#include "native-host/resume/profile_proposal.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "shared/model/json_io.hpp"
#include "shared/parse/keyword_scan.hpp"
#include "shared/parse/location.hpp"
#include "shared/parse/seniority.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::host::resume {

namespace {

// Only the top of a resume holds the name, headline and contact line; deeper lines are job history
// whose titles are past roles, not the headline.
constexpr std::size_t kHeaderLines = 15;
constexpr std::size_t kMaxHeadlineChars = 90;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> header_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < kHeaderLines) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    if (!line.empty()) lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

bool has_digit_or_at(std::string_view s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '@') return true;
  return false;
}

// Words that make a line read as a role ("Senior Data Engineer", "Product Manager").
bool has_role_word(std::string_view line) {
  static constexpr std::array<std::string_view, 30> kRoles{
      "engineer",   "developer",  "programmer", "manager",    "analyst",    "designer",
      "scientist",  "consultant", "architect",  "lead",       "specialist", "administrator",
      "director",   "officer",    "head of",    "devops",     "sre",        "tester",
      "researcher", "accountant", "nurse",      "teacher",    "recruiter",  "coordinator",
      "owner",      "founder",    "intern",     "technician", "writer",     "marketer"};
  const std::string folded = text::fold(line);
  for (std::string_view role : kRoles)
    if (parse::has_word(folded, role)) return true;
  return false;
}

// "Ana Costa", "JEAN-PIERRE DUPONT": two to four words of letters, no role word.
bool looks_like_name(std::string_view line) {
  if (line.size() > 60 || has_digit_or_at(line) || has_role_word(line)) return false;
  int words = 0;
  bool in_word = false;
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ') {
      in_word = false;
      continue;
    }
    if (!(std::isalpha(u) || u >= 0x80 || c == '-' || c == '\'' || c == '.')) return false;
    if (!in_word) {
      if (!(std::isupper(u) || u >= 0x80)) return false;  // names are capitalised
      ++words;
      in_word = true;
    }
  }
  return words >= 2 && words <= 4;
}

// A contact line is split on the separators resumes use ("Lisbon, Portugal | ana@x.com | +351 ...");
// a piece counts as a place when it is "City, Country" or "City, ST" with a known country or state.
std::optional<std::string> find_location(const std::vector<std::string_view>& lines) {
  static constexpr std::array<std::string_view, 5> kSeparators{"|", "\xC2\xB7", " - ", "\xE2\x80\xA2", ";"};
  for (std::string_view line : lines) {
    std::vector<std::string_view> pieces{line};
    for (std::string_view sep : kSeparators) {
      std::vector<std::string_view> next;
      for (std::string_view piece : pieces) {
        for (std::size_t at; (at = piece.find(sep)) != std::string_view::npos;) {
          next.push_back(trim(piece.substr(0, at)));
          piece.remove_prefix(at + sep.size());
        }
        next.push_back(trim(piece));
      }
      pieces = std::move(next);
    }
    for (std::string_view piece : pieces) {
      if (piece.size() > 60 || piece.find(',') == std::string_view::npos || has_digit_or_at(piece)) continue;
      const parse::Location loc = parse::parse_location(piece);
      if (!loc.country.empty() && !loc.city.empty()) return std::string(piece);
    }
  }
  return std::nullopt;
}

}  // namespace

nlohmann::json propose_profile(const joblens::Engine& engine, std::string_view resume_text) {
  // The extractor expects cleaned text; resume_text() already gives that, but a caller may not.
  const std::string text = text::clean_text(text::sanitize_utf8(resume_text));
  model::Profile profile;
  nlohmann::json confidence = nlohmann::json::object();

  // Skills: names come from the taxonomy, years only where the text ties a number to the skill.
  const skills::Extraction found = engine.extract_skills(text);
  for (const skills::FoundSkill& f : found.skills) {
    const skills::Skill& skill = engine.taxonomy().skill(f.skill);
    if (skill.domain == skills::Domain::language) {
      profile.languages.push_back(skill.name);  // human languages have their own field
      continue;
    }
    model::ProfileSkill s{skill.name, std::nullopt, std::nullopt};
    if (f.min_years) s.years = *f.min_years;
    profile.skills.push_back(std::move(s));
  }
  if (!profile.skills.empty()) confidence["skills"] = "high";
  if (!profile.languages.empty()) confidence["languages"] = "medium";
  // "8 years of experience" not tied to a skill: a lower bound the person should check.
  if (found.years_min) {
    profile.years_experience = *found.years_min;
    confidence["years_experience"] = "low";
  }

  const std::vector<std::string_view> lines = header_lines(text);
  if (!lines.empty() && looks_like_name(lines.front())) {
    profile.name = std::string(lines.front());
    confidence["name"] = "medium";
  }
  for (std::string_view line : lines) {
    if (line.size() <= kMaxHeadlineChars && !has_digit_or_at(line) && has_role_word(line)) {
      profile.headline = std::string(line);
      profile.titles.push_back(profile.headline);
      confidence["headline"] = "medium";
      break;
    }
  }

  // Seniority from the headline's wording only: inferring it from years would duplicate what the
  // scorer already does with years_experience, and would look more certain than it is.
  if (!profile.headline.empty()) {
    const parse::Seniority level = parse::parse_seniority(profile.headline);
    if (level != parse::Seniority::unknown) {
      profile.seniority = std::string(parse::to_string(level));
      confidence["seniority"] = "medium";
    }
  }

  if (auto place = find_location(lines)) {
    profile.locations.push_back(std::move(*place));
    confidence["locations"] = "medium";
  }

  return nlohmann::json{{"profile", model::to_json(profile)},
                        {"confidence", std::move(confidence)},
                        {"needs_confirmation", true},
                        {"source_chars", resume_text.size()}};
}

}  // namespace joblens::host::resume
