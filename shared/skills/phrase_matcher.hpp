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

namespace joblens::skills {

class PhraseMatcher {
 public:
  static constexpr std::uint32_t kUnknownToken = std::numeric_limits<std::uint32_t>::max();

  // Adds a phrase of folded tokens with a caller-defined payload. Call build() after the last add().
  void add(std::span<const std::string> tokens, std::uint32_t payload);
  void build();

  // The id of a folded token, or kUnknownToken when no phrase contains it. Valid after build().
  std::uint32_t token_id(std::string_view folded) const {
    if (slots_.empty()) return kUnknownToken;
    const std::uint64_t hash = word_hash(folded);
    for (std::size_t at = hash & slot_mask_;; at = (at + 1) & slot_mask_) {
      const std::uint32_t slot = slots_[at];
      if (slot == 0) return kUnknownToken;
      const Word& word = words_[slot - 1];
      if (word.hash == hash && word.length == folded.size() &&
          std::memcmp(pool_.data() + word.offset, folded.data(), folded.size()) == 0)
        return slot - 1;
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
      for (std::uint32_t n = nodes_[state].has_payload ? state : nodes_[state].dict; n != kNone;
           n = nodes_[n].dict) {
        const auto first = static_cast<std::uint32_t>(i + 1 - nodes_[n].depth);
        for (std::uint32_t p = nodes_[n].payload_begin; p < nodes_[n].payload_end; ++p)
          on_match(first, static_cast<std::uint32_t>(i + 1), payloads_[p]);
      }
    }
  }

  std::size_t node_count() const { return nodes_.size(); }

  // FNV-1a: words are a few bytes long, where it is faster than xxHash, natively and in WebAssembly.
  static std::uint64_t word_hash(std::string_view word) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h ^ (h >> 29);
  }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  struct Node {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> next;  // (token id, node), sorted by token id
    std::uint32_t fail = 0;
    std::uint32_t dict = kNone;  // nearest proper suffix node that ends a phrase
    std::uint32_t depth = 0;
    std::uint32_t payload_begin = 0, payload_end = 0;
    bool has_payload = false;
  };

  std::uint32_t child(std::uint32_t node, std::uint32_t id) const {
    if (node == 0) return id < root_next_.size() ? root_next_[id] : 0;
    const auto& next = nodes_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(id, std::uint32_t{0}));
    return (it != next.end() && it->first == id) ? it->second : kNone;
  }

  std::uint32_t step(std::uint32_t state, std::uint32_t id) const {
    while (true) {
      const std::uint32_t c = child(state, id);
      if (c != kNone) return c;  // at the root, child() returns 0 for "no phrase starts here"
      state = nodes_[state].fail;
    }
  }

  // The vocabulary while phrases are added; build() moves it into the flat table below.
  std::unordered_map<std::string, std::uint32_t> vocabulary_;
  // Open addressing over a power-of-two table, probed linearly: written here because one lookup per
  // word of every posting is the hot path, and std::unordered_map's prime modulo and node chasing
  // cost more than the rest of the lookup.
  struct Word {
    std::uint64_t hash;
    std::uint32_t offset, length;  // in pool_
  };
  std::string pool_;
  std::vector<Word> words_;           // by token id
  std::vector<std::uint32_t> slots_;  // token id + 1, or 0 for empty
  std::size_t slot_mask_ = 0;
  std::vector<Node> nodes_{1};
  std::vector<std::uint32_t> root_next_;  // dense transitions of the root: most lookups end there
  std::vector<std::uint32_t> payloads_;
  std::vector<std::vector<std::uint32_t>> pending_payloads_{1};  // per node, until build()
};

}  // namespace joblens::skills
