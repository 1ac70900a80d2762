#include <doctest/doctest.h>

#include <string>

#include "shared/cache/cache_key.hpp"
#include "shared/cache/lru_cache.hpp"

using namespace joblens::cache;

namespace {
struct StringSize {
  std::size_t operator()(const std::string& s) const { return s.size(); }
};
}  // namespace

TEST_CASE("cache: hit, miss, LRU eviction and TTL") {
  LruCache<std::string, StringSize> cache(/*max_bytes=*/3 * (100 + 96), /*ttl_ms=*/1000);
  cache.put(1, std::string(100, 'a'), 0);
  cache.put(2, std::string(100, 'b'), 0);
  cache.put(3, std::string(100, 'c'), 0);
  REQUIRE(cache.get(1, 10) != nullptr);  // 1 becomes most recent; 2 is now the oldest
  cache.put(4, std::string(100, 'd'), 10);
  CHECK(cache.get(2, 10) == nullptr);
  CHECK(cache.get(1, 10) != nullptr);
  CHECK(cache.stats().evictions == 1);
  CHECK(cache.stats().entries == 3);
  CHECK(cache.stats().bytes <= 3 * (100 + 96));
  CHECK(cache.get(3, 1000) == nullptr);  // stored at 0, expired at 1000
  CHECK(cache.stats().expired == 1);
  CHECK(cache.stats().hits == 2);
  CHECK(cache.stats().misses == 2);
  cache.put(5, std::string(10000, 'x'), 20);  // larger than the whole budget: not stored
  CHECK(cache.get(5, 20) == nullptr);
}

TEST_CASE("cache: the key changes with the profile version and every job field") {
  joblens::model::Job job{"1",          "Data Engineer", "Acme",       "Lisbon",    "Python and SQL",
                          std::nullopt, std::nullopt,    std::nullopt, std::nullopt};
  const auto base = score_key("v1", job);
  CHECK(score_key("v1", job) == base);
  CHECK(score_key("v2", job) != base);
  auto changed = job;
  changed.description += ".";
  CHECK(score_key("v1", changed) != base);
  changed = job;
  changed.salary = "";
  CHECK(score_key("v1", changed) != base);
  changed = job;
  changed.title = "Data Engineer Acme";
  changed.company = "";
  CHECK(score_key("v1", changed) != base);
}
