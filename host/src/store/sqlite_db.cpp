#include "store/sqlite_db.hpp"

#include <sqlite3.h>

#include <utility>

#include "store/journal_error.hpp"

namespace tb::host {

sqlite_db sqlite_db::open(const std::string& path, access how) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (how) {
    case access::read_only: flags |= SQLITE_OPEN_READONLY; break;
    case access::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case access::create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  sqlite_db owner(db, path);
  if (rc != SQLITE_OK) {
    owner.fail(db == nullptr ? "open (out of memory)" : "open");
  }
  sqlite3_extended_result_codes(db, 1);
  return owner;
}

namespace {

// Copies every page of `from` into `to` (both "main"); false when SQLite refused.
bool copy_database(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return false;
  const int step = sqlite3_backup_step(backup, -1);
  const int finish = sqlite3_backup_finish(backup);
  return step == SQLITE_DONE && finish == SQLITE_OK;
}

}  // namespace

sqlite_db sqlite_db::copy_into_memory(const sqlite_db& source) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite_db owner(db, source.path_);
  if (rc != SQLITE_OK) owner.fail("open in memory");
  sqlite3_extended_result_codes(db, 1);
  if (!copy_database(source.db_, db)) owner.fail("copy into memory");
  return owner;
}

void sqlite_db::copy_to(const std::string& path) {
  sqlite_db file = open(path, access::read_write);
  if (!copy_database(db_, file.db_)) file.fail("write from memory");
}

sqlite_db::sqlite_db(sqlite_db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      idle_(std::move(other.idle_)) {
  other.idle_.clear();
}

sqlite_db& sqlite_db::operator=(sqlite_db&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    idle_ = std::move(other.idle_);
    other.idle_.clear();
  }
  return *this;
}

sqlite_db::~sqlite_db() { close(); }

void sqlite_db::close() noexcept {
  for (const auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  idle_.clear();
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

sqlite3_stmt* sqlite_db::prepare(const std::string& sql) {
  if (const auto it = idle_.find(sql); it != idle_.end() && it->second != nullptr) {
    return std::exchange(it->second, nullptr);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    fail("prepare '" + sql.substr(0, 60) + "'");
  }
  return stmt;
}

void sqlite_db::release(std::string&& sql, sqlite3_stmt* stmt) noexcept {
  if (stmt == nullptr) return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  try {
    sqlite3_stmt*& slot = idle_[std::move(sql)];
    if (slot == nullptr) {
      slot = stmt;
      return;
    }
  } catch (...) {
    // No memory to keep it: finalize below.
  }
  sqlite3_finalize(stmt);  // the same SQL is idle already (it was used nested)
}

void sqlite_db::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail("'" + text.substr(0, 60) + "'");
  }
}

std::string sqlite_db::query_text(std::string_view sql) {
  statement s(*this, sql);
  return s.step() ? s.text(0) : std::string();
}

std::int64_t sqlite_db::query_integer(std::string_view sql) {
  statement s(*this, sql);
  return s.step() ? s.integer(0) : 0;
}

int sqlite_db::changes() const noexcept { return sqlite3_changes(db_); }

std::int64_t sqlite_db::last_insert_id() const noexcept { return sqlite3_last_insert_rowid(db_); }

void sqlite_db::fail(std::string_view what) const {
  const char* message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  throw journal_error("trade journal " + path_ + ": " + std::string(what) + ": " + message);
}

std::string sqlite_db::last_error_message() const {
  return db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
}

bool sqlite_db::last_error_is_corrupt() const noexcept {
  return db_ != nullptr && (sqlite3_errcode(db_) & 0xff) == SQLITE_CORRUPT;
}

bool sqlite_db::last_error_is_not_a_database() const noexcept {
  return db_ != nullptr && (sqlite3_errcode(db_) & 0xff) == SQLITE_NOTADB;
}

statement::statement(sqlite_db& db, std::string_view sql)
    : db_(db), sql_(sql), stmt_(db.prepare(sql_)) {}

statement::~statement() { db_.release(std::move(sql_), stmt_); }

statement& statement::bind(int index, std::string_view text) {
  // A default-constructed string_view has no data pointer, which SQLite would bind as NULL.
  if (sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "", static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    db_.fail("bind");
  }
  return *this;
}

statement& statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail("bind");
  return *this;
}

statement& statement::bind_nullable(int index, const std::optional<std::string>& text) {
  if (text) return bind(index, std::string_view(*text));
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind");
  return *this;
}

statement& statement::bind_nullable(int index, const std::optional<std::int64_t>& value) {
  if (value) return bind(index, *value);
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind");
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(std::string("'") + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "'");
}

void statement::run() {
  while (step()) {
  }
}

std::string statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> statement::optional_text(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return text(column);
}

std::int64_t statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> statement::optional_integer(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return integer(column);
}

transaction::transaction(sqlite_db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

transaction::~transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace tb::host
