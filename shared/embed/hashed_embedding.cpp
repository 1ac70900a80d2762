#include "shared/embed/hashed_embedding.hpp"
#include "shared/embed/word_lists.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "shared/text/normalize.hpp"
#include "shared/text/tokenizer.hpp"

namespace joblens::embed {
namespace {

static_assert((kHashedDim & (kHashedDim - 1)) == 0, "the dimension is a power of two: a mask picks it");

// A sentence of the company and benefits paragraphs (word_lists.cpp) counts a quarter: every posting of
// a company repeats them whatever the role.
constexpr float kBoilerplateWeight = 0.25F;

// Seeds that keep the feature kinds apart: the word "java" and the trigram "jav" never share a hash.
constexpr std::uint64_t kWordSeed = 0x6a6c2d776f7264ULL;
constexpr std::uint64_t kPairSeed = 0x6a6c2d70616972ULL;
constexpr std::uint64_t kCharSeed = 0x6a6c2d63686172ULL;

// Relative weights of the feature kinds: word pairs carry phrases ("data engineer" versus "data
// analyst"); character 4/5-grams (with '<' and '>' marking the word's ends) make inflections meet
// ("developer", "developers", "Entwickler", "Entwicklerin"). 3-grams were tried and dropped: on the
// role test in tests/unit/embed_test.cpp they tie too many unrelated words ("shift"/"shipping"),
// precision@4 0.79 against 0.84 with 4/5-grams.
constexpr float kPairWeight = 0.8F;
constexpr float kCharWeight = 0.8F;
constexpr std::size_t kMinCharWordLength = 4;  // shorter words are their own best feature

// The title's share of the vector (squared weights add to 1): about half of the similarity of two
// postings comes from their titles, the rest from their descriptions.
constexpr float kTitleShare = 0.7F;
constexpr float kDescriptionShare = 0.714F;

// Texts longer than this are cut: a posting is a few KB; the cap bounds the work on odd input.
constexpr std::size_t kMaxTextBytes = 64 * 1024;

using Vector = std::array<float, kHashedDim>;

// Signed feature hashing: low bits pick the dimension, a high bit the sign.
void add_feature(Vector& v, std::uint64_t hash, float weight) {
  const float sign = ((hash >> 40) & 1U) != 0 ? -1.0F : 1.0F;
  v[hash & (kHashedDim - 1)] += sign * weight;
}

// Sublinear term frequency over weighted mentions: the tenth mention of "python" adds less than the
// first; a mention in a boilerplate sentence counts a quarter.
float sublinear(float mentions) { return mentions >= 1.0F ? 1.0F + std::log(mentions) : mentions; }

bool is_content_word(std::string_view word) {
  if (word.size() < 2) return false;
  if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return !is_generic_word(word) && !is_boilerplate_cue(word);
}

void add_char_ngrams(Vector& v, std::string_view word, float weight) {
  if (word.size() < kMinCharWordLength) return;
  std::string padded;
  padded.reserve(word.size() + 2);
  padded += '<';
  padded.append(word);
  padded += '>';
  for (std::size_t n = 4; n <= 5; ++n) {
    for (std::size_t i = 0; i + n <= padded.size(); ++i) {
      add_feature(v, XXH3_64bits_withSeed(padded.data() + i, n, kCharSeed), weight * kCharWeight);
    }
  }
}

// Adds one text's features to `v`, then scales `v` to unit length (when it is not empty).
void embed_section(std::string_view raw, Vector& v) {
  if (raw.size() > kMaxTextBytes) raw = raw.substr(0, kMaxTextBytes);
  std::string sanitized;
  if (!text::is_valid_utf8(raw)) {
    sanitized = text::sanitize_utf8(raw);
    raw = sanitized;
  }
  const text::TokenizedText tokens = text::tokenize(raw);

  // The weight of each sentence: boilerplate sentences count less.
  std::vector<float> sentence_weight(tokens.sentences.size(), 1.0F);
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (is_boilerplate_cue(tokens.folded_token(i)))
      sentence_weight[tokens.tokens[i].sentence] = kBoilerplateWeight;
  }

  // Content words and the pairs of neighbouring content words in one sentence and clause, each with
  // the weight of its sentence.
  struct Mention {
    std::uint64_t key;
    std::string_view word;  // empty for pairs
    float weight;
  };
  std::vector<Mention> words;
  std::vector<Mention> pairs;
  words.reserve(tokens.tokens.size());
  std::string_view previous;
  std::uint32_t previous_sentence = 0;
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
    const std::string_view word = tokens.folded_token(i);
    const text::Token& token = tokens.tokens[i];
    if (!is_content_word(word)) continue;
    const float weight = sentence_weight[token.sentence];
    words.push_back({XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed), word, weight});
    if (!previous.empty() && previous_sentence == token.sentence && !token.after_comma) {
      const std::uint64_t first = XXH3_64bits_withSeed(previous.data(), previous.size(), kPairSeed);
      pairs.push_back({XXH3_64bits_withSeed(word.data(), word.size(), first), {}, weight * kPairWeight});
    }
    previous = word;
    previous_sentence = token.sentence;
  }

  // Grouped by sorting, so the order of additions (and so the float sums) is the same everywhere.
  // Ties broken by weight: equal mentions in any order sum to the same float.
  const auto by_key = [](const Mention& a, const Mention& b) {
    return a.key != b.key ? a.key < b.key : a.weight < b.weight;
  };
  for (std::vector<Mention>* mentions : {&words, &pairs}) {
    std::sort(mentions->begin(), mentions->end(), by_key);
    for (std::size_t i = 0; i < mentions->size();) {
      std::size_t j = i;
      float total = 0;
      while (j < mentions->size() && (*mentions)[j].key == (*mentions)[i].key) {
        total += (*mentions)[j].weight;
        ++j;
      }
      const float unit = mentions == &pairs ? kPairWeight : 1.0F;  // the weight of one full mention
      const float weight = unit * sublinear(total / unit);
      add_feature(v, (*mentions)[i].key, weight);
      if (!(*mentions)[i].word.empty()) add_char_ngrams(v, (*mentions)[i].word, weight);
      i = j;
    }
  }

  const float norm = std::sqrt(dot(v.data(), v.data(), kHashedDim));
  if (norm > 0.0F) {
    for (float& x : v) x /= norm;
  }
}

}  // namespace

std::vector<float> embed_posting(std::string_view title, std::string_view description) {
  Vector title_vector{};
  Vector description_vector{};
  embed_section(title, title_vector);
  embed_section(description, description_vector);
  std::vector<float> result(kHashedDim);
  for (std::size_t i = 0; i < kHashedDim; ++i) {
    result[i] = kTitleShare * title_vector[i] + kDescriptionShare * description_vector[i];
  }
  // The two parts are not orthogonal, so the mix is scaled back to unit length.
  const float norm = std::sqrt(dot(result.data(), result.data(), kHashedDim));
  if (norm > 0.0F) {
    for (float& x : result) x /= norm;
  }
  return result;
}

std::vector<float> embed_text(std::string_view title_newline_description) {
  const std::size_t newline = title_newline_description.find('\n');
  if (newline == std::string_view::npos) return embed_posting(title_newline_description, {});
  return embed_posting(title_newline_description.substr(0, newline),
                       title_newline_description.substr(newline + 1));
}

float dot(const float* a, const float* b, std::size_t n) {
  float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t lane = 0; lane < 8; ++lane) partial[lane] += a[i + lane] * b[i + lane];
  }
  float sum = ((partial[0] + partial[4]) + (partial[1] + partial[5])) +
              ((partial[2] + partial[6]) + (partial[3] + partial[7]));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace joblens::embed
