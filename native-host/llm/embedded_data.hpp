// The LLM layer's data files, compiled into the host (native-host/CMakeLists.txt, cmake/EmbedData.cmake):
// the prompt templates of prompts/*.json and prices.json, sorted by file name.
#pragma once

#include <span>

#include "shared/data/embedded_file.hpp"

namespace joblens::data {

std::span<const EmbeddedFile> llm_files();

}  // namespace joblens::data
