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

sqlite_db::sqlite_db(sqlite_db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

sqlite_db& sqlite_db::operator=(sqlite_db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

sqlite_db::~sqlite_db() { sqlite3_close_v2(db_); }

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

statement::statement(sqlite_db& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_,
                         nullptr) != SQLITE_OK) {
    db.fail("prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
}

statement::~statement() { sqlite3_finalize(stmt_); }

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
