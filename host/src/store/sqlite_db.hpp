#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace tb::host {

// A thin owner of one SQLite connection; the only place (with sqlite_db.cpp) that includes
// sqlite3.h. Every failure throws journal_error: "trade journal <path>: <what>: <SQLite's
// message>". Not thread-safe: trade_journal serializes its use.
//
// Prepared statements are kept by their SQL text and reused: preparing costs more than most
// of the journal's statements take to run (a backtest writes thousands of them).
class sqlite_db {
 public:
  enum class access { read_only, read_write, create };

  // Opens `path`; read_only and read_write require the file to exist, create makes it.
  static sqlite_db open(const std::string& path, access how);

  sqlite_db(sqlite_db&& other) noexcept;
  sqlite_db& operator=(sqlite_db&& other) noexcept;
  sqlite_db(const sqlite_db&) = delete;
  sqlite_db& operator=(const sqlite_db&) = delete;
  ~sqlite_db();

  // A private in-memory database holding a copy of `source` (SQLite's backup API); its
  // messages still name source's file. Connection settings (foreign keys) are not copied.
  static sqlite_db copy_into_memory(const sqlite_db& source);
  // Writes this whole database over the one in the file at `path`, which must exist.
  void copy_to(const std::string& path);

  // Runs one or more statements that return no rows of interest.
  void exec(std::string_view sql);
  // The first column of the first row of `sql` as text (empty when there is no row).
  std::string query_text(std::string_view sql);
  std::int64_t query_integer(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const noexcept;
  std::int64_t last_insert_id() const noexcept;

  const std::string& path() const noexcept { return path_; }
  sqlite3* handle() const noexcept { return db_; }
  // Throws journal_error naming the file, `what` and SQLite's latest message.
  [[noreturn]] void fail(std::string_view what) const;
  // SQLite's latest error: its message, and whether it said the file is not a database or
  // is corrupt.
  std::string last_error_message() const;
  bool last_error_is_not_a_database() const noexcept;
  bool last_error_is_corrupt() const noexcept;

 private:
  friend class statement;
  sqlite_db(sqlite3* db, std::string path) noexcept : db_(db), path_(std::move(path)) {}
  void close() noexcept;
  // A prepared statement for `sql`, from the cache when one is idle there.
  sqlite3_stmt* prepare(const std::string& sql);
  // Resets `stmt` and keeps it for the next use of `sql` (or finalizes it).
  void release(std::string&& sql, sqlite3_stmt* stmt) noexcept;

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_;  // SQL text -> a reset statement
};

// One prepared statement, borrowed from its connection's cache for its lifetime. Bind indexes
// start at 1, column indexes at 0.
class statement {
 public:
  statement(sqlite_db& db, std::string_view sql);
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement();

  statement& bind(int index, std::string_view text);
  statement& bind(int index, std::int64_t value);
  // NULL when unset.
  statement& bind_nullable(int index, const std::optional<std::string>& text);
  statement& bind_nullable(int index, const std::optional<std::int64_t>& value);

  // Advances to the next row: true when there is one, false when done.
  bool step();
  // Steps a statement that returns no rows.
  void run();

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  sqlite_db& db_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() ran.
class transaction {
 public:
  explicit transaction(sqlite_db& db);
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction();
  void commit();

 private:
  sqlite_db& db_;
  bool done_ = false;
};

}  // namespace tb::host
