// Prices, token estimates, budget caps over llm_usage with a fixed clock, the usage report, the plan
// for moving to a cheaper model, and the response cache.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "native-host/llm/budget.hpp"
#include "native-host/llm/price_table.hpp"
#include "native-host/llm/response_cache.hpp"
#include "tests/llm/feature_fixture.hpp"

namespace joblens::host::llm {
namespace {

using nlohmann::json;
using testing::kDay;
using testing::kHour;
using testing::kNoon;
using testing::TempDb;

TEST_CASE("prices: exact, longest prefix, vendor prefix, unknown and local") {
  CHECK(prices_as_of() == "2026-11-01");
  auto mini = find_price("gpt-4o-mini-2024-07-18");
  REQUIRE(mini.has_value());
  CHECK(mini->model == "gpt-4o-mini");  // not the shorter "gpt-4o"
  CHECK(mini->input_per_mtok == doctest::Approx(0.15));
  CHECK(find_price("gpt-4o")->model == "gpt-4o");
  CHECK(find_price("claude-3-5-haiku-20241022")->model == "claude-3-5-haiku");
  CHECK(find_price("gpt-4.1-nano")->model == "gpt-4.1-nano");
  CHECK(find_price("someproxy/claude-sonnet-4-20250514")->model == "claude-sonnet-4");
  CHECK_FALSE(find_price("my-finetune").has_value());

  const Cost cost = cost_usd("gpt-4o-mini", Usage{1'000'000, 500'000});
  CHECK(cost.known);
  CHECK(cost.usd == doctest::Approx(0.15 + 0.30));
  const Cost unknown = cost_usd("my-finetune", Usage{1000, 1000});
  CHECK_FALSE(unknown.known);
  CHECK(unknown.usd == 0);
  const Cost local = cost_usd("gpt-4o", Usage{1'000'000, 1'000'000}, true);
  CHECK(local.known);
  CHECK(local.usd == 0);
  CHECK(is_local_base_url("http://127.0.0.1:11434/v1"));
  CHECK(is_local_base_url("http://localhost:8080/v1"));
  CHECK(is_local_base_url("http://[::1]:8080/v1"));
  CHECK_FALSE(is_local_base_url("https://api.openai.com/v1"));
  CHECK_FALSE(is_local_base_url("https://localhost.evil.example/v1"));
}

TEST_CASE("token estimates: chars / 4 rounded up plus a per-message overhead") {
  CHECK(estimate_tokens("") == kMessageOverheadTokens);
  CHECK(estimate_tokens("abcd") == 1 + kMessageOverheadTokens);
  CHECK(estimate_tokens("abcde") == 2 + kMessageOverheadTokens);
  ChatRequest request;
  request.system = std::string(40, 's');
  request.messages = {{"user", std::string(400, 'u')}};
  CHECK(estimate_input_tokens(request) == 10 + 100 + 2 * kMessageOverheadTokens);
}

TEST_CASE("caps from settings") {
  auto none = caps_from_settings(nullptr);
  REQUIRE(none.ok());
  CHECK_FALSE(none->any());
  auto monthly = caps_from_settings(json{{"monthly_usd", 5}});
  REQUIRE(monthly.ok());
  CHECK(*monthly->monthly_usd == 5.0);
  CHECK_FALSE(monthly->daily_usd.has_value());
  auto all =
      caps_from_settings(json{{"daily_tokens", 1000}, {"monthly_tokens", nullptr}, {"daily_usd", 0.5}});
  REQUIRE(all.ok());
  CHECK(*all->daily_tokens == 1000);
  CHECK_FALSE(all->monthly_tokens.has_value());
  CHECK(caps_from_settings(json{{"daily_usd", -1}}).error().code == ErrorCode::invalid_value);
  CHECK(caps_from_settings(json{{"daily_usd", "5"}}).error().code == ErrorCode::invalid_value);
  CHECK(caps_from_settings(json::array()).error().code == ErrorCode::wrong_type);
}

TEST_CASE("UTC day and month boundaries") {
  CHECK(utc_day_start(kNoon) == kNoon - 12 * kHour);
  CHECK(utc_month_start(kNoon) == 1'793'491'200'000);  // 2026-11-01T00:00Z
}

TEST_CASE("spending counts today and this month; the 80% warning; the hard stop names the cap") {
  TempDb t;
  const BudgetCaps caps{std::nullopt, std::nullopt, 1.0, 3.0};  // $1/day, $3/month
  // Earlier this month: $1.50. Last month: $10 (must not count).
  REQUIRE_FALSE(record(*t.db, "analyze", "openai", "gpt-4o", Usage{100, 50}, 1.5, false, kNoon - 5 * kDay));
  REQUIRE_FALSE(record(*t.db, "analyze", "openai", "gpt-4o", Usage{100, 50}, 10.0, false, kNoon - 30 * kDay));
  // Today: $0.70 and a cached hit (free).
  REQUIRE_FALSE(
      record(*t.db, "answer", "anthropic", "claude-3-5-haiku", Usage{1000, 200}, 0.7, false, kNoon - kHour));
  REQUIRE_FALSE(record(*t.db, "answer", "anthropic", "claude-3-5-haiku", Usage{}, 0.0, true, kNoon));

  auto so_far = spent(*t.db, kNoon);
  REQUIRE(so_far.ok());
  CHECK(so_far->day_usd == doctest::Approx(0.7));
  CHECK(so_far->day_tokens == 1200);
  CHECK(so_far->month_usd == doctest::Approx(2.2));
  CHECK(so_far->month_tokens == 1350);

  auto small = check(*t.db, caps, 100, 0.01, kNoon);
  REQUIRE(small.ok());
  CHECK(small->allowed);
  CHECK_FALSE(small->warn);  // 0.71 of the day, 0.737 of the month
  auto near = check(*t.db, caps, 100, 0.15, kNoon);
  REQUIRE(near.ok());
  CHECK(near->allowed);
  CHECK(near->warn);  // 0.85 of the day
  CHECK(near->cap == "daily_usd");
  CHECK(near->fraction == doctest::Approx(0.85));
  auto over = check(*t.db, caps, 100, 0.31, kNoon);
  REQUIRE(over.ok());
  CHECK_FALSE(over->allowed);
  CHECK(over->cap == "daily_usd");
  const Error error = budget_exceeded_error(*over, caps);
  CHECK(error.code == ErrorCode::budget_exceeded);
  CHECK(static_cast<int>(error.code) == 4006);
  CHECK(error.message.find("daily cap of $1.0000") != std::string::npos);
  // Tomorrow the day resets, the month does not: $2.20 + $0.90 passes the monthly $3.
  auto tomorrow = check(*t.db, caps, 100, 0.9, kNoon + kDay);
  REQUIRE(tomorrow.ok());
  CHECK_FALSE(tomorrow->allowed);
  CHECK(tomorrow->cap == "monthly_usd");
  // A free (local) call is never stopped by a dollar cap, even past it.
  CHECK(check(caps, Spent{0, 0, 5.0, 5.0}, 100, 0.0).allowed);
  // Token caps.
  const BudgetCaps tokens{1300, std::nullopt, std::nullopt, std::nullopt};
  CHECK(check(*t.db, tokens, 100, 0, kNoon)->allowed);  // 1300 exactly: at the cap is allowed
  auto past = check(*t.db, tokens, 101, 0, kNoon);
  CHECK_FALSE(past->allowed);
  CHECK(past->cap == "daily_tokens");
  // No caps: always allowed, never warned.
  auto free = check(*t.db, BudgetCaps{}, 1'000'000, 100.0, kNoon);
  CHECK(free->allowed);
  CHECK_FALSE(free->warn);
}

TEST_CASE("the plan keeps the chain's order until the budget runs low, then goes cheapest first") {
  const std::vector<Candidate> chain = {{"anthropic", "claude-opus-4", false},
                                        {"openai", "gpt-4o-mini", false},
                                        {"ollama", "llama3.1:8b", true},
                                        {"custom", "my-finetune", false}};
  const BudgetCaps caps{std::nullopt, std::nullopt, 1.0, std::nullopt};
  auto roomy = plan_candidates(chain, caps, Spent{}, 2000, 1000);
  REQUIRE(roomy.size() == 4);
  CHECK(roomy[0].candidate.model == "claude-opus-4");  // $0.105: 10% of the day
  CHECK(roomy[0].estimated_usd == doctest::Approx((2000 * 15.0 + 1000 * 75.0) / 1e6));
  CHECK(roomy[0].fits);
  CHECK_FALSE(roomy[3].price_known);

  auto low = plan_candidates(chain, caps, Spent{0, 0, 0.9, 0.9}, 2000, 1000);
  REQUIRE(low.size() == 4);
  CHECK(low[0].candidate.model == "llama3.1:8b");  // free, price known
  CHECK(low[1].candidate.model == "my-finetune");  // unknown price counts as 0, after known ones
  CHECK(low[2].candidate.model == "gpt-4o-mini");
  CHECK(low[3].candidate.model == "claude-opus-4");
  CHECK(low[2].fits);
  CHECK_FALSE(low[3].fits);  // $0.90 + $0.105 passes the $1 day
}

TEST_CASE("usage report: per feature, provider, model and day, with cache counters") {
  TempDb t;
  REQUIRE_FALSE(
      record(*t.db, "analyze", "openai", "gpt-4o-mini", Usage{1000, 100}, 0.01, false, kNoon - kDay));
  REQUIRE_FALSE(record(*t.db, "analyze", "openai", "gpt-4o-mini", Usage{2000, 200}, 0.02, false, kNoon));
  REQUIRE_FALSE(record(*t.db, "answer", "anthropic", "claude-3-5-haiku", Usage{}, 0.0, true, kNoon));
  ResponseCache cache(*t.db);
  REQUIRE(cache.get("k", kNoon).ok());  // a miss
  auto report = usage_report(*t.db, BudgetCaps{std::nullopt, std::nullopt, std::nullopt, 5.0}, kNoon, 7);
  REQUIRE(report.ok());
  const json& r = *report;
  INFO(r.dump(2));
  CHECK(r["prices_as_of"] == "2026-11-01");
  CHECK(r["today"]["usd"].get<double>() == doctest::Approx(0.02));
  CHECK(r["month"]["tokens"] == 3300);
  CHECK(r["caps"]["monthly_usd"] == 5.0);
  CHECK(r["caps"]["daily_usd"].is_null());
  REQUIRE(r["by_feature"].size() == 2);
  CHECK(r["by_feature"][0]["feature"] == "analyze");
  CHECK(r["by_feature"][0]["calls"] == 2);
  CHECK(r["by_feature"][0]["input_tokens"] == 3000);
  CHECK(r["by_feature"][1]["cached_calls"] == 1);
  REQUIRE(r["by_provider"].size() == 2);
  CHECK(r["by_provider"][1]["provider"] == "openai");
  CHECK(r["by_model"][1]["model"] == "openai/gpt-4o-mini");
  REQUIRE(r["by_day"].size() == 2);
  CHECK(r["by_day"][0]["day"] == "2026-11-22");
  CHECK(r["by_day"][1]["day"] == "2026-11-23");
  CHECK(r["by_day"][1]["calls"] == 2);
  CHECK(r["cache"]["misses"] == 1);
  CHECK(r["cache"]["hits"] == 0);
}

TEST_CASE("response cache: key, put/get, expiry, TTL setting, purge and hit/miss counters") {
  TempDb t;
  const std::string key = response_cache_key("openai", "gpt-4o-mini", "analyze", 1, R"({"vars":{}})");
  CHECK(key.size() == 64);
  CHECK(key.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(key == response_cache_key("openai", "gpt-4o-mini", "analyze", 1, R"({"vars":{}})"));
  CHECK(key != response_cache_key("openai", "gpt-4o-mini", "analyze", 2, R"({"vars":{}})"));
  CHECK(key != response_cache_key("openai", "gpt-4o", "analyze", 1, R"({"vars":{}})"));
  CHECK(key != response_cache_key("groq", "gpt-4o-mini", "analyze", 1, R"({"vars":{}})"));
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  CHECK(*cache_ttl_ms_from_settings(nullptr) == kDefaultCacheTtlMs);
  CHECK(*cache_ttl_ms_from_settings(json(2)) == 2 * kHour);
  CHECK_FALSE(cache_ttl_ms_from_settings(json("2")).ok());

  ResponseCache cache(*t.db, 2 * kHour);
  auto miss = cache.get(key, kNoon);
  REQUIRE(miss.ok());
  CHECK_FALSE(miss->has_value());
  const json value = {{"summary", "cached"}};
  REQUIRE_FALSE(cache.put(key, value, kNoon));
  auto hit = cache.get(key, kNoon + kHour);
  REQUIRE(hit.ok());
  REQUIRE(hit->has_value());
  CHECK(**hit == value);
  auto expired = cache.get(key, kNoon + 2 * kHour);  // expires_at is exclusive
  REQUIRE(expired.ok());
  CHECK_FALSE(expired->has_value());
  auto counters = cache_counters(*t.db);
  REQUIRE(counters.ok());
  CHECK(counters->hits == 1);
  CHECK(counters->misses == 2);

  REQUIRE_FALSE(cache.put("other", value, kNoon + 3 * kHour));
  auto purged = cache.purge_expired(kNoon + 3 * kHour);
  REQUIRE(purged.ok());
  CHECK(*purged == 1);  // the first entry; the counters and the fresh entry stay
  CHECK(cache.get("other", kNoon + 3 * kHour)->has_value());
  CHECK(cache_counters(*t.db)->misses == 2);

  ResponseCache off(*t.db, 0);
  REQUIRE_FALSE(off.put("never", value, kNoon));
  CHECK_FALSE(off.get("never", kNoon)->has_value());
}

}  // namespace
}  // namespace joblens::host::llm
