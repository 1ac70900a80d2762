// An in-memory index over the stored vectors of one model: exact search (every dot product) while
// the index is small, hnswlib's HNSW graph above kAnnThreshold vectors, where exact search would
// take too long for an interactive request. Labels in the graph are the rows of the matrix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hnswlib {
template <typename dist_t>
class HierarchicalNSW;
class InnerProductSpace;
}  // namespace hnswlib

namespace joblens::host::similar {

enum class SearchMethod { exact, ann };
std::string_view to_string(SearchMethod method);

struct Neighbour {
  std::string job_id;
  float similarity = 0;  // cosine: the vectors are L2-normalised
};

struct SearchResult {
  std::vector<Neighbour> neighbours;  // most similar first
  SearchMethod method = SearchMethod::exact;
  std::size_t searched = 0;  // vectors in the index
};

struct AnnParameters {
  // See docs/similar.md: chosen with tests/bench/similar_bench.cpp for recall@10 >= 0.95.
  std::size_t m = 16;                 // graph links per node (32 on the bottom layer)
  std::size_t ef_construction = 100;  // candidate list while inserting
  std::size_t ef_search = 64;         // candidate list while searching (at least k)
};

class VectorIndex {
 public:
  // Below this many vectors exact search answers: it is exact and, at 20,000 x 256 floats, a few
  // milliseconds; above it the graph (built once, then grown point by point) answers.
  static constexpr std::size_t kAnnThreshold = 20000;

  VectorIndex(std::string model, std::size_t dim, AnnParameters parameters = {});
  ~VectorIndex();
  VectorIndex(const VectorIndex&) = delete;
  VectorIndex& operator=(const VectorIndex&) = delete;

  const std::string& model() const { return model_; }
  std::size_t dim() const { return dim_; }
  std::size_t size() const { return ids_.size(); }
  bool has_ann() const { return ann_ != nullptr; }

  // Adds a vector, or replaces the vector of a known id (in the graph too, when there is one).
  void upsert(std::string_view job_id, const float* vector);
  // The stored vector of an id (dim floats), or nullptr.
  const float* vector_of(std::string_view job_id) const;

  // Builds the graph when the index has reached `threshold` vectors and has none yet. `threads`
  // insert in parallel (hnswlib's addPoint is safe for distinct labels). False when hnswlib failed
  // (out of memory): search then stays exact.
  bool build_ann_if_due(std::size_t threshold = kAnnThreshold, unsigned threads = 2);

  // The k most similar vectors to `query`, never `exclude`. ANN when the graph exists, else exact.
  SearchResult search(const float* query, std::size_t k, std::string_view exclude = {}) const;
  SearchResult search_exact(const float* query, std::size_t k, std::string_view exclude = {}) const;
  // Falls back to exact search when there is no graph or hnswlib fails.
  SearchResult search_ann(const float* query, std::size_t k, std::string_view exclude = {}) const;

 private:
  void ann_add(std::size_t row);

  std::string model_;
  std::size_t dim_;
  AnnParameters parameters_;
  std::vector<std::string> ids_;  // row -> job id
  std::unordered_map<std::string, std::uint32_t> rows_;
  std::vector<float> matrix_;  // rows of dim floats, back to back
  std::unique_ptr<hnswlib::InnerProductSpace> space_;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> ann_;
};

}  // namespace joblens::host::similar
