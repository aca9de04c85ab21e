// sqlite_db's statement cache: a statement reused for its SQL starts clean (reset, no old
// bindings), the same SQL can be open twice at once, and a failed step leaves it reusable.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/journal_error.hpp"
#include "store/sqlite_db.hpp"
#include "temp_dir.hpp"

namespace tb::host {
namespace {

sqlite_db numbers_db(const test::temp_dir& dir) {
  auto db = sqlite_db::open((dir.path() / "t.db").string(), sqlite_db::access::create);
  db.exec("CREATE TABLE n(v INTEGER NOT NULL UNIQUE, note TEXT)");
  return db;
}

TEST(sqlite_db, a_reused_statement_starts_without_the_last_bindings_or_rows) {
  test::temp_dir dir;
  auto db = numbers_db(dir);
  for (std::int64_t v = 1; v <= 3; ++v) {
    statement insert(db, "INSERT INTO n(v, note) VALUES (?, ?)");
    insert.bind(1, v);
    if (v == 1) insert.bind(2, std::string_view("first"));  // later rows leave it unbound
    insert.run();
  }
  statement count(db, "SELECT COUNT(*), COUNT(note) FROM n");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.integer(0), 3);
  EXPECT_EQ(count.integer(1), 1);  // the binding of the first use did not carry over
  for (int round = 0; round < 2; ++round) {
    statement first(db, "SELECT v FROM n ORDER BY v");
    ASSERT_TRUE(first.step());  // a fresh start, not the row after the last use's
    EXPECT_EQ(first.integer(0), 1);
  }
}

TEST(sqlite_db, the_same_sql_can_be_open_twice_at_once) {
  test::temp_dir dir;
  auto db = numbers_db(dir);
  db.exec("INSERT INTO n(v) VALUES (1), (2)");
  statement outer(db, "SELECT v FROM n ORDER BY v");
  ASSERT_TRUE(outer.step());
  {
    statement inner(db, "SELECT v FROM n ORDER BY v");
    ASSERT_TRUE(inner.step());
    ASSERT_TRUE(inner.step());
    EXPECT_EQ(inner.integer(0), 2);
  }
  EXPECT_EQ(outer.integer(0), 1);
  ASSERT_TRUE(outer.step());
  EXPECT_EQ(outer.integer(0), 2);
}

TEST(sqlite_db, a_statement_that_failed_is_reusable) {
  test::temp_dir dir;
  auto db = numbers_db(dir);
  const char* sql = "INSERT INTO n(v) VALUES (?)";
  statement(db, sql).bind(1, std::int64_t{5}).run();
  EXPECT_THROW(statement(db, sql).bind(1, std::int64_t{5}).run(), journal_error);  // UNIQUE
  statement(db, sql).bind(1, std::int64_t{6}).run();
  EXPECT_EQ(db.query_integer("SELECT COUNT(*) FROM n"), 2);
}

TEST(sqlite_db, a_moved_connection_keeps_working_with_its_cached_statements) {
  test::temp_dir dir;
  auto db = numbers_db(dir);
  statement(db, "INSERT INTO n(v) VALUES (?)").bind(1, std::int64_t{1}).run();
  sqlite_db moved = std::move(db);
  statement(moved, "INSERT INTO n(v) VALUES (?)").bind(1, std::int64_t{2}).run();
  EXPECT_EQ(moved.query_integer("SELECT SUM(v) FROM n"), 3);
}

}  // namespace
}  // namespace tb::host
