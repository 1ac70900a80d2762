// Who turns posting texts into vectors: the core's hashed embedding by default; a provider's
// embedding model when one is configured (plugged in by the LLM layer). The model id is stored with
// every vector, so vectors of several models coexist and the active embedder decides which are used.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::similar {

// One vector per text, each `dim` floats; texts are "title\ndescription" (posting_text()).
using EmbedBatch =
    std::function<Result<std::vector<std::vector<float>>>(const std::vector<std::string>& texts)>;

struct Embedder {
  std::string model;  // stored in embeddings.model: "joblens-hash-v1", "openai/text-embedding-3-small"
  std::size_t dim = 0;
  EmbedBatch embed;
  std::size_t batch_size = 64;  // texts per call: a provider request, or a unit of work for the core
};

// The core's deterministic hashed embedding (shared/embed/hashed_embedding.hpp): no network, no key.
Embedder hashed_embedder();

}  // namespace joblens::host::similar
