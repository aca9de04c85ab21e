// trade_journal::open: import of an existing trades.json, and journals it must refuse.
#include <filesystem>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "journal_fixtures.hpp"
#include "store/journal_schema.hpp"
#include "store/sqlite_db.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;
using namespace journal_test;
namespace fs = std::filesystem;

const char* const good_trades_json = R"({"version": 1, "trades": [
  {"id": 7, "intent_id": 3, "symbol": "BTCUSDT", "side": "long", "status": "closed",
   "quantity": "0.010", "entry_price": "27150.10", "exit_price": "27650.30",
   "realized_pnl": "5.002", "fees": "0.21", "opened_ms": 1700000000000,
   "closed_ms": 1700000600000, "exit_reason": "take_profit", "mode": "live"},
  {"symbol": "ETHUSDT", "side": "short", "status": "open", "quantity": "1.5",
   "entry_price": "2010.55", "realized_pnl": "0", "fees": "1.2", "opened_ms": 1700000700000,
   "mode": "paper"}]})";

// The message of the journal_error that opening `state` throws.
std::string open_error(const state_dir& state) {
  try {
    state.open();
  } catch (const journal_error& e) {
    return e.what();
  }
  return "opened without an error";
}

TEST(trade_journal_open, imports_trades_json_on_first_start) {
  state_dir state;
  state.dir.write("trades.json", good_trades_json);
  auto journal = state.open();
  const auto closed = journal->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].symbol, "BTCUSDT");
  EXPECT_EQ(closed[0].intent_id, std::nullopt);
  EXPECT_EQ(closed[0].exit_price, "27650.30");
  EXPECT_EQ(closed[0].reason, exit_reason::take_profit);
  EXPECT_EQ(closed[0].closed_ms, 1'700'000'600'000);
  const auto open = journal->open_trades();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].side, position_side::short_side);
  EXPECT_EQ(open[0].mode, trade_mode::paper);
  EXPECT_EQ(journal->realized_pnl_since(0), "5.002");
  // trades.json is now written by the journal, with the journal's ids.
  const auto doc = nlohmann::json::parse(test::read_file(state.json));
  EXPECT_EQ(doc["trades"][0]["id"], closed[0].id);
  EXPECT_EQ(doc["trades"][1]["entry_price"], "2010.55");
}

TEST(trade_journal_open, an_existing_journal_does_not_import_again) {
  state_dir state;
  { state.open(); }
  state.dir.write("trades.json", good_trades_json);
  auto journal = state.open();
  EXPECT_TRUE(journal->open_trades().empty());
  EXPECT_TRUE(journal->closed_trades(0).empty());
  EXPECT_TRUE(nlohmann::json::parse(test::read_file(state.json))["trades"].empty());
}

TEST(trade_journal_open, a_bad_entry_imports_nothing_and_creates_no_journal) {
  state_dir state;
  auto doc = nlohmann::json::parse(good_trades_json);
  doc["trades"][1]["entry_price"] = 2010.55;  // a JSON number is not exact
  state.dir.write("trades.json", doc.dump());
  const std::string before = test::read_file(state.json);

  const auto message = open_error(state);
  EXPECT_THAT(message, HasSubstr(state.json));
  EXPECT_THAT(message, HasSubstr("trades[1].entry_price"));
  EXPECT_THAT(message, HasSubstr("nothing was imported"));
  EXPECT_FALSE(fs::exists(state.db));
  EXPECT_EQ(test::read_file(state.json), before);
  for (const auto& e : fs::directory_iterator(state.dir.path())) {
    EXPECT_EQ(e.path().filename(), "trades.json");
  }
  // Once the file is corrected, the import succeeds in full.
  state.dir.write("trades.json", good_trades_json);
  EXPECT_EQ(state.open()->open_trades().size(), 1u);
}

TEST(trade_journal_open, an_unreadable_trades_json_stops_start_up) {
  state_dir state;
  state.dir.write("trades.json", "{\"version\": 1, \"trades\": [");
  EXPECT_THAT(open_error(state), HasSubstr("is not valid JSON"));
  EXPECT_EQ(test::read_file(state.json), "{\"version\": 1, \"trades\": [");
  fs::remove(state.json);
  fs::create_directory(state.json);
  EXPECT_THAT(open_error(state), HasSubstr("cannot be read (Is a directory)"));
  EXPECT_FALSE(fs::exists(state.db));
}

// Opening must fail with `expected` in the message, naming the file, and leave it as it was.
void expect_refused(const state_dir& state, const std::string& expected) {
  const std::string before = test::read_file(state.db);
  const auto message = open_error(state);
  EXPECT_THAT(message, HasSubstr("trade journal " + state.db + ": "));
  EXPECT_THAT(message, HasSubstr(expected));
  EXPECT_THAT(message, HasSubstr("left as it is"));
  EXPECT_TRUE(test::read_file(state.db) == before) << "the journal was modified";
  EXPECT_FALSE(fs::exists(state.json)) << "start-up went on to write trades.json";
}

TEST(trade_journal_open, refuses_a_file_of_random_bytes) {
  state_dir state;
  const auto seed = std::random_device{}();
  std::mt19937 random(seed);
  std::string bytes(8192, '\0');
  for (auto& b : bytes) b = static_cast<char>(random() & 0xff);
  state.dir.write("journal.db", bytes);
  SCOPED_TRACE("seed " + std::to_string(seed));
  expect_refused(state, "is not a SQLite database");
}

// A journal with enough rows to span many pages, closed cleanly (no -wal left).
void fill_journal(const state_dir& state) {
  auto journal = state.open();
  for (int i = 0; i < 300; ++i) {
    const auto id = journal->record_intent(sample_intent("tb-" + std::to_string(i)));
    journal->record_order(sample_order(id, "tb-" + std::to_string(i) + "-entry"));
  }
  journal.reset();
  fs::remove(state.json);
}

TEST(trade_journal_open, refuses_a_truncated_journal) {
  state_dir state;
  fill_journal(state);
  const auto size = fs::file_size(state.db);
  ASSERT_GT(size, 16'384u);
  fs::resize_file(state.db, size / 2);
  expect_refused(state, "is corrupt");
}

TEST(trade_journal_open, refuses_a_journal_with_damaged_pages) {
  state_dir state;
  fill_journal(state);
  std::string bytes = test::read_file(state.db);
  ASSERT_GT(bytes.size(), 16'384u);
  for (std::size_t i = 8192; i < 12'288; ++i) bytes[i] = static_cast<char>(0x5a);
  state.dir.write("journal.db", bytes);
  expect_refused(state, "is corrupt");
}

TEST(trade_journal_open, refuses_a_newer_schema) {
  state_dir state;
  fill_journal(state);
  sqlite_db::open(state.db, sqlite_db::access::read_write).exec("PRAGMA user_version = 3");
  expect_refused(state, "has schema version 3, newer than this build understands (2)");
}

// A journal written by a build with schema 1 is brought to schema 2 (the backtest mode) with
// every row and id kept, and the references between tables intact.
TEST(trade_journal_open, migrates_a_version_1_journal_keeping_its_rows) {
  state_dir state;
  {
    auto db = sqlite_db::open(state.db, sqlite_db::access::create);
    configure_connection(db);
    migrate_journal(db, 1);
    db.exec(
        "INSERT INTO intents VALUES(3, 'tb-BTCUSDT-1', 'BTCUSDT', 'long', '0.010', '27150.10', "
        "'26900', '27650.30', 'ictsmc', 'why', 1, 2, 'closed', 'live', '');"
        "INSERT INTO orders VALUES(1, 3, 'tb-BTCUSDT-1-e1', 'entry', 'MARKET', 'buy', '0.010', "
        "NULL, NULL, '77', 'filled', '0.010', 1, 2);"
        "INSERT INTO trades VALUES(7, 3, 'BTCUSDT', 'long', '0.010', '27150.10', '27650.30', "
        "'5.002', '0.21', 1700000000000, 1700000600000, 'take_profit', 'live');"
        "INSERT INTO equity_snapshots VALUES(4, 1700000600000, '1005', '1005', '0', 'paper');");
    EXPECT_EQ(db.query_integer("PRAGMA user_version"), 1);
  }
  auto journal = state.open();
  const auto intent = journal->intent_by_client_id("tb-BTCUSDT-1");
  ASSERT_TRUE(intent.has_value());
  EXPECT_EQ(intent->id, 3);
  EXPECT_EQ(intent->mode, trade_mode::live);
  const auto closed = journal->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].id, 7);
  EXPECT_EQ(closed[0].intent_id, 3);
  EXPECT_EQ(journal->equity_since(0).size(), 1u);

  auto backtest = sample_intent("tb-ETHUSDT-9");
  backtest.mode = trade_mode::backtest;
  backtest.id = journal->record_intent(backtest);
  EXPECT_EQ(journal->intent_by_client_id("tb-ETHUSDT-9")->mode, trade_mode::backtest);

  auto db = sqlite_db::open(state.db, sqlite_db::access::read_only);
  EXPECT_EQ(db.query_integer("PRAGMA user_version"), 2);
  EXPECT_EQ(db.query_integer("SELECT count(*) FROM orders WHERE intent_id = 3"), 1);
  statement violations(db, "PRAGMA foreign_key_check");
  EXPECT_FALSE(violations.step());
}

TEST(trade_journal_open, refuses_a_database_that_is_not_a_journal) {
  state_dir state;
  sqlite_db::open(state.db, sqlite_db::access::create).exec("CREATE TABLE notes(x TEXT)");
  expect_refused(state, "not a TradingBot trade journal (application_id 0x0");
}

TEST(trade_journal_open, refuses_a_journal_missing_a_table) {
  state_dir state;
  fill_journal(state);
  sqlite_db::open(state.db, sqlite_db::access::read_write).exec("DROP TABLE equity_snapshots");
  expect_refused(state, "unknown schema: schema version 2 but no table 'equity_snapshots'");
}

TEST(trade_journal_open, refuses_an_empty_file) {
  state_dir state;
  state.dir.write("journal.db", "");
  expect_refused(state, "is empty (0 bytes)");
}

TEST(trade_journal_open, refuses_a_wal_without_its_database) {
  state_dir state;
  state.dir.write("journal.db-wal", "frames of a lost database");
  EXPECT_THAT(open_error(state), HasSubstr("journal.db-wal exists without its database"));
  EXPECT_FALSE(fs::exists(state.db));
}

TEST(trade_journal_open, a_leftover_partial_journal_is_replaced) {
  state_dir state;
  state.dir.write("journal.db.new", "half-built by a start that crashed");
  auto journal = state.open();
  EXPECT_TRUE(journal->open_intents().empty());
  EXPECT_FALSE(fs::exists(state.db + ".new"));
}

}  // namespace
}  // namespace tb::host
