#include "shared/parse/workplace.hpp"

#include <string>

#include "shared/parse/keyword_scan.hpp"
#include "shared/text/normalize.hpp"

namespace joblens::parse {
namespace {

constexpr std::string_view kNotRemote[] = {"not remote",         "no remote",       "not a remote",
                                           "non-remote",         "kein homeoffice", "kein home-office",
                                           "pas de teletravail", "no es remoto",    "not fully remote"};
constexpr std::string_view kFullyRemote[] = {"fully remote", "100% remote", "remote-first", "remote first",
                                             "fully-remote", "100% remoto", "100 % remote", "full remote"};
constexpr std::string_view kHybrid[] = {"hybrid", "hybride",       "hibrido",
                                        "ibrido", "hybrid-arbeit", "hybrides arbeiten"};
constexpr std::string_view kRemote[] = {
    "remote",     "remoto",      "remota",      "teletravail",    "teletrabajo",
    "homeoffice", "home-office", "home office", "work from home", "wfh",
    "a distance", "en remoto",   "thuiswerken", "telewerk",       "work from anywhere"};
constexpr std::string_view kOnsite[] = {"on-site",    "onsite",       "on site",      "in office",
                                        "in-office",  "office-based", "office based", "vor ort",
                                        "sur site",   "presencial",   "presenziale",  "in sede",
                                        "op locatie", "op kantoor",   "in person",    "in-person"};

// The tables as phrase sets, built on first use and read-only afterwards.
struct Sets {
  PhraseSet not_remote{kNotRemote}, fully_remote{kFullyRemote}, hybrid{kHybrid}, remote{kRemote},
      onsite{kOnsite};
};
const Sets& sets() {
  static const Sets kSets;
  return kSets;
}

}  // namespace

std::string_view to_string(Workplace w) {
  switch (w) {
    case Workplace::remote:
      return "remote";
    case Workplace::hybrid:
      return "hybrid";
    case Workplace::onsite:
      return "onsite";
    case Workplace::unknown:
      break;
  }
  return "unknown";
}

std::optional<Workplace> workplace_from_string(std::string_view s) {
  if (s == "remote") return Workplace::remote;
  if (s == "hybrid") return Workplace::hybrid;
  if (s == "onsite" || s == "on-site" || s == "on_site") return Workplace::onsite;
  if (s == "unknown") return Workplace::unknown;
  return std::nullopt;
}

Workplace parse_workplace(std::string_view text) {
  const std::string folded = text::fold(text);
  const Sets& s = sets();
  if (s.not_remote.any(folded)) return s.hybrid.any(folded) ? Workplace::hybrid : Workplace::onsite;
  if (s.fully_remote.any(folded)) return Workplace::remote;
  if (s.hybrid.any(folded)) return Workplace::hybrid;
  if (s.remote.any(folded)) return Workplace::remote;
  if (s.onsite.any(folded)) return Workplace::onsite;
  return Workplace::unknown;
}

}  // namespace joblens::parse
