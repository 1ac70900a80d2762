#include "shared/skills/phrase_matcher.hpp"

#include <deque>

namespace joblens::skills {

void PhraseMatcher::add(std::span<const std::string> tokens, std::uint32_t payload) {
  if (tokens.empty()) return;
  std::uint32_t node = 0;
  for (const std::string& token : tokens) {
    auto [vocab, inserted] = vocabulary_.try_emplace(token, static_cast<std::uint32_t>(vocabulary_.size()));
    const std::uint32_t id = vocab->second;
    auto& next = pending_next_[node];
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(id, std::uint32_t{0}));
    if (it != next.end() && it->first == id) {
      node = it->second;
      continue;
    }
    const auto created = static_cast<std::uint32_t>(nodes_.size());
    next.insert(it, {id, created});
    Node fresh;
    fresh.depth = nodes_[node].depth + 1;
    nodes_.push_back(fresh);
    pending_next_.emplace_back();
    pending_payloads_.emplace_back();
    node = created;
  }
  pending_payloads_[node].push_back(payload);
}

void PhraseMatcher::build() {
  const std::size_t count = nodes_.size();
  // Payloads in one array; each node owns a slice.
  payloads_.clear();
  for (std::size_t n = 0; n < count; ++n) {
    nodes_[n].payload_begin = static_cast<std::uint32_t>(payloads_.size());
    payloads_.insert(payloads_.end(), pending_payloads_[n].begin(), pending_payloads_[n].end());
    nodes_[n].payload_end = static_cast<std::uint32_t>(payloads_.size());
  }
  auto ends_phrase = [&](std::uint32_t n) { return nodes_[n].payload_end > nodes_[n].payload_begin; };

  words_.assign(vocabulary_.size(), 0);
  std::size_t capacity = 16;
  while (capacity < vocabulary_.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  slot_mask_ = capacity - 1;
  for (const auto& [token, id] : vocabulary_) {
    const std::uint64_t hash = word_hash(token);
    words_[id] = static_cast<std::uint32_t>(pool_.size());
    pool_ += token;
    std::size_t at = hash & slot_mask_;
    while (slots_[at].id_plus_one != 0) at = (at + 1) & slot_mask_;
    const std::uint64_t key = token.size() <= 8 ? short_key(token.data(), token.size()) : hash;
    slots_[at] = Slot{key, id + 1, static_cast<std::uint32_t>(token.size())};
  }

  // Children in one array, in node order.
  edges_begin_.assign(count + 1, 0);
  edges_.clear();
  for (std::size_t n = 0; n < count; ++n) {
    edges_begin_[n] = static_cast<std::uint32_t>(edges_.size());
    for (const auto& [id, child_node] : pending_next_[n]) edges_.push_back(Edge{id, child_node});
  }
  edges_begin_[count] = static_cast<std::uint32_t>(edges_.size());
  root_next_.assign(vocabulary_.size(), 0);
  for (const auto& [id, node] : pending_next_[0]) root_next_[id] = node;

  // Breadth-first: a node's failure link points to a shallower node, already resolved.
  fail_.assign(count, 0);
  dict_.assign(count, kNone);
  std::deque<std::uint32_t> queue(pending_next_[0].size());
  for (std::size_t k = 0; k < queue.size(); ++k) queue[k] = pending_next_[0][k].second;
  while (!queue.empty()) {
    const std::uint32_t u = queue.front();
    queue.pop_front();
    for (const auto& [id, v] : pending_next_[u]) {
      const std::uint32_t f = step(fail_[u], id);
      fail_[v] = (f == v) ? 0 : f;
      dict_[v] = ends_phrase(fail_[v]) ? fail_[v] : dict_[fail_[v]];
      queue.push_back(v);
    }
  }
  reports_.resize(count);
  for (std::uint32_t n = 0; n < count; ++n) reports_[n] = ends_phrase(n) ? n : dict_[n];

  pending_next_.clear();
  pending_payloads_.clear();
  vocabulary_.clear();
}

}  // namespace joblens::skills
