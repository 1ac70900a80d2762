// Salary ranges as job sites print them, normalised to a yearly amount:
//   "€85,000/yr - €100,000/yr", "75.000 - 90.000 EUR", "$120K/yr", "₹30L/yr", "£45k", "$50/hr",
//   "€4,000/month", "CA$90K/yr - CA$110K/yr", "CHF 120'000", "90 000 € brut annuel", "1.234,56 €".
// An amount counts only with a currency, or next to a salary word ("salary", "Gehalt", "salaire", ...);
// funding rounds, years and percentages are not salaries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/text/normalize.hpp"

namespace joblens::parse {

enum class PayPeriod { unknown, hour, day, week, month, year };
std::string_view to_string(PayPeriod p);

struct Salary {
  double min = 0, max = 0;  // as printed, in `period`
  std::string currency;     // ISO 4217, or "" when not stated
  PayPeriod period = PayPeriod::unknown;
  bool period_inferred = false;           // no period printed: inferred from the amount
  double yearly_min = 0, yearly_max = 0;  // hour x 2080, day x 260, week x 52, month x 12
  std::string text;                       // the matched span, folded
};

// The first salary in `text`, or none.
std::optional<Salary> parse_salary(std::string_view text);
std::optional<Salary> parse_salary(text::Folded text);

}  // namespace joblens::parse
