// The AI budget: caps on tokens and dollars per UTC day and month, read from the llm_usage table
// (migration 4); a warning at 80% of a cap, a hard stop past it (budget_exceeded, 4006), an order of
// candidate models for moving to a cheaper one as the budget runs low, and the `usage` report.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "native-host/llm/provider.hpp"
#include "native-host/storage/sqlite.hpp"
#include "shared/wire/error.hpp"

namespace joblens::host::llm {

inline constexpr double kBudgetWarnFraction = 0.8;

// Absent caps do not limit. Settings key `llm.budget`: {"daily_tokens","monthly_tokens","daily_usd",
// "monthly_usd"}, each a non-negative number or null.
struct BudgetCaps {
  std::optional<std::int64_t> daily_tokens;
  std::optional<std::int64_t> monthly_tokens;
  std::optional<double> daily_usd;
  std::optional<double> monthly_usd;
  bool any() const { return daily_tokens || monthly_tokens || daily_usd || monthly_usd; }
};

// null or absent -> no caps; a cap of the wrong type or negative -> invalid_value naming it.
Result<BudgetCaps> caps_from_settings(const nlohmann::json& value);

struct Spent {
  std::int64_t day_tokens = 0;  // input + output, in the UTC day of `now`
  std::int64_t month_tokens = 0;
  double day_usd = 0;
  double month_usd = 0;
};

// UTC day and month starts, in ms since the epoch.
std::int64_t utc_day_start(std::int64_t now_ms);
std::int64_t utc_month_start(std::int64_t now_ms);

Result<Spent> spent(storage::Database& db, std::int64_t now_ms);

struct BudgetCheck {
  bool allowed = true;
  bool warn = false;    // after this call, some cap would be at >= 80%
  std::string cap;      // the cap with the highest fraction ("daily_usd", ...), "" with no caps
  double fraction = 0;  // (spent + estimate) / cap for that cap
  Spent spent;          // before this call
};

// A call that would pass a cap is not allowed; a call at exactly the cap is. A free call (estimate 0)
// is never stopped by a dollar cap.
BudgetCheck check(const BudgetCaps& caps, const Spent& spent, std::int64_t estimated_tokens,
                  double estimated_usd);
Result<BudgetCheck> check(storage::Database& db, const BudgetCaps& caps, std::int64_t estimated_tokens,
                          double estimated_usd, std::int64_t now_ms);

// The budget_exceeded (4006) error for a check that was not allowed, naming the cap and the amounts.
Error budget_exceeded_error(const BudgetCheck& check, const BudgetCaps& caps);

// One call's row in llm_usage (a cache hit is recorded with cached = true and zero cost).
std::optional<Error> record(storage::Database& db, std::string_view feature, std::string_view provider,
                            std::string_view model, const Usage& usage, double cost_usd, bool cached,
                            std::int64_t now_ms);

// {"prices_as_of", "today": {...}, "month": {...}, "caps": {...}, "by_feature": [...],
//  "by_provider": [...], "by_day": [...], "cache": {"hits","misses","hit_rate"}} over the last `days`
// UTC days (today included); each row has input_tokens, output_tokens, usd, calls, cached_calls.
// Cache counters come from response_cache (persisted in the cache table).
Result<nlohmann::json> usage_report(storage::Database& db, const BudgetCaps& caps, std::int64_t now_ms,
                                    int days = 30);

// A (provider, model) the chain may call, with what one call is expected to cost.
struct Candidate {
  std::string provider;
  std::string model;
  bool local = false;  // on this machine: free
};

struct PlannedCandidate {
  Candidate candidate;
  double estimated_usd = 0;
  bool price_known = true;
  bool fits = true;  // the call fits under every cap
};

// The chain's order while the budget is below 80%; at or past it (or when the first candidate would not
// fit), cheapest first (stable, so the chain's order breaks ties; unknown prices count as 0 but go after
// known ones of the same estimate). Candidates that would pass a cap stay in the list with fits = false.
std::vector<PlannedCandidate> plan_candidates(const std::vector<Candidate>& chain, const BudgetCaps& caps,
                                              const Spent& spent, std::int64_t estimated_input_tokens,
                                              std::int64_t max_output_tokens);

}  // namespace joblens::host::llm
