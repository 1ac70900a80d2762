#include "shared/parse/workplace.hpp"

#include <string>
#include <vector>

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

enum Group : unsigned {
  kNotRemoteBit = 1,
  kFullyRemoteBit = 2,
  kHybridBit = 4,
  kRemoteBit = 8,
  kOnsiteBit = 16
};

// Every table in one phrase set, read in one pass; built on first use and read-only afterwards.
struct AllPhrases {
  std::vector<std::string_view> phrases;
  std::vector<unsigned> groups;
  PhraseSet set;
  static AllPhrases make() {
    std::vector<std::string_view> phrases;
    std::vector<unsigned> groups;
    auto add = [&](std::span<const std::string_view> table, unsigned group) {
      for (std::string_view p : table) phrases.push_back(p), groups.push_back(group);
    };
    add(kNotRemote, kNotRemoteBit);
    add(kFullyRemote, kFullyRemoteBit);
    add(kHybrid, kHybridBit);
    add(kRemote, kRemoteBit);
    add(kOnsite, kOnsiteBit);
    PhraseSet set(phrases);
    return AllPhrases{std::move(phrases), std::move(groups), std::move(set)};
  }
};

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

Workplace parse_workplace(std::string_view text) { return parse_workplace(text::Folded{text::fold(text)}); }

Workplace parse_workplace(text::Folded text) {
  static const AllPhrases kAll = AllPhrases::make();
  unsigned found = 0;
  kAll.set.each(text.text, [&](std::size_t index) { found |= kAll.groups[index]; });
  if (found & kNotRemoteBit) return (found & kHybridBit) ? Workplace::hybrid : Workplace::onsite;
  if (found & kFullyRemoteBit) return Workplace::remote;
  if (found & kHybridBit) return Workplace::hybrid;
  if (found & kRemoteBit) return Workplace::remote;
  if (found & kOnsiteBit) return Workplace::onsite;
  return Workplace::unknown;
}

}  // namespace joblens::parse
