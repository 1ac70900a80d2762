#include "native-host/llm/budget.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "native-host/llm/price_table.hpp"
#include "native-host/llm/response_cache.hpp"

namespace joblens::host::llm {

namespace {

using nlohmann::json;
constexpr std::int64_t kDayMs = 86'400'000;

std::string money(double usd) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "$%.4f", usd);
  return buffer;
}

std::string utc_date(std::int64_t ms) {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(sys_time<milliseconds>(milliseconds(ms)))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

// Sums tokens and dollars since `from`.
Result<std::pair<std::int64_t, double>> totals_since(storage::Database& db, std::int64_t from) {
  auto stmt = db.prepare(
      "SELECT COALESCE(SUM(input_tokens + output_tokens), 0), COALESCE(SUM(cost_usd), 0) FROM llm_usage "
      "WHERE at >= ?1 AND cached = 0");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, from);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  return std::pair{(*stmt)->int64(0), (*stmt)->real(1)};
}

// One grouping of the report: rows of {key, input_tokens, output_tokens, usd, calls, cached_calls}.
Result<json> grouped(storage::Database& db, const std::string& key_sql, const char* key_name,
                     std::int64_t from) {
  auto stmt = db.prepare("SELECT " + key_sql +
                         " AS k, SUM(input_tokens), SUM(output_tokens), SUM(cost_usd), COUNT(*), SUM(cached) "
                         "FROM llm_usage WHERE at >= ?1 GROUP BY k ORDER BY k");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, from);
  json rows = json::array();
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    json entry;
    if ((*stmt)->is_null(0)) {
      entry[key_name] = nullptr;
    } else if (std::string_view(key_name) == "day") {
      entry[key_name] = utc_date((*stmt)->int64(0) * kDayMs);
    } else {
      entry[key_name] = (*stmt)->text(0);
    }
    entry["input_tokens"] = (*stmt)->int64(1);
    entry["output_tokens"] = (*stmt)->int64(2);
    entry["usd"] = (*stmt)->real(3);
    entry["calls"] = (*stmt)->int64(4);
    entry["cached_calls"] = (*stmt)->int64(5);
    rows.push_back(std::move(entry));
  }
  return rows;
}

json caps_json(const BudgetCaps& caps) {
  json out = json::object();
  out["daily_tokens"] = caps.daily_tokens ? json(*caps.daily_tokens) : json(nullptr);
  out["monthly_tokens"] = caps.monthly_tokens ? json(*caps.monthly_tokens) : json(nullptr);
  out["daily_usd"] = caps.daily_usd ? json(*caps.daily_usd) : json(nullptr);
  out["monthly_usd"] = caps.monthly_usd ? json(*caps.monthly_usd) : json(nullptr);
  return out;
}

}  // namespace

Result<BudgetCaps> caps_from_settings(const json& value) {
  BudgetCaps caps;
  if (value.is_null()) return caps;
  if (!value.is_object()) return make_error(ErrorCode::wrong_type, "llm.budget must be an object");
  for (const char* name : {"daily_tokens", "monthly_tokens"}) {
    const auto it = value.find(name);
    if (it == value.end() || it->is_null()) continue;
    if (!it->is_number() || it->get<double>() < 0) {
      return make_error(ErrorCode::invalid_value,
                        std::string("llm.budget.") + name + " must be a number >= 0");
    }
    (std::string_view(name) == "daily_tokens" ? caps.daily_tokens : caps.monthly_tokens) =
        static_cast<std::int64_t>(it->get<double>());
  }
  for (const char* name : {"daily_usd", "monthly_usd"}) {
    const auto it = value.find(name);
    if (it == value.end() || it->is_null()) continue;
    if (!it->is_number() || it->get<double>() < 0) {
      return make_error(ErrorCode::invalid_value,
                        std::string("llm.budget.") + name + " must be a number >= 0");
    }
    (std::string_view(name) == "daily_usd" ? caps.daily_usd : caps.monthly_usd) = it->get<double>();
  }
  return caps;
}

std::int64_t utc_day_start(std::int64_t now_ms) {
  return (now_ms >= 0 ? now_ms / kDayMs : (now_ms - kDayMs + 1) / kDayMs) * kDayMs;
}

std::int64_t utc_month_start(std::int64_t now_ms) {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(sys_time<milliseconds>(milliseconds(now_ms)))};
  const sys_days first = ymd.year() / ymd.month() / day(1);
  return duration_cast<milliseconds>(first.time_since_epoch()).count();
}

Result<Spent> spent(storage::Database& db, std::int64_t now_ms) {
  Spent out;
  auto day = totals_since(db, utc_day_start(now_ms));
  if (!day) return day.error();
  auto month = totals_since(db, utc_month_start(now_ms));
  if (!month) return month.error();
  out.day_tokens = day->first;
  out.day_usd = day->second;
  out.month_tokens = month->first;
  out.month_usd = month->second;
  return out;
}

BudgetCheck check(const BudgetCaps& caps, const Spent& spent_so_far, std::int64_t estimated_tokens,
                  double estimated_usd) {
  BudgetCheck result;
  result.spent = spent_so_far;
  bool first_over = true;
  const auto consider = [&](const char* name, std::optional<double> cap, double used, double estimate) {
    if (!cap) return;
    const double after = used + estimate;
    // A cap of 0 allows only free calls: the fraction of a zero cap is 0 with nothing spent, else full.
    const double fraction = *cap > 0 ? after / *cap : (after > 0 ? 1.0 : 0.0);
    const bool over = after > *cap && estimate > 0;
    if (over && first_over) {  // the hard stop names the first cap passed (day before month)
      result.allowed = false;
      result.cap = name;
      result.fraction = fraction;
      first_over = false;
    } else if (result.allowed && fraction >= result.fraction) {
      result.cap = name;
      result.fraction = fraction;
    }
    if (fraction >= kBudgetWarnFraction) result.warn = true;
  };
  const auto as_double = [](std::optional<std::int64_t> v) -> std::optional<double> {
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
  };
  consider("daily_tokens", as_double(caps.daily_tokens), static_cast<double>(spent_so_far.day_tokens),
           static_cast<double>(estimated_tokens));
  consider("daily_usd", caps.daily_usd, spent_so_far.day_usd, estimated_usd);
  consider("monthly_tokens", as_double(caps.monthly_tokens), static_cast<double>(spent_so_far.month_tokens),
           static_cast<double>(estimated_tokens));
  consider("monthly_usd", caps.monthly_usd, spent_so_far.month_usd, estimated_usd);
  return result;
}

Result<BudgetCheck> check(storage::Database& db, const BudgetCaps& caps, std::int64_t estimated_tokens,
                          double estimated_usd, std::int64_t now_ms) {
  auto so_far = spent(db, now_ms);
  if (!so_far) return so_far.error();
  return check(caps, *so_far, estimated_tokens, estimated_usd);
}

Error budget_exceeded_error(const BudgetCheck& result, const BudgetCaps& caps) {
  std::string detail;
  if (result.cap == "daily_usd" && caps.daily_usd) {
    detail =
        "the daily cap of " + money(*caps.daily_usd) + " (spent today " + money(result.spent.day_usd) + ")";
  } else if (result.cap == "monthly_usd" && caps.monthly_usd) {
    detail = "the monthly cap of " + money(*caps.monthly_usd) + " (spent this month " +
             money(result.spent.month_usd) + ")";
  } else if (result.cap == "daily_tokens" && caps.daily_tokens) {
    detail = "the daily cap of " + std::to_string(*caps.daily_tokens) + " tokens (used today " +
             std::to_string(result.spent.day_tokens) + ")";
  } else if (result.cap == "monthly_tokens" && caps.monthly_tokens) {
    detail = "the monthly cap of " + std::to_string(*caps.monthly_tokens) + " tokens (used this month " +
             std::to_string(result.spent.month_tokens) + ")";
  } else {
    detail = "a budget cap";
  }
  return make_error(ErrorCode::budget_exceeded,
                    "this AI call would pass " + detail + "; raise llm.budget or wait for the next period");
}

std::optional<Error> record(storage::Database& db, std::string_view feature, std::string_view provider,
                            std::string_view model, const Usage& usage, double cost, bool cached,
                            std::int64_t now_ms) {
  auto stmt = db.prepare(
      "INSERT INTO llm_usage (at, feature, provider, model, input_tokens, output_tokens, cost_usd, cached) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, now_ms).bind(2, feature).bind(3, provider).bind(4, model);
  (*stmt)->bind(5, usage.input_tokens).bind(6, usage.output_tokens).bind(7, cost).bind(8, cached ? 1 : 0);
  return (*stmt)->run();
}

Result<json> usage_report(storage::Database& db, const BudgetCaps& caps, std::int64_t now_ms, int days) {
  days = std::clamp(days, 1, 366);
  const std::int64_t from = utc_day_start(now_ms) - static_cast<std::int64_t>(days - 1) * kDayMs;
  auto so_far = spent(db, now_ms);
  if (!so_far) return so_far.error();
  auto by_feature = grouped(db, "feature", "feature", from);
  if (!by_feature) return by_feature.error();
  auto by_provider = grouped(db, "provider", "provider", from);
  if (!by_provider) return by_provider.error();
  auto by_model = grouped(db, "provider || '/' || model", "model", from);
  if (!by_model) return by_model.error();
  auto by_day = grouped(db, "at / 86400000", "day", from);
  if (!by_day) return by_day.error();
  auto counters = cache_counters(db);
  if (!counters) return counters.error();
  const BudgetCheck now_check = check(caps, *so_far, 0, 0);
  const std::int64_t lookups = counters->hits + counters->misses;
  return json{
      {"prices_as_of", prices_as_of()},
      {"since", utc_date(from)},
      {"days", days},
      {"today", {{"tokens", so_far->day_tokens}, {"usd", so_far->day_usd}}},
      {"month", {{"tokens", so_far->month_tokens}, {"usd", so_far->month_usd}}},
      {"caps", caps_json(caps)},
      {"warn", now_check.warn},
      {"by_feature", std::move(*by_feature)},
      {"by_provider", std::move(*by_provider)},
      {"by_model", std::move(*by_model)},
      {"by_day", std::move(*by_day)},
      {"cache",
       {{"hits", counters->hits},
        {"misses", counters->misses},
        {"hit_rate",
         lookups > 0 ? static_cast<double>(counters->hits) / static_cast<double>(lookups) : 0.0}}},
  };
}

std::vector<PlannedCandidate> plan_candidates(const std::vector<Candidate>& chain, const BudgetCaps& caps,
                                              const Spent& spent_so_far, std::int64_t estimated_input_tokens,
                                              std::int64_t max_output_tokens) {
  std::vector<PlannedCandidate> plan;
  const std::int64_t tokens = estimated_input_tokens + max_output_tokens;
  bool low = false;
  for (const Candidate& c : chain) {
    const Cost cost = cost_usd(c.model, Usage{estimated_input_tokens, max_output_tokens}, c.local);
    const BudgetCheck fit = check(caps, spent_so_far, tokens, cost.usd);
    plan.push_back(PlannedCandidate{c, cost.usd, cost.known, fit.allowed});
    // Low budget: the chain's first choice would reach 80% of a cap, or would not fit at all.
    if (plan.size() == 1) low = fit.warn || !fit.allowed;
  }
  if (low) {
    std::stable_sort(plan.begin(), plan.end(), [](const PlannedCandidate& a, const PlannedCandidate& b) {
      if (a.estimated_usd != b.estimated_usd) return a.estimated_usd < b.estimated_usd;
      return a.price_known && !b.price_known;
    });
  }
  return plan;
}

}  // namespace joblens::host::llm
