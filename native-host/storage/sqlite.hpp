// A thin RAII layer over the system SQLite: one owner per sqlite3* and sqlite3_stmt*, results as
// values, prepared statements only (cached per connection), and transactions that roll back unless
// committed. No exceptions: the message loop must never see one.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::storage {

// Maps an SQLite result code to ours: SQLITE_BUSY/LOCKED after the busy timeout is storage_busy.
Error sqlite_error(sqlite3* db, int rc, std::string_view doing);

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}

  // Binds by 1-based position; strings are copied by SQLite (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullptr_t);
  // Binds bytes as a BLOB, copied by SQLite (SQLITE_TRANSIENT): stored vectors (similar jobs).
  Statement& bind_blob(int index, const void* data, std::size_t bytes);
  // Binds without a copy (SQLITE_STATIC): the caller keeps `value` alive until the statement is
  // reset. For large texts on hot paths (job descriptions).
  Statement& bind_view(int index, std::string_view value);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }

  // Steps once: true with a row, false when done.
  Result<bool> step();
  // Steps to completion (for statements that return no rows).
  std::optional<Error> run();
  // Steps to completion, collecting one text column of every row (ids for a page of a list).
  Result<std::vector<std::string>> all_texts(int column = 0);

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  // A BLOB column's bytes, valid until the next step, reset or column read of this statement.
  std::string_view blob(int column) const;

  // Clears bindings and rewinds, so the cached statement can be reused.
  void reset();

  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  int bind_error_ = SQLITE_OK;
};

// A cached statement in use: reset when the use ends, so that no half-stepped statement keeps a
// read transaction open between messages (which would pin the WAL and hide other hosts' writes).
class StatementUse {
 public:
  explicit StatementUse(Statement* statement) : statement_(statement) {}
  StatementUse(StatementUse&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}
  StatementUse& operator=(StatementUse&&) = delete;
  StatementUse(const StatementUse&) = delete;
  ~StatementUse() {
    if (statement_ != nullptr) statement_->reset();
  }
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

class Database {
 public:
  struct Options {
    int busy_timeout_ms = 10000;
    bool read_only = false;
  };

  // Opens (creating it if needed) in WAL mode with foreign keys on.
  static Result<Database> open(const std::string& path, const Options& options);
  static Result<Database> open(const std::string& path) { return open(path, Options{}); }

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;

  // A cached prepared statement, ready to bind. Callers must not hold two uses of the same SQL at once.
  Result<StatementUse> prepare(std::string_view sql);
  // Runs SQL text without parameters (schema, pragmas); never used for values.
  std::optional<Error> exec(std::string_view sql);

  // WAL checkpoints (copying the log back into the database file) are moved off the write path: a
  // commit only counts the log's frames, and checkpoint_if_due() runs a passive checkpoint once
  // `min_frames` have built up, called by the host when no message is waiting. Past
  // kCheckpointBackstopFrames a commit checkpoints at once, so the log stays bounded without idle time.
  static constexpr int kCheckpointBackstopFrames = 8192;  // 32 MiB at 4 KiB pages
  void checkpoint_if_due(int min_frames);
  int wal_frames() const { return wal_->frames; }

  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
  int changes() const { return sqlite3_changes(db_.get()); }

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  Database() = default;

  struct WalState {
    int frames = 0;  // in the log since the last checkpoint, as the last commit reported
  };
  static int on_wal_commit(void* state, sqlite3* db, const char* name, int frames);

  // Statements are declared after the connection so that they are finalized first.
  std::unique_ptr<sqlite3, Close> db_;
  std::unique_ptr<WalState> wal_ = std::make_unique<WalState>();  // on the heap: the hook keeps its address
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  std::string path_;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so two hosts queue on the busy
// timeout instead of failing mid-transaction); ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> begin(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  std::optional<Error> commit();

 private:
  explicit Transaction(Database& db) : db_(db) {}
  Database& db_;
  bool done_ = false;
};

}  // namespace joblens::host::storage
