// Word lists of the hashed embedding, as lookups over folded words (sorted constant data).
#pragma once

#include <string_view>

#include "shared/embed/hashed_embedding.hpp"  // is_generic_word: function words and job-ad words

namespace joblens::embed {

// Words of company and benefits paragraphs ("holiday", "pension", "employer"): a sentence with one
// counts a quarter, and the word itself is not a feature.
bool is_boilerplate_cue(std::string_view folded_word);

}  // namespace joblens::embed
