#include "shared/parse/employment_type.hpp"

#include <string>

#include "shared/parse/keyword_scan.hpp"
#include "shared/text/byte_search.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::parse {
namespace {

struct Keyword {
  std::string_view phrase;  // folded
  EmploymentType type;
};

// The earliest mention wins (the title comes first); on a tie, the first in this table.
constexpr Keyword kKeywords[] = {
    {"internship", EmploymentType::internship},
    {"praktikum", EmploymentType::internship},
    {"werkstudent", EmploymentType::internship},
    {"stagiaire", EmploymentType::internship},
    {"estagio", EmploymentType::internship},
    {"practicas", EmploymentType::internship},
    {"tirocinio", EmploymentType::internship},
    {"apprenticeship", EmploymentType::apprenticeship},
    {"alternance", EmploymentType::apprenticeship},
    {"ausbildung", EmploymentType::apprenticeship},
    {"volunteer", EmploymentType::volunteer},
    {"freelance", EmploymentType::freelance},
    {"freelancer", EmploymentType::freelance},
    {"freiberuflich", EmploymentType::freelance},
    {"contract", EmploymentType::contract},
    {"contractor", EmploymentType::contract},
    {"temporary", EmploymentType::temporary},
    {"seasonal", EmploymentType::temporary},
    {"fixed-term", EmploymentType::temporary},
    {"befristet", EmploymentType::temporary},
    {"cdd", EmploymentType::temporary},
    {"part-time", EmploymentType::part_time},
    {"part time", EmploymentType::part_time},
    {"teilzeit", EmploymentType::part_time},
    {"temps partiel", EmploymentType::part_time},
    {"medio tiempo", EmploymentType::part_time},
    {"media jornada", EmploymentType::part_time},
    {"meio periodo", EmploymentType::part_time},
    {"tempo parziale", EmploymentType::part_time},
    {"part-time", EmploymentType::part_time},
    {"deeltijd", EmploymentType::part_time},
    {"full-time", EmploymentType::full_time},
    {"full time", EmploymentType::full_time},
    {"fulltime", EmploymentType::full_time},
    {"vollzeit", EmploymentType::full_time},
    {"temps plein", EmploymentType::full_time},
    {"cdi", EmploymentType::full_time},
    {"tiempo completo", EmploymentType::full_time},
    {"jornada completa", EmploymentType::full_time},
    {"tempo integral", EmploymentType::full_time},
    {"tempo pieno", EmploymentType::full_time},
    {"voltijd", EmploymentType::full_time},
    {"permanent", EmploymentType::full_time},
    {"unbefristet", EmploymentType::full_time},
};

constexpr const char* kNames[] = {"unknown",    "full_time", "part_time",      "contract", "temporary",
                                  "internship", "volunteer", "apprenticeship", "freelance"};

}  // namespace

std::string_view to_string(EmploymentType t) { return kNames[static_cast<int>(t)]; }

std::optional<EmploymentType> employment_type_from_string(std::string_view s) {
  for (int i = 0; i < static_cast<int>(std::size(kNames)); ++i)
    if (s == kNames[i]) return static_cast<EmploymentType>(i);
  return std::nullopt;
}

EmploymentType parse_employment_type(std::string_view text) {
  return parse_employment_type(text::Folded{text::fold(text)});
}

EmploymentType parse_employment_type(text::Folded text) {
  const std::string_view folded = text.text;
  // "Employment type: Full-time" on LinkedIn's criteria list is authoritative when present.
  const std::size_t criteria = text::find_bytes(folded, "employment type");
  const std::string_view scope = criteria == std::string::npos ? folded : folded.substr(criteria, 60);
  static const PhraseSet kSet = PhraseSet::of(kKeywords, &Keyword::phrase);  // built once
  const PhraseSet::Hit hit = kSet.first(scope);
  return hit.at == std::string_view::npos ? EmploymentType::unknown : kKeywords[hit.index].type;
}

}  // namespace joblens::parse
