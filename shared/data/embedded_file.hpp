// A data file compiled into the core (see cmake/EmbedData.cmake).
#pragma once

#include <span>
#include <string_view>

namespace joblens::data {

struct EmbeddedFile {
  std::string_view name;     // file name, e.g. "software.txt"
  std::string_view content;  // the file's bytes
};

// The skills taxonomy files of shared/data/skills/, sorted by name.
std::span<const EmbeddedFile> skill_files();

}  // namespace joblens::data
