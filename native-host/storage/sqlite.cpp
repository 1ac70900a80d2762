#include "native-host/storage/sqlite.hpp"

#include <chrono>
#include <thread>

namespace joblens::host::storage {

Error sqlite_error(sqlite3* db, int rc, std::string_view doing) {
  const int primary = rc & 0xff;
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = std::string(doing) + ": " + (detail != nullptr ? detail : sqlite3_errstr(rc));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return make_error(ErrorCode::storage_busy, message);
  if (primary == SQLITE_PERM || primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN) {
    return make_error(ErrorCode::permission_denied, message);
  }
  return make_error(ErrorCode::storage, message);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_.get(), index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_.get(), index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind_view(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t bytes) {
  const int rc = sqlite3_bind_blob64(stmt_.get(), index, data, bytes, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  const int rc = sqlite3_bind_null(stmt_.get(), index);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Statement::step() {
  sqlite3* db = sqlite3_db_handle(stmt_.get());
  if (bind_error_ != SQLITE_OK) return sqlite_error(db, bind_error_, "binding a value");
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db, rc, "running a statement");
}

std::optional<Error> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return std::nullopt;
  }
}

Result<std::vector<std::string>> Statement::all_texts(int column) {
  std::vector<std::string> texts;
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return texts;
    texts.push_back(text(column));
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_.get(), column); }

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  return data != nullptr ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::string_view Statement::blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_.get(), column);
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  if (data == nullptr || size <= 0) return {};
  return std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_error_ = SQLITE_OK;
}

Result<Database> Database::open(const std::string& path, const Options& options) {
  Database db;
  db.path_ = path;
  sqlite3* raw = nullptr;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  db.db_.reset(raw);  // owned even when opening failed: sqlite3_open_v2 may still allocate
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, "opening " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  // WAL lets readers and one writer work at once (two browsers, two hosts). synchronous=NORMAL: a
  // commit survives the host being killed; a power cut may roll back the last commits but never
  // corrupts the file (docs/host.md#storage); FULL would add an fsync to every write message.
  const char* pragmas = options.read_only
                            ? "PRAGMA foreign_keys=ON;"
                            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
  // Turning a new file to WAL can answer SQLITE_BUSY at once, without the busy handler's wait, while
  // another connection turns the same file to WAL: two hosts starting together on a new data dir got
  // 'database is locked' (tests/host/storage_test.cpp). Retried for as long as the busy timeout allows.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
  while (auto error = db.exec(pragmas)) {
    if (error->code != ErrorCode::storage_busy || std::chrono::steady_clock::now() >= deadline) return *error;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!options.read_only) sqlite3_wal_hook(raw, &Database::on_wal_commit, db.wal_.get());
  return db;
}

int Database::on_wal_commit(void* state, sqlite3* db, const char* name, int frames) {
  auto* wal = static_cast<WalState*>(state);
  wal->frames = frames;
  if (frames >= kCheckpointBackstopFrames) {
    int log = 0, copied = 0;
    if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK) {
      wal->frames = log - copied;
    }
  }
  return SQLITE_OK;  // a checkpoint that could not run (another reader) is retried later
}

void Database::checkpoint_if_due(int min_frames) {
  if (wal_->frames < min_frames) return;
  int log = 0, copied = 0;
  if (sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK) {
    wal_->frames = log - copied;
  }
}

Result<StatementUse> Database::prepare(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found != statements_.end()) return StatementUse(found->second.get());
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  auto statement = std::make_unique<Statement>(raw);
  if (rc != SQLITE_OK) return sqlite_error(db_.get(), rc, "preparing a statement");
  Statement* result = statement.get();
  statements_.emplace(std::string(sql), std::move(statement));
  return StatementUse(result);
}

std::optional<Error> Database::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return std::nullopt;
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  Error error = sqlite_error(nullptr, rc, "running SQL");
  error.message += " (" + text + ")";
  return error;
}

Result<std::unique_ptr<Transaction>> Transaction::begin(Database& db) {
  auto begin = db.prepare("BEGIN IMMEDIATE");
  if (!begin) return begin.error();
  if (auto error = (*begin)->run()) return *error;
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction() {
  if (done_) return;
  if (auto rollback = db_.prepare("ROLLBACK")) (void)(*rollback)->run();
}

std::optional<Error> Transaction::commit() {
  auto commit = db_.prepare("COMMIT");
  if (!commit) return commit.error();
  if (auto error = (*commit)->run()) return error;
  done_ = true;
  return std::nullopt;
}

}  // namespace joblens::host::storage
