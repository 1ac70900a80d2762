#include "shared/parse/location.hpp"

#include <vector>

#include "shared/text/normalize.hpp"

namespace joblens::parse {
namespace {

struct CountryAlias {
  std::string_view written;  // folded
  std::string_view name;
};

constexpr CountryAlias kCountries[] = {
    {"united states", "United States"},
    {"united states of america", "United States"},
    {"usa", "United States"},
    {"us", "United States"},
    {"u.s.", "United States"},
    {"america", "United States"},
    {"united kingdom", "United Kingdom"},
    {"uk", "United Kingdom"},
    {"gb", "United Kingdom"},
    {"great britain", "United Kingdom"},
    {"england", "United Kingdom"},
    {"scotland", "United Kingdom"},
    {"wales", "United Kingdom"},
    {"germany", "Germany"},
    {"deutschland", "Germany"},
    {"de", "Germany"},
    {"france", "France"},
    {"fr", "France"},
    {"spain", "Spain"},
    {"espana", "Spain"},
    {"es", "Spain"},
    {"portugal", "Portugal"},
    {"pt", "Portugal"},
    {"italy", "Italy"},
    {"italia", "Italy"},
    {"it", "Italy"},
    {"netherlands", "Netherlands"},
    {"the netherlands", "Netherlands"},
    {"nederland", "Netherlands"},
    {"nl", "Netherlands"},
    {"belgium", "Belgium"},
    {"belgique", "Belgium"},
    {"belgie", "Belgium"},
    {"switzerland", "Switzerland"},
    {"schweiz", "Switzerland"},
    {"suisse", "Switzerland"},
    {"ch", "Switzerland"},
    {"austria", "Austria"},
    {"osterreich", "Austria"},
    {"at", "Austria"},
    {"ireland", "Ireland"},
    {"ie", "Ireland"},
    {"poland", "Poland"},
    {"polska", "Poland"},
    {"pl", "Poland"},
    {"sweden", "Sweden"},
    {"sverige", "Sweden"},
    {"se", "Sweden"},
    {"norway", "Norway"},
    {"norge", "Norway"},
    {"denmark", "Denmark"},
    {"danmark", "Denmark"},
    {"finland", "Finland"},
    {"suomi", "Finland"},
    {"czechia", "Czechia"},
    {"czech republic", "Czechia"},
    {"hungary", "Hungary"},
    {"romania", "Romania"},
    {"greece", "Greece"},
    {"bulgaria", "Bulgaria"},
    {"croatia", "Croatia"},
    {"slovakia", "Slovakia"},
    {"slovenia", "Slovenia"},
    {"estonia", "Estonia"},
    {"latvia", "Latvia"},
    {"lithuania", "Lithuania"},
    {"luxembourg", "Luxembourg"},
    {"malta", "Malta"},
    {"cyprus", "Cyprus"},
    {"iceland", "Iceland"},
    {"ukraine", "Ukraine"},
    {"turkey", "Turkey"},
    {"turkiye", "Turkey"},
    {"israel", "Israel"},
    {"canada", "Canada"},
    {"ca", "Canada"},
    {"mexico", "Mexico"},
    {"brazil", "Brazil"},
    {"brasil", "Brazil"},
    {"br", "Brazil"},
    {"argentina", "Argentina"},
    {"chile", "Chile"},
    {"colombia", "Colombia"},
    {"peru", "Peru"},
    {"india", "India"},
    {"in", "India"},
    {"china", "China"},
    {"japan", "Japan"},
    {"south korea", "South Korea"},
    {"korea", "South Korea"},
    {"singapore", "Singapore"},
    {"sg", "Singapore"},
    {"hong kong", "Hong Kong"},
    {"taiwan", "Taiwan"},
    {"australia", "Australia"},
    {"au", "Australia"},
    {"new zealand", "New Zealand"},
    {"nz", "New Zealand"},
    {"south africa", "South Africa"},
    {"nigeria", "Nigeria"},
    {"kenya", "Kenya"},
    {"egypt", "Egypt"},
    {"united arab emirates", "United Arab Emirates"},
    {"uae", "United Arab Emirates"},
    {"saudi arabia", "Saudi Arabia"},
    {"philippines", "Philippines"},
    {"indonesia", "Indonesia"},
    {"vietnam", "Vietnam"},
    {"thailand", "Thailand"},
    {"malaysia", "Malaysia"},
    {"pakistan", "Pakistan"},
    {"bangladesh", "Bangladesh"},
};

// US states and Canadian provinces by code: "Austin, TX" is in the United States.
constexpr std::string_view kUsStates[] = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky",
    "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd",
    "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc"};
constexpr std::string_view kCaProvinces[] = {"on", "qc", "bc", "ab", "mb", "sk", "ns", "nb", "nl", "pe"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Drops LinkedIn's area words: "Greater Paris Metropolitan Region" -> "paris".
std::string city_key(std::string_view city) {
  std::string f = text::fold(city);
  for (std::string_view word :
       {"greater ", " metropolitan region", " metropolitan area", " area", " bay area"}) {
    const std::size_t at = f.find(word);
    if (at != std::string::npos) f.erase(at, word.size());
  }
  return std::string(trim(f));
}

}  // namespace

std::string_view country_name(std::string_view written) {
  const std::string f = std::string(trim(text::fold(written)));
  for (const CountryAlias& c : kCountries)
    if (c.written == f) return c.name;
  return {};
}

Location parse_location(std::string_view text) {
  Location loc;
  loc.raw = std::string(trim(text));
  std::string_view rest = loc.raw;
  // "(Remote)" or "· Hybrid" after the place.
  const std::size_t paren = rest.find('(');
  const std::size_t dot = rest.find("\xC2\xB7");
  const std::size_t cut = std::min(paren, dot);
  if (cut != std::string_view::npos) {
    loc.workplace = parse_workplace(rest.substr(cut));
    rest = trim(rest.substr(0, cut));
  }
  if (loc.workplace == Workplace::unknown) {
    const Workplace whole = parse_workplace(rest);
    if (whole != Workplace::unknown && rest.find(',') == std::string_view::npos) {
      loc.workplace = whole;  // "Remote" alone
      if (whole == Workplace::remote) return loc;
    }
  }
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= rest.size();) {
    const std::size_t comma = rest.find(',', start);
    const std::string_view part =
        trim(rest.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (parts.empty()) return loc;
  const std::string_view last = parts.back();
  std::string_view country = country_name(last);
  const std::string last_folded = text::fold(last);
  if (parts.size() >= 2 && last.size() == 2) {
    for (std::string_view s : kUsStates)
      if (s == last_folded) country = "United States";
    for (std::string_view p : kCaProvinces)
      if (p == last_folded && country != "United States") country = "Canada";
  }
  if (!country.empty()) {
    loc.country = std::string(country);
    parts.pop_back();
    if (last.size() == 2 && !parts.empty()) loc.region = std::string(last);
  }
  if (!parts.empty()) loc.city = std::string(parts.front());
  if (parts.size() >= 2 && loc.region.empty()) loc.region = std::string(parts[1]);
  return loc;
}

double location_match(const Location& job, const Location& wanted) {
  const std::string job_city = city_key(job.city), wanted_city = city_key(wanted.city);
  const bool same_country = !job.country.empty() && job.country == wanted.country;
  if (!job_city.empty() && job_city == wanted_city &&
      (same_country || job.country.empty() || wanted.country.empty()))
    return 1.0;
  if (same_country) return 0.6;
  return 0.0;
}

}  // namespace joblens::parse
