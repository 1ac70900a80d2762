// export / import (JSON and CSV) and backup (SQLite's online backup API). Exports are paged so that
// no reply frame passes 1 MiB; the command line (`joblens-host export`) follows the pages to a file.
#include <filesystem>

#include "native-host/dispatch/dispatcher.hpp"
#include "native-host/handlers/application_rows.hpp"
#include "native-host/handlers/job_rows.hpp"
#include "native-host/handlers/profile_store.hpp"
#include "native-host/storage/rows.hpp"
#include "native-host/transfer/csv.hpp"
#include "native-host/transfer/table_io.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

Result<json> export_data(Context& context, const json& args) {
  auto request = transfer::read_export_request(args);
  if (!request) return request.error();
  if (request->what == "profile") {
    auto stored = load_profile(context.db);
    if (!stored) return stored.error();
    return json{{"format", "json"}, {"what", "profile"}, {"data", stored->data}, {"next_after", nullptr}};
  }
  auto page = transfer::export_page(context.db, *request);
  if (!page) return page.error();
  return json{{"format", request->format},
              {"what", request->what},
              {"data", page->data},
              {"next_after", page->next_after ? json(*page->next_after) : json()}};
}

Result<json> import_data(Context& context, const json& args) {
  const std::string format = args.at("format").get<std::string>();
  const std::string what = args.at("what").get<std::string>();
  const json& data = args.at("data");
  json rows;
  if (format == "csv") {
    if (!data.is_string()) return make_error(ErrorCode::wrong_type, "import: CSV data must be a string");
    auto parsed = transfer::parse_csv(data.get<std::string>());
    if (!parsed) return parsed.error();
    auto table = transfer::csv_to_rows(*parsed, what);
    if (!table) return table.error();
    rows = std::move(*table);
  } else if (format == "json") {
    if (!data.is_array())
      return make_error(ErrorCode::wrong_type, "import: JSON data must be an array of rows");
    rows = data;
  } else {
    return make_error(ErrorCode::invalid_value, "import: format must be json or csv");
  }
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  const std::int64_t now = context.now_ms();
  auto imported = transfer::import_rows(context.db, what, rows, now);
  if (!imported) return imported.error();
  if (auto error = storage::record_event(context.db, now, "import", {{"what", what}, {"rows", *imported}})) {
    return *error;
  }
  if (auto error = (*tx)->commit()) return *error;
  return json{{"imported", *imported}};
}

// A consistent copy of the live database, taken while other hosts may be writing (the backup API
// restarts a step when the source changes under it).
Result<json> backup(Context& context, const json& args) {
  const std::string path = args.at("path").get<std::string>();
  std::error_code ec;
  if (!std::filesystem::path(path).is_absolute()) {
    return make_error(ErrorCode::invalid_value, "backup: args.path must be an absolute path");
  }
  if (!std::filesystem::is_directory(std::filesystem::path(path).parent_path(), ec)) {
    return make_error(ErrorCode::io_error, "backup: the folder of " + path + " does not exist");
  }
  if (std::filesystem::exists(path, ec) && !args.value("overwrite", false)) {
    return make_error(ErrorCode::invalid_value,
                      "backup: " + path + " exists; pass overwrite: true to replace it");
  }
  int rc = SQLITE_OK;
  int pages = 0;
  {
    sqlite3* raw_target = nullptr;
    rc = sqlite3_open_v2(path.c_str(), &raw_target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> target(raw_target, sqlite3_close_v2);
    if (rc != SQLITE_OK) return storage::sqlite_error(raw_target, rc, "backup: opening " + path);
    std::unique_ptr<sqlite3_backup, int (*)(sqlite3_backup*)> copy(
        sqlite3_backup_init(raw_target, "main", context.db.handle(), "main"), sqlite3_backup_finish);
    if (!copy) return storage::sqlite_error(raw_target, sqlite3_errcode(raw_target), "backup");
    do {
      rc = sqlite3_backup_step(copy.get(), 256);  // pages per step: the source is locked only briefly
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    pages = sqlite3_backup_pagecount(copy.get());
    copy.reset();
    if (rc != SQLITE_DONE) return storage::sqlite_error(raw_target, rc, "backup");
  }
  return json{{"path", path}, {"pages", pages}, {"bytes", std::filesystem::file_size(path, ec)}};
}

constexpr ArgSpec kExportArgs[] = {{"format", Kind::string, true},
                                   {"what", Kind::string, true},
                                   {"limit", Kind::integer},
                                   {"after", Kind::string}};
constexpr ArgSpec kImportArgs[] = {
    {"format", Kind::string, true}, {"what", Kind::string, true}, {"data", Kind::any, true}};
constexpr ArgSpec kBackupArgs[] = {{"path", Kind::string, true}, {"overwrite", Kind::boolean}};

constexpr Route kRoutes[] = {
    {"export", export_data, kExportArgs, "a page of applications or jobs as JSON or CSV, or the profile"},
    {"import", import_data, kImportArgs, "applications or jobs from JSON or CSV (all or none)"},
    {"backup", backup, kBackupArgs, "a consistent copy of the database to a file"},
};

}  // namespace

std::span<const Route> transfer_routes() { return kRoutes; }

}  // namespace joblens::host
