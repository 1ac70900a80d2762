#include "shared/skills/phrase_matcher.hpp"

#include <deque>

namespace joblens::skills {

void PhraseMatcher::add(std::span<const std::string> tokens, std::uint32_t payload) {
  if (tokens.empty()) return;
  std::uint32_t node = 0;
  for (const std::string& token : tokens) {
    auto [vocab, inserted] = vocabulary_.try_emplace(token, static_cast<std::uint32_t>(vocabulary_.size()));
    const std::uint32_t id = vocab->second;
    auto& next = nodes_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(id, std::uint32_t{0}));
    if (it != next.end() && it->first == id) {
      node = it->second;
      continue;
    }
    const auto created = static_cast<std::uint32_t>(nodes_.size());
    next.insert(it, {id, created});
    Node fresh;
    fresh.depth = nodes_[node].depth + 1;
    nodes_.push_back(std::move(fresh));
    pending_payloads_.emplace_back();
    node = created;
  }
  pending_payloads_[node].push_back(payload);
}

void PhraseMatcher::build() {
  // Payloads in one array; each node owns a slice.
  payloads_.clear();
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    nodes_[n].payload_begin = static_cast<std::uint32_t>(payloads_.size());
    payloads_.insert(payloads_.end(), pending_payloads_[n].begin(), pending_payloads_[n].end());
    nodes_[n].payload_end = static_cast<std::uint32_t>(payloads_.size());
    nodes_[n].has_payload = !pending_payloads_[n].empty();
  }
  words_.assign(vocabulary_.size(), Word{});
  std::size_t capacity = 16;
  while (capacity < vocabulary_.size() * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  slot_mask_ = capacity - 1;
  for (const auto& [token, id] : vocabulary_) {
    const std::uint64_t hash = word_hash(token);
    words_[id] =
        Word{hash, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(token.size())};
    pool_ += token;
    std::size_t at = hash & slot_mask_;
    while (slots_[at] != 0) at = (at + 1) & slot_mask_;
    slots_[at] = id + 1;
  }

  root_next_.assign(vocabulary_.size(), 0);
  for (const auto& [id, node] : nodes_[0].next) root_next_[id] = node;

  // Breadth-first: a node's failure link points to a shallower node, already resolved.
  std::deque<std::uint32_t> queue;
  for (const auto& [id, node] : nodes_[0].next) {
    nodes_[node].fail = 0;
    queue.push_back(node);
  }
  while (!queue.empty()) {
    const std::uint32_t u = queue.front();
    queue.pop_front();
    for (const auto& [id, v] : nodes_[u].next) {
      const std::uint32_t f = step(nodes_[u].fail, id);
      nodes_[v].fail = (f == v) ? 0 : f;
      const Node& target = nodes_[nodes_[v].fail];
      nodes_[v].dict = target.has_payload ? nodes_[v].fail : target.dict;
      queue.push_back(v);
    }
  }
  pending_payloads_.clear();
  vocabulary_.clear();
}

}  // namespace joblens::skills
