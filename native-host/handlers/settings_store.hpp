// Settings that must not stay in the settings table.
#pragma once

#include <optional>

#include "native-host/llm/service.hpp"
#include "native-host/storage/sqlite.hpp"

namespace joblens::host {

// Earlier versions kept the AI settings (API keys included) in the settings table, which exports
// and backups copy. At start-up they move into llm.json (mode 0600) and leave the table; providers
// already in the file win.
std::optional<Error> move_llm_settings_out_of_table(storage::Database& db, llm::LlmService& llm);

}  // namespace joblens::host
