// Applications and jobs as export pages (JSON rows or CSV text) and back from imported rows.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "native-host/storage/sqlite.hpp"
#include "native-host/transfer/csv.hpp"

namespace joblens::host::transfer {

struct ExportRequest {
  std::string format;  // json, csv
  std::string what;    // applications, jobs, profile (json only)
  std::int64_t limit = 100;
  std::string after;  // the previous page's last id; empty for the first page (CSV adds its header)
};

Result<ExportRequest> read_export_request(const nlohmann::json& args);

struct ExportPage {
  nlohmann::json data;  // an array of rows (json) or a string (csv)
  std::optional<std::string> next_after;
};

// At most `limit` rows, and fewer when the page nears the frame limit.
Result<ExportPage> export_page(storage::Database& db, const ExportRequest& request);

// CSV rows (first row: the header) to JSON rows with the export's column names.
Result<nlohmann::json> csv_to_rows(const std::vector<CsvRow>& rows, const std::string& what);

// Inserts or merges rows inside the caller's transaction; returns how many were taken. An
// application already stored with the same or a newer updated_at is kept whole (last writer wins).
Result<int> import_rows(storage::Database& db, const std::string& what, const nlohmann::json& rows,
                        std::int64_t now);

}  // namespace joblens::host::transfer
