// The embedded default embedding for similar jobs: a deterministic hashed TF-IDF-like vector of a
// posting's words, word pairs and character n-grams, computed by the core so that it runs the same
// natively and in WebAssembly, with no model file and no provider.
//
// Why hashing: a vocabulary would have to ship with the extension and could never grow; signed
// feature hashing (the "hashing trick") maps any token to a dimension and a sign, so unseen words
// still land somewhere and collisions cancel out on average instead of adding up.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace joblens::embed {

// 256 dimensions: enough that postings of the same role rank above other roles (tests/unit/
// embed_test.cpp), and small enough that exact search over 100,000 stored vectors stays within
// 15 ms (docs/similar.md has the measured figures).
inline constexpr std::size_t kHashedDim = 256;
// Stored with every vector: changing the features or the dimension means a new id, and the stored
// vectors of the old id are embedded again.
inline constexpr std::string_view kHashedModel = "joblens-hash-v1";

// The L2-normalised embedding (kHashedDim floats) of a posting. The title is embedded apart from the
// description and given a fixed share of the vector, because the title says the role while the
// description mixes the role with company and benefit boilerplate. An empty posting gives zeros.
std::vector<float> embed_posting(std::string_view title, std::string_view description);

// The same over one text in the store's layout: the title, a line break, the description (the text
// whose hash is stored as source_hash). Text without a line break is all title.
std::vector<float> embed_text(std::string_view title_newline_description);

// True for folded words that say nothing about the role: function words in English, German, French
// and Spanish, and words every job ad uses ("experience", "team", "role", "senior").
bool is_generic_word(std::string_view folded_word);

// The dot product; the cosine similarity for L2-normalised vectors. Eight independent partial sums,
// so that the compiler may keep them in SIMD lanes without reassociating a single sum (which -O2
// without -ffast-math is not allowed to do).
float dot(const float* a, const float* b, std::size_t n);

}  // namespace joblens::embed
