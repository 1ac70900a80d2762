// Aho-Corasick over word tokens: finds every occurrence of thousands of phrases (skill aliases, veto
// phrases, requirement cues) in one pass, in time linear in the number of tokens.
//
// Written here because no Aho-Corasick library is packaged in Debian (see docs/taxonomy.md), and ours
// works on token ids rather than bytes, which gives word boundaries for free.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/text/swar.hpp"

namespace joblens::skills {

class PhraseMatcher {
 public:
  static constexpr std::uint32_t kUnknownToken = std::numeric_limits<std::uint32_t>::max();

  // Adds a phrase of folded tokens with a caller-defined payload. Call build() after the last add().
  void add(std::span<const std::string> tokens, std::uint32_t payload);
  void build();

  // The id of a folded token, or kUnknownToken when no phrase contains it. Valid after build().
  // Always inline: it runs for every word, and clang left it out of line in WebAssembly, where the
  // call cost a quarter of extraction (docs/benchmarks.md).
  [[gnu::always_inline]] std::uint32_t token_id(std::string_view folded) const {
    if (slots_.empty()) return kUnknownToken;
    const std::size_t length = folded.size();
    // Most words are short: their key is the word itself, so a probe never reads the pool.
    if (length <= 8) {
      const std::uint64_t key = short_key(folded.data(), length);
      for (std::size_t at = mix(length * kMultiplier, key) & slot_mask_;; at = (at + 1) & slot_mask_) {
        const Slot& slot = slots_[at];
        if (slot.id_plus_one == 0) return kUnknownToken;
        if (slot.key == key && slot.length == length) return slot.id_plus_one - 1;
      }
    }
    const std::uint64_t hash = word_hash(folded);
    for (std::size_t at = hash & slot_mask_;; at = (at + 1) & slot_mask_) {
      const Slot& slot = slots_[at];
      if (slot.id_plus_one == 0) return kUnknownToken;
      if (slot.key == hash && slot.length == length &&
          text::swar::equal(pool_.data() + words_[slot.id_plus_one - 1], folded.data(), length))
        return slot.id_plus_one - 1;
    }
  }

  // Calls on_match(first_token, end_token, payload) for every occurrence of every phrase, in order of
  // end position. `restart[i]` true starts a new segment at token i: no phrase spans two segments.
  template <typename OnMatch>
  void scan(std::span<const std::uint32_t> ids, std::span<const std::uint8_t> restart,
            OnMatch&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (restart[i]) state = 0;
      const std::uint32_t id = ids[i];
      if (id == kUnknownToken) {
        state = 0;
        continue;
      }
      state = step(state, id);
      for (std::uint32_t n = reports_[state]; n != kNone; n = dict_[n]) {
        const Node& node = nodes_[n];
        const auto first = static_cast<std::uint32_t>(i + 1 - node.depth);
        for (std::uint32_t p = node.payload_begin; p < node.payload_end; ++p)
          on_match(first, static_cast<std::uint32_t>(i + 1), payloads_[p]);
      }
    }
  }

  std::size_t node_count() const { return nodes_.size(); }

  // Eight bytes per multiplication (words are a few bytes long: most take one), the same natively and
  // in WebAssembly. Byte-at-a-time FNV-1a, used before, was a tenth of extraction: one dependent
  // multiplication per byte.
  static std::uint64_t word_hash(std::string_view word) {
    std::uint64_t h = word.size() * kMultiplier;
    std::size_t k = 0;
    for (; word.size() - k > 8; k += 8) {
      h = (h ^ text::swar::load(word.data() + k)) * kMultiplier;
      h ^= h >> 29;
    }
    return mix(h, short_key(word.data() + k, word.size() - k));
  }

  // Up to eight bytes as one integer that holds every one of them, read in at most two loads rather
  // than a loop: all eight, two overlapping four-byte reads for 4-7, the first, middle and last byte
  // for 1-3. With the length, the key names the bytes exactly.
  static std::uint64_t short_key(const char* bytes, std::size_t n) {
    if (n == 8) return text::swar::load(bytes);
    if (n >= 4) {
      std::uint32_t low, high;
      std::memcpy(&low, bytes, 4);
      std::memcpy(&high, bytes + n - 4, 4);
      return low | std::uint64_t{high} << 32;
    }
    if (n == 0) return 0;
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(bytes[i])}; };
    return byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
  }

 private:
  static constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
  static std::uint64_t mix(std::uint64_t h, std::uint64_t key) {
    h = (h ^ key) * kMultiplier;
    return h ^ (h >> 32);
  }

  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  struct Node {
    std::uint32_t depth = 0;
    std::uint32_t payload_begin = 0, payload_end = 0;
  };

  // The node reached from `node` by token `id`, or kNone; the root answers 0 for "no phrase starts".
  std::uint32_t child(std::uint32_t node, std::uint32_t id) const {
    if (node == 0) return id < root_next_.size() ? root_next_[id] : 0;
    // Most nodes have one or two children: a short linear scan beats a binary search.
    for (std::uint32_t e = edges_begin_[node]; e < edges_begin_[node + 1]; ++e)
      if (edges_[e].id == id) return edges_[e].node;
    return kNone;
  }

  std::uint32_t step(std::uint32_t state, std::uint32_t id) const {
    while (true) {
      const std::uint32_t c = child(state, id);
      if (c != kNone) return c;  // at the root, child() returns 0 for "no phrase starts here"
      state = fail_[state];
    }
  }

  // While phrases are added: the vocabulary, each node's children and payloads; build() turns them
  // into the flat tables below and clears them.
  std::unordered_map<std::string, std::uint32_t> vocabulary_;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> pending_next_{1};  // sorted by id
  std::vector<std::vector<std::uint32_t>> pending_payloads_{1};

  // Open addressing over a power-of-two table, probed linearly: written here because one lookup per
  // word of every posting is the hot path, and std::unordered_map's prime modulo and node chasing
  // cost more than the rest of the lookup. A slot holds what tells its word apart: the word itself
  // (short_key) when it has at most eight bytes, else its hash, and the pool is read only when that
  // hash agrees.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id_plus_one = 0;  // 0: empty
    std::uint32_t length = 0;
  };
  std::string pool_;
  std::vector<std::uint32_t> words_;  // by token id: its offset in pool_
  std::vector<Slot> slots_;
  std::size_t slot_mask_ = 0;

  // The automaton, one flat array per field: the scan touches only what it needs per token.
  struct Edge {
    std::uint32_t id, node;
  };
  std::vector<Node> nodes_{1};
  std::vector<std::uint32_t> edges_begin_;  // node n's children: edges_[edges_begin_[n] .. [n + 1])
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> dict_;       // nearest proper suffix node that ends a phrase, or kNone
  std::vector<std::uint32_t> reports_;    // the node itself if it ends a phrase, else dict_
  std::vector<std::uint32_t> root_next_;  // dense transitions of the root: most lookups end there
  std::vector<std::uint32_t> payloads_;
};

}  // namespace joblens::skills
