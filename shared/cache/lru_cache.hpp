// A least-recently-used cache with a time to live and a memory budget, for score results.
//
// Pure: the caller passes the time, so the cache reads no clock and behaves the same natively and in
// WebAssembly. Keys are 64-bit hashes (see cache_key.hpp); values report their own size in bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>

namespace joblens::cache {

struct CacheStats {
  std::uint64_t hits = 0, misses = 0, expired = 0, evictions = 0;
  std::size_t entries = 0, bytes = 0;
};

template <typename Value, typename SizeOf>
class LruCache {
 public:
  // `max_bytes` bounds the sum of SizeOf(value) plus a fixed overhead per entry; `ttl_ms` is how long
  // an entry stays valid after it was stored.
  LruCache(std::size_t max_bytes, std::int64_t ttl_ms, SizeOf size_of = {})
      : max_bytes_(max_bytes), ttl_ms_(ttl_ms), size_of_(size_of) {}

  // The value stored under `key`, if present and younger than the TTL; a hit makes it most recent.
  const Value* get(std::uint64_t key, std::int64_t now_ms) {
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++stats_.misses;
      return nullptr;
    }
    if (now_ms - it->second->stored_ms >= ttl_ms_) {
      ++stats_.expired;
      ++stats_.misses;
      erase(it);
      return nullptr;
    }
    ++stats_.hits;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->value;
  }

  // Stores or replaces; evicts least recently used entries until the budget holds. A value larger
  // than the whole budget is not stored.
  void put(std::uint64_t key, Value value, std::int64_t now_ms) {
    if (auto it = index_.find(key); it != index_.end()) erase(it);
    const std::size_t bytes = size_of_(value) + kEntryOverhead;
    if (bytes > max_bytes_) return;
    while (stats_.bytes + bytes > max_bytes_ && !order_.empty()) {
      ++stats_.evictions;
      erase(index_.find(order_.back().key));
    }
    order_.push_front(Entry{key, std::move(value), now_ms, bytes});
    index_.emplace(key, order_.begin());
    stats_.bytes += bytes;
    stats_.entries = index_.size();
  }

  void clear() {
    order_.clear();
    index_.clear();
    stats_.bytes = 0;
    stats_.entries = 0;
  }

  const CacheStats& stats() const { return stats_; }

 private:
  // List node, hash node and bookkeeping, roughly.
  static constexpr std::size_t kEntryOverhead = 96;

  struct Entry {
    std::uint64_t key;
    Value value;
    std::int64_t stored_ms;
    std::size_t bytes;
  };
  using Iterator = typename std::list<Entry>::iterator;

  void erase(typename std::unordered_map<std::uint64_t, Iterator>::iterator it) {
    stats_.bytes -= it->second->bytes;
    order_.erase(it->second);
    index_.erase(it);
    stats_.entries = index_.size();
  }

  std::size_t max_bytes_;
  std::int64_t ttl_ms_;
  SizeOf size_of_;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::uint64_t, Iterator> index_;
  CacheStats stats_;
};

}  // namespace joblens::cache
