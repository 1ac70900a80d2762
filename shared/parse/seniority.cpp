#include "shared/parse/seniority.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "shared/parse/keyword_scan.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::parse {
namespace {

struct Keyword {
  std::string_view phrase;  // folded
  Seniority level;
};

// Title words, most specific first: the first that matches decides.
constexpr Keyword kTitleWords[] = {
    {"chief", Seniority::executive},
    {"cto", Seniority::executive},
    {"cfo", Seniority::executive},
    {"ceo", Seniority::executive},
    {"coo", Seniority::executive},
    {"cmo", Seniority::executive},
    {"ciso", Seniority::executive},
    {"cio", Seniority::executive},
    {"cpo", Seniority::executive},
    {"vice president", Seniority::executive},
    {"vp", Seniority::executive},
    {"svp", Seniority::executive},
    {"evp", Seniority::executive},
    {"associate director", Seniority::director},
    {"director", Seniority::director},
    {"head of", Seniority::director},
    {"directeur", Seniority::director},
    {"directrice", Seniority::director},
    {"director de", Seniority::director},
    {"diretor", Seniority::director},
    {"direttore", Seniority::director},
    {"leiter", Seniority::manager},
    {"leiterin", Seniority::manager},
    {"leitung", Seniority::manager},
    {"teamleiter", Seniority::manager},
    {"principal", Seniority::principal},
    {"distinguished", Seniority::principal},
    {"staff", Seniority::staff},
    {"intern", Seniority::intern},
    {"internship", Seniority::intern},
    {"werkstudent", Seniority::intern},
    {"werkstudentin", Seniority::intern},
    {"praktikant", Seniority::intern},
    {"praktikantin", Seniority::intern},
    {"praktikum", Seniority::intern},
    {"stagiaire", Seniority::intern},
    {"stage", Seniority::intern},
    {"becario", Seniority::intern},
    {"becaria", Seniority::intern},
    {"practicas", Seniority::intern},
    {"estagiario", Seniority::intern},
    {"estagio", Seniority::intern},
    {"tirocinante", Seniority::intern},
    {"tirocinio", Seniority::intern},
    {"stagiair", Seniority::intern},
    {"trainee", Seniority::intern},
    {"apprentice", Seniority::intern},
    {"tech lead", Seniority::lead},
    {"technical lead", Seniority::lead},
    {"team lead", Seniority::lead},
    {"lead", Seniority::lead},
    {"senior", Seniority::senior},
    {"sr", Seniority::senior},
    {"snr", Seniority::senior},
    {"iii", Seniority::senior},
    {"mid level", Seniority::mid},
    {"mid-level", Seniority::mid},
    {"mid senior", Seniority::senior},
    {"intermediate", Seniority::mid},
    {"ii", Seniority::mid},
    {"junior", Seniority::junior},
    {"jr", Seniority::junior},
    {"entry level", Seniority::junior},
    {"entry-level", Seniority::junior},
    {"graduate", Seniority::junior},
    {"new grad", Seniority::junior},
    {"associate", Seniority::junior},
};

// Manager titles that name an individual contributor's role, not a management level.
constexpr std::string_view kRoleManagers[] = {
    "product manager", "project manager",      "program manager",   "programme manager",
    "account manager", "marketing manager",    "community manager", "case manager",
    "office manager",  "campaign manager",     "content manager",   "social media manager",
    "success manager", "relationship manager", "property manager"};

// LinkedIn's "Seniority level" values as they appear in job criteria.
constexpr Keyword kCriteria[] = {
    {"seniority level internship", Seniority::intern},
    {"seniority level entry level", Seniority::junior},
    {"seniority level associate", Seniority::junior},
    {"seniority level mid-senior level", Seniority::senior},
    {"seniority level director", Seniority::director},
    {"seniority level executive", Seniority::executive},
    {"mid-senior level", Seniority::senior},
    {"entry level position", Seniority::junior},
    {"entry-level position", Seniority::junior},
};

Seniority from_title(const std::string& title) {
  // "Executive Assistant", "Assistant to the CEO": the title names whom the person supports.
  if (has_word(title, "assistant")) return Seniority::unknown;
  // One pass for every title word, then the table's order decides.
  static const PhraseSet kTitleSet = PhraseSet::of(kTitleWords, &Keyword::phrase);  // built once
  std::array<bool, std::size(kTitleWords)> in_title{};
  kTitleSet.each(title, [&](std::size_t index) { in_title[index] = true; });
  for (std::size_t i = 0; i < std::size(kTitleWords); ++i) {
    const Keyword& k = kTitleWords[i];
    if (!in_title[i]) continue;
    if (k.level == Seniority::junior && k.phrase == "associate" && has_word(title, "director")) continue;
    return k.level;
  }
  if (has_word(title, "manager") || has_word(title, "gerente") || has_word(title, "responsable") ||
      has_word(title, "jefe")) {
    for (std::string_view role : kRoleManagers)
      if (has_word(title, role)) return Seniority::mid;
    return Seniority::manager;
  }
  return Seniority::unknown;
}

}  // namespace

std::string_view to_string(Seniority s) {
  switch (s) {
    case Seniority::intern:
      return "intern";
    case Seniority::junior:
      return "junior";
    case Seniority::mid:
      return "mid";
    case Seniority::senior:
      return "senior";
    case Seniority::lead:
      return "lead";
    case Seniority::staff:
      return "staff";
    case Seniority::principal:
      return "principal";
    case Seniority::manager:
      return "manager";
    case Seniority::director:
      return "director";
    case Seniority::executive:
      return "executive";
    case Seniority::unknown:
      break;
  }
  return "unknown";
}

std::optional<Seniority> seniority_from_string(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Seniority::executive); ++i)
    if (to_string(static_cast<Seniority>(i)) == s) return static_cast<Seniority>(i);
  return std::nullopt;
}

int seniority_rank(Seniority s) {
  constexpr int kRanks[] = {-1, 0, 1, 2, 3, 4, 4, 5, 4, 5, 6};
  return kRanks[static_cast<int>(s)];
}

Seniority parse_seniority(std::string_view title, std::string_view description,
                          std::optional<int> min_years) {
  return parse_seniority(title, text::Folded{text::fold(description)}, min_years);
}

Seniority parse_seniority(std::string_view title, text::Folded description, std::optional<int> min_years) {
  const Seniority from = from_title(text::fold(title));
  if (from != Seniority::unknown) return from;
  // One pass for all the criteria phrases; the first in the table wins, wherever it stands.
  static const PhraseSet kCriteriaSet = PhraseSet::of(kCriteria, &Keyword::phrase);  // built once
  std::size_t first = std::size(kCriteria);
  kCriteriaSet.each(description.text, [&](std::size_t index) { first = std::min(first, index); });
  if (first < std::size(kCriteria)) return kCriteria[first].level;
  if (min_years) {
    if (*min_years <= 1) return Seniority::junior;
    if (*min_years <= 4) return Seniority::mid;
    if (*min_years <= 7) return Seniority::senior;
    return Seniority::lead;
  }
  return Seniority::unknown;
}

}  // namespace joblens::parse
