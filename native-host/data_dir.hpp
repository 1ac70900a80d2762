// Where the host keeps its database: --data-dir, else $JOBLENS_DATA_DIR, else
// $XDG_DATA_HOME/joblens, else ~/.local/share/joblens (the XDG base directory default).
#pragma once

#include <optional>
#include <string>

#include "shared/wire/error.hpp"

namespace joblens::host {

std::string default_data_dir();
// Creates the directory (mode 0700: it holds the person's job search) and returns the database path.
Result<std::string> prepare_database_path(const std::string& data_dir);

}  // namespace joblens::host
