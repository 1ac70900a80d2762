#include "shared/parse/salary.hpp"

#include <algorithm>
#include <vector>

#include "shared/parse/keyword_scan.hpp"
#include "shared/text/normalize.hpp"

#include "shared/text/byte_search.hpp"
#include "shared/text/swar.hpp"

namespace joblens::parse {
namespace {

struct Marker {
  std::string_view text;  // folded
  std::string_view iso;
};

// Prefix markers, longest first so "ca$" wins over "$".
constexpr Marker kPrefixes[] = {
    {"ca$", "CAD"},          {"c$", "CAD"},           {"au$", "AUD"},      {"a$", "AUD"},
    {"us$", "USD"},          {"nz$", "NZD"},          {"hk$", "HKD"},      {"s$", "SGD"},
    {"r$", "BRL"},           {"mx$", "MXN"},          {"$", "USD"},        {"\xE2\x82\xAC", "EUR"},
    {"\xC2\xA3", "GBP"},     {"\xE2\x82\xB9", "INR"}, {"\xC2\xA5", "JPY"}, {"\xE2\x82\xA9", "KRW"},
    {"\xE2\x82\xBA", "TRY"}, {"\xE2\x82\xBD", "RUB"}, {"rs.", "INR"},      {"rs", "INR"},
    {"chf", "CHF"},          {"kr", "SEK"},           {"zl", "PLN"},       {"fr.", "CHF"},
};
// Written after the amount (or before it, as ISO codes often are).
constexpr Marker kWords[] = {
    {"eur", "EUR"}, {"euro", "EUR"},         {"euros", "EUR"},    {"usd", "USD"},    {"dollars", "USD"},
    {"gbp", "GBP"}, {"pounds", "GBP"},       {"inr", "INR"},      {"rupees", "INR"}, {"cad", "CAD"},
    {"aud", "AUD"}, {"chf", "CHF"},          {"sek", "SEK"},      {"nok", "NOK"},    {"dkk", "DKK"},
    {"pln", "PLN"}, {"zl", "PLN"},           {"brl", "BRL"},      {"jpy", "JPY"},    {"sgd", "SGD"},
    {"nzd", "NZD"}, {"mxn", "MXN"},          {"czk", "CZK"},      {"huf", "HUF"},    {"ron", "RON"},
    {"kr", "SEK"},  {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"$", "USD"},
};

struct PeriodWord {
  std::string_view text;
  PayPeriod period;
};
constexpr PeriodWord kPeriods[] = {
    {"/yr", PayPeriod::year},         {"/year", PayPeriod::year},      {"per year", PayPeriod::year},
    {"a year", PayPeriod::year},      {"annually", PayPeriod::year},   {"annual", PayPeriod::year},
    {"p.a.", PayPeriod::year},        {"per annum", PayPeriod::year},  {"lpa", PayPeriod::year},
    {"/jahr", PayPeriod::year},       {"pro jahr", PayPeriod::year},   {"jahrlich", PayPeriod::year},
    {"brut annuel", PayPeriod::year}, {"par an", PayPeriod::year},     {"annuel", PayPeriod::year},
    {"al ano", PayPeriod::year},      {"por ano", PayPeriod::year},    {"anual", PayPeriod::year},
    {"all'anno", PayPeriod::year},    {"per jaar", PayPeriod::year},   {"/ano", PayPeriod::year},
    {"/hr", PayPeriod::hour},         {"/hour", PayPeriod::hour},      {"per hour", PayPeriod::hour},
    {"an hour", PayPeriod::hour},     {"hourly", PayPeriod::hour},     {"/h", PayPeriod::hour},
    {"/stunde", PayPeriod::hour},     {"/day", PayPeriod::day},        {"per day", PayPeriod::day},
    {"a day", PayPeriod::day},        {"daily", PayPeriod::day},       {"/tag", PayPeriod::day},
    {"/jour", PayPeriod::day},        {"/wk", PayPeriod::week},        {"/week", PayPeriod::week},
    {"per week", PayPeriod::week},    {"weekly", PayPeriod::week},     {"/mo", PayPeriod::month},
    {"/month", PayPeriod::month},     {"per month", PayPeriod::month}, {"a month", PayPeriod::month},
    {"monthly", PayPeriod::month},    {"/monat", PayPeriod::month},    {"pro monat", PayPeriod::month},
    {"monatlich", PayPeriod::month},  {"mensuel", PayPeriod::month},   {"par mois", PayPeriod::month},
    {"/mois", PayPeriod::month},      {"/mes", PayPeriod::month},      {"al mes", PayPeriod::month},
    {"por mes", PayPeriod::month},    {"/man", PayPeriod::month},      {"al mese", PayPeriod::month},
    {"per maand", PayPeriod::month},
};

constexpr std::string_view kCues[] = {"salary",       "compensation", "pay",     "base",      "ote",
                                      "gehalt",       "salaire",      "salario", "stipendio", "salaris",
                                      "remuneration", "range",        "wage"};
constexpr std::string_view kNotSalary[] = {"funding",    "raised",   "revenue",   "arr",       "valuation",
                                           "investment", "in sales", "users",     "customers", "employees",
                                           "series",     "budget",   "allowance", "stipend"};
// Words before a number that make it a funding round, not pay.
constexpr std::string_view kRaisedBefore[] = {"raised", "funding", "series"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }

struct Amount {
  double value = 0;
  std::size_t begin = 0, end = 0;  // digits and suffix, without currency
  bool has_suffix = false;         // k, m, l, cr
  double factor = 1;               // what the suffix multiplied by
  std::string_view currency;
  std::size_t span_begin = 0, span_end = 0;  // with currency
};

// Reads "85,000", "75.000", "120'000", "90 000", "45.50", "1.234,56" at s[i].
std::optional<double> read_number(std::string_view s, std::size_t& i) {
  std::string digits;
  std::vector<std::pair<char, std::size_t>> groups;  // separator and digits after it
  std::size_t j = i;
  std::size_t group_len = 0;
  while (j < s.size()) {
    if (is_digit(s[j])) {
      digits.push_back(s[j]);
      ++group_len, ++j;
      continue;
    }
    const char sep = s[j];
    const bool separator = sep == ',' || sep == '.' || sep == '\'' || sep == ' ';
    if (!separator || j + 1 >= s.size() || !is_digit(s[j + 1])) break;
    if (sep == ' ') {  // a space groups thousands only before exactly three digits
      std::size_t k = j + 1;
      while (k < s.size() && is_digit(s[k])) ++k;
      if (k - j - 1 != 3) break;
    }
    if (!groups.empty()) groups.back().second = group_len;
    groups.emplace_back(sep, 0);
    digits.push_back(sep);
    group_len = 0;
    ++j;
  }
  if (digits.empty() || digits.size() > 24) return std::nullopt;
  if (!groups.empty()) groups.back().second = group_len;
  // Which separator is the decimal point: the last one, if it is followed by fewer than 3 digits or
  // differs from an earlier one ("1.234,56"); all others group thousands.
  char decimal = 0;
  if (!groups.empty()) {
    const auto& [last_sep, last_len] = groups.back();
    const bool mixed = groups.size() > 1 && groups.front().first != last_sep;
    if ((last_sep == '.' || last_sep == ',') && (mixed || last_len != 3)) decimal = last_sep;
  }
  double whole = 0, fraction = 0, scale = 1;
  bool after_decimal = false;
  for (char c : digits) {
    if (is_digit(c)) {
      if (after_decimal)
        fraction += (c - '0') * (scale /= 10);
      else
        whole = whole * 10 + (c - '0');
    } else if (c == decimal) {
      after_decimal = true;
    }
  }
  i = j;
  return whole + fraction;
}

std::string_view match_prefix(std::string_view s, std::size_t end) {
  for (const Marker& m : kPrefixes) {
    if (m.text.size() > end) continue;
    const std::size_t at = end - m.text.size();
    if (!text::occurs_at(s, at, m.text)) continue;
    if (is_letter(m.text.front()) && at > 0 && is_letter(s[at - 1])) continue;
    return m.iso;
  }
  return {};
}

// Reads one amount at s[i] with its suffix and currency; nullopt when there is no number.
std::optional<Amount> read_amount(std::string_view s, std::size_t i) {
  Amount a;
  a.begin = i;
  auto value = read_number(s, i);
  if (!value) return std::nullopt;
  a.value = *value;
  std::size_t j = i;
  if (j < s.size() && s[j] == ' ' && j + 1 < s.size() && is_letter(s[j + 1])) ++j;
  auto suffix = [&](std::string_view word, double factor) {
    if (!text::occurs_at(s, j, word)) return false;
    if (j + word.size() < s.size() && is_letter(s[j + word.size()])) return false;
    a.value *= factor;
    a.factor = factor;
    a.has_suffix = true;
    j += word.size();
    return true;
  };
  if (suffix("k", 1e3) || suffix("lakhs", 1e5) || suffix("lakh", 1e5) || suffix("lpa", 1e5) ||
      suffix("l", 1e5) || suffix("crore", 1e7) || suffix("cr", 1e7) || suffix("million", 1e6) ||
      suffix("billion", 1e9) || suffix("m", 1e6) || suffix("mn", 1e6)) {
    if (j >= 3 && text::occurs_at(s, j - 3, "lpa")) j -= 3;  // leave "LPA" for the period
  }
  a.end = a.has_suffix ? j : i;
  a.span_begin = a.begin;
  a.span_end = a.end;
  // Currency before: "€85", "CA$90", "USD 100", "CHF 120'000".
  std::size_t before = a.begin;
  while (before > 0 && s[before - 1] == ' ') --before;
  if (auto iso = match_prefix(s, before); !iso.empty()) {
    a.currency = iso;
    for (const Marker& m : kPrefixes)
      if (m.iso == iso && m.text.size() <= before && text::occurs_at(s, before - m.text.size(), m.text)) {
        a.span_begin = before - m.text.size();
        break;
      }
  } else {
    for (const Marker& m : kWords) {
      if (m.text.size() > before || !is_letter(m.text.front())) continue;
      const std::size_t at = before - m.text.size();
      if (text::occurs_at(s, at, m.text) && (at == 0 || !is_letter(s[at - 1]))) {
        a.currency = m.iso;
        a.span_begin = at;
        break;
      }
    }
  }
  // Currency after: "90 000 €", "75.000 EUR".
  if (a.currency.empty()) {
    std::size_t k = a.end;
    while (k < s.size() && s[k] == ' ') ++k;
    for (const Marker& m : kWords) {
      if (!text::occurs_at(s, k, m.text)) continue;
      if (is_letter(m.text.back()) && k + m.text.size() < s.size() && is_letter(s[k + m.text.size()]))
        continue;
      a.currency = m.iso;
      a.span_end = k + m.text.size();
      break;
    }
  }
  return a;
}

// The first ASCII digit at or after `i`, or s.size(): most of a posting has none, and is stepped
// over eight bytes at a time.
std::size_t next_digit(std::string_view s, std::size_t i) {
  for (; i + 8 <= s.size(); i += 8)
    if (const std::uint64_t found = text::swar::digits(text::swar::load(s.data() + i)))
      return i + text::swar::first(found);
  while (i < s.size() && !is_digit(s[i])) ++i;
  return i;
}

PayPeriod find_period(std::string_view s, std::size_t from, std::size_t to) {
  to = std::min(to, s.size());
  PayPeriod best = PayPeriod::unknown;
  std::size_t best_at = std::string::npos;
  for (const PeriodWord& p : kPeriods) {
    // Searched only where a match could start before `to`: a search to the end of the posting, for
    // each of these words at each salary candidate, was most of the salary parser's time.
    const std::size_t at = s.substr(0, std::min(s.size(), to + p.text.size())).find(p.text, from);
    if (at == std::string::npos || at >= to || at > best_at) continue;
    if (is_letter(p.text.back()) && at + p.text.size() < s.size() && is_letter(s[at + p.text.size()]))
      continue;
    if (is_letter(p.text.front()) && at > 0 && is_letter(s[at - 1])) continue;
    if (at < best_at || p.text.size() > 2) best = p.period, best_at = at;
  }
  return best;
}

double per_year(PayPeriod p) {
  switch (p) {
    case PayPeriod::hour:
      return 2080;
    case PayPeriod::day:
      return 260;
    case PayPeriod::week:
      return 52;
    case PayPeriod::month:
      return 12;
    default:
      return 1;
  }
}

bool near_cue(std::string_view s, std::size_t at) {
  const std::size_t from = at > 60 ? at - 60 : 0;
  const std::string_view window = s.substr(from, at - from);
  static const PhraseSet kCueSet(kCues);  // built once; read-only afterwards
  return kCueSet.any(window);
}

bool near_non_salary(std::string_view s, std::size_t end) {
  const std::string_view window = s.substr(end, 40);
  static const PhraseSet kNotSalarySet(kNotSalary);  // built once; read-only afterwards
  if (kNotSalarySet.any(window)) return true;
  const std::size_t from = end > 40 ? end - 40 : 0;
  static const PhraseSet kRaisedSet(kRaisedBefore);
  return kRaisedSet.any(s.substr(from, end - from));
}

}  // namespace

std::string_view to_string(PayPeriod p) {
  switch (p) {
    case PayPeriod::hour:
      return "hour";
    case PayPeriod::day:
      return "day";
    case PayPeriod::week:
      return "week";
    case PayPeriod::month:
      return "month";
    case PayPeriod::year:
      return "year";
    case PayPeriod::unknown:
      break;
  }
  return "unknown";
}

std::optional<Salary> parse_salary(std::string_view text) {
  return parse_salary(text::Folded{text::fold(text)});
}

std::optional<Salary> parse_salary(text::Folded text) {
  const std::string_view s = text.text;
  for (std::size_t i = next_digit(s, 0); i < s.size(); i = next_digit(s, i + 1)) {
    if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) continue;
    if (i > 0 && is_letter(s[i - 1]) && match_prefix(s, i).empty()) continue;  // "401k", "a1"
    auto first = read_amount(s, i);
    if (!first) continue;
    // A range: "-", "to", "bis", "a", "à", "und".
    std::optional<Amount> second;
    std::size_t k = first->span_end;
    while (k < s.size() && s[k] == ' ') ++k;
    // A period between the two amounts ("€85,000/yr - €100,000/yr") is skipped.
    for (std::string_view p : {"/yr", "/year", "/hr", "/hour", "/mo", "/month", "/h", "/day", "/wk", "/week"})
      if (text::occurs_at(s, k, p) && (k + p.size() >= s.size() || !is_letter(s[k + p.size()])))
        k += p.size();
    while (k < s.size() && s[k] == ' ') ++k;
    for (std::string_view sep : {"-", "to", "bis", "a", "\xC3\xA0", "and", "y", "e", "tot"}) {
      if (!text::occurs_at(s, k, sep)) continue;
      if (is_letter(sep.back()) && k + sep.size() < s.size() && is_letter(s[k + sep.size()])) continue;
      std::size_t n = k + sep.size();
      while (n < s.size() && s[n] == ' ') ++n;
      std::size_t digit = n;
      while (digit < s.size() && digit < n + 4 && !is_digit(s[digit])) ++digit;  // "€", "CA$", "USD "
      if (digit < s.size() && is_digit(s[digit])) second = read_amount(s, digit);
      break;
    }
    Amount low = *first;
    Amount high = second ? *second : *first;
    // "100-120k": a suffix on the second amount applies to the first.
    if (second && high.has_suffix && !low.has_suffix && low.value * high.factor <= high.value * 1.0001)
      low.value *= high.factor;
    std::string_view currency = !low.currency.empty() ? low.currency : high.currency;
    const std::size_t end = std::max(high.span_end, low.span_end);
    if (currency.empty() && !near_cue(s, low.span_begin)) {
      i = first->end;
      continue;
    }
    if (near_non_salary(s, end) ||
        (currency.empty() && !low.has_suffix && low.value < 1000 && high.value < 1000)) {
      i = first->end;
      continue;
    }
    if (low.value <= 0 || high.value < low.value) {
      i = first->end;
      continue;
    }
    // Percentages and years are never salaries.
    std::size_t after = end;
    while (after < s.size() && s[after] == ' ') ++after;
    if (after < s.size() &&
        (s[after] == '%' || text::occurs_at(s, after, "year") || text::occurs_at(s, after, "+"))) {
      i = first->end;
      continue;
    }
    Salary out;
    out.min = low.value;
    out.max = high.value;
    out.currency = std::string(currency);
    out.period = find_period(s, low.end, end + 30);
    if (out.period == PayPeriod::unknown) {
      out.period_inferred = true;
      const bool large_unit = out.currency == "JPY" || out.currency == "INR" || out.currency == "KRW";
      if (low.has_suffix || out.max >= (large_unit ? 1e6 : 1e4))
        out.period = PayPeriod::year;
      else if (out.max <= 300)
        out.period = PayPeriod::hour;
      else
        out.period = PayPeriod::month;
    }
    out.yearly_min = out.min * per_year(out.period);
    out.yearly_max = out.max * per_year(out.period);
    out.text = s.substr(low.span_begin, end - low.span_begin);
    return out;
  }
  return std::nullopt;
}

}  // namespace joblens::parse
