#include "native-host/similar/vector_index.hpp"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <thread>

#include "shared/embed/hashed_embedding.hpp"

namespace joblens::host::similar {

namespace {

// A bounded list of the best k: k is small (the route caps it at 50), so insertion into a sorted
// vector beats a heap and keeps ties in row order (deterministic results).
class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { best_.reserve(k + 1); }
  float floor() const { return best_.size() < k_ ? -2.0F : best_.back().second; }
  void offer(std::uint32_t row, float similarity) {
    if (k_ == 0 || similarity <= floor()) return;
    auto at =
        std::upper_bound(best_.begin(), best_.end(), similarity,
                         [](float s, const std::pair<std::uint32_t, float>& e) { return s > e.second; });
    best_.insert(at, {row, similarity});
    if (best_.size() > k_) best_.pop_back();
  }
  const std::vector<std::pair<std::uint32_t, float>>& best() const { return best_; }

 private:
  std::size_t k_;
  std::vector<std::pair<std::uint32_t, float>> best_;
};

}  // namespace

std::string_view to_string(SearchMethod method) { return method == SearchMethod::ann ? "ann" : "exact"; }

VectorIndex::VectorIndex(std::string model, std::size_t dim, AnnParameters parameters)
    : model_(std::move(model)), dim_(dim), parameters_(parameters) {}

VectorIndex::~VectorIndex() = default;

void VectorIndex::upsert(std::string_view job_id, const float* vector) {
  const auto found = rows_.find(std::string(job_id));
  std::size_t row = 0;
  if (found != rows_.end()) {
    row = found->second;
    std::memcpy(&matrix_[row * dim_], vector, dim_ * sizeof(float));
  } else {
    row = ids_.size();
    ids_.emplace_back(job_id);
    rows_.emplace(std::string(job_id), static_cast<std::uint32_t>(row));
    matrix_.insert(matrix_.end(), vector, vector + dim_);
  }
  if (ann_ != nullptr) ann_add(row);
}

const float* VectorIndex::vector_of(std::string_view job_id) const {
  const auto found = rows_.find(std::string(job_id));
  return found == rows_.end() ? nullptr : &matrix_[found->second * dim_];
}

void VectorIndex::ann_add(std::size_t row) {
  // hnswlib reports failures (out of memory) by throwing; the index then drops the graph and search
  // stays exact rather than failing the request.
  try {
    if (row >= ann_->max_elements_) {
      ann_->resizeIndex(std::max<std::size_t>(ann_->max_elements_ * 2, row + 1));
    }
    ann_->addPoint(&matrix_[row * dim_], row);  // an existing label is updated in place
  } catch (const std::exception&) {
    ann_.reset();
  }
}

bool VectorIndex::build_ann_if_due(std::size_t threshold, unsigned threads) {
  if (ann_ != nullptr) return true;
  if (ids_.size() < threshold || ids_.empty()) return true;
  try {
    space_ = std::make_unique<hnswlib::InnerProductSpace>(dim_);
    ann_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(space_.get(), ids_.size() * 5 / 4 + 16,
                                                             parameters_.m, parameters_.ef_construction);
  } catch (const std::exception&) {
    ann_.reset();
    return false;
  }
  const std::size_t count = ids_.size();
  const unsigned workers = std::max(1U, threads);
  bool failed = false;
  std::vector<std::thread> pool;
  std::vector<char> worker_failed(workers, 0);
  for (unsigned w = 0; w < workers; ++w) {
    pool.emplace_back([this, w, workers, count, &worker_failed] {
      try {
        for (std::size_t row = w; row < count; row += workers) ann_->addPoint(&matrix_[row * dim_], row);
      } catch (const std::exception&) {
        worker_failed[w] = 1;
      }
    });
  }
  for (auto& t : pool) t.join();
  for (char f : worker_failed) failed = failed || f != 0;
  if (failed) {
    ann_.reset();
    return false;
  }
  return true;
}

SearchResult VectorIndex::search(const float* query, std::size_t k, std::string_view exclude) const {
  return ann_ != nullptr ? search_ann(query, k, exclude) : search_exact(query, k, exclude);
}

SearchResult VectorIndex::search_exact(const float* query, std::size_t k, std::string_view exclude) const {
  SearchResult result;
  result.method = SearchMethod::exact;
  result.searched = ids_.size();
  std::size_t skip = ids_.size();  // no row
  if (!exclude.empty()) {
    const auto found = rows_.find(std::string(exclude));
    if (found != rows_.end()) skip = found->second;
  }
  TopK top(k);
  const float* row_data = matrix_.data();
  for (std::size_t row = 0; row < ids_.size(); ++row, row_data += dim_) {
    if (row == skip) continue;
    top.offer(static_cast<std::uint32_t>(row), embed::dot(row_data, query, dim_));
  }
  for (const auto& [row, similarity] : top.best()) result.neighbours.push_back({ids_[row], similarity});
  return result;
}

SearchResult VectorIndex::search_ann(const float* query, std::size_t k, std::string_view exclude) const {
  if (ann_ == nullptr || k == 0) return search_exact(query, k, exclude);
  SearchResult result;
  result.method = SearchMethod::ann;
  result.searched = ids_.size();
  try {
    // One more than asked, in case the excluded job (usually the query itself) is among them.
    const std::size_t want = std::min(k + 1, ids_.size());
    // The graph is owned by this index and the host serves one request at a time, so setting the
    // search breadth here does not race.
    ann_->setEf(std::max(parameters_.ef_search, want));
    auto found = ann_->searchKnn(query, want);
    std::vector<std::pair<std::uint32_t, float>> rows;
    while (!found.empty()) {
      // InnerProductSpace's distance is 1 - dot; the queue pops the farthest first.
      rows.emplace_back(static_cast<std::uint32_t>(found.top().second), 1.0F - found.top().first);
      found.pop();
    }
    std::reverse(rows.begin(), rows.end());
    for (const auto& [row, similarity] : rows) {
      if (result.neighbours.size() == k) break;
      if (ids_[row] == exclude) continue;
      result.neighbours.push_back({ids_[row], similarity});
    }
  } catch (const std::exception&) {
    return search_exact(query, k, exclude);
  }
  return result;
}

}  // namespace joblens::host::similar
