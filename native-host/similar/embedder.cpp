#include "native-host/similar/embedder.hpp"

#include "shared/embed/hashed_embedding.hpp"

namespace joblens::host::similar {

Embedder hashed_embedder() {
  Embedder embedder;
  embedder.model = std::string(embed::kHashedModel);
  embedder.dim = embed::kHashedDim;
  embedder.embed = [](const std::vector<std::string>& texts) -> Result<std::vector<std::vector<float>>> {
    std::vector<std::vector<float>> vectors;
    vectors.reserve(texts.size());
    for (const std::string& text : texts) vectors.push_back(embed::embed_text(text));
    return vectors;
  };
  return embedder;
}

}  // namespace joblens::host::similar
