// trades.json: its content after every change of trades, and how it is replaced.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "journal_fixtures.hpp"
#include "store/trade_journal.hpp"
#include "store/trades_json.hpp"

namespace tb::host {
namespace {

using namespace journal_test;
namespace fs = std::filesystem;

nlohmann::json read_json(const std::string& path) { return nlohmann::json::parse(test::read_file(path)); }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// Only the journal's own files: no temporary trades.json left behind.
void expect_no_temporaries(const state_dir& state) {
  for (const auto& name : names_in(state.dir.path())) {
    EXPECT_TRUE(name == "trades.json" || name.rfind("journal.db", 0) == 0) << name;
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
    EXPECT_NE(name, "journal.db.new");
  }
}

ino_t inode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_ino;
}

TEST(trade_journal_files, trades_json_follows_every_change_of_trades) {
  state_dir state;
  auto journal = state.open();
  EXPECT_EQ(read_json(state.json), nlohmann::json::parse(R"({"version":1,"trades":[]})"));

  const auto intent_id = journal->record_intent(sample_intent());
  const auto id = journal->open_trade(sample_trade(intent_id));
  auto doc = read_json(state.json);
  ASSERT_EQ(doc["trades"].size(), 1u);
  EXPECT_EQ(doc["trades"][0]["id"], id);
  EXPECT_EQ(doc["trades"][0]["intent_id"], intent_id);
  EXPECT_EQ(doc["trades"][0]["status"], "open");
  EXPECT_EQ(doc["trades"][0]["quantity"], "1.500");
  expect_no_temporaries(state);

  journal->update_open_trade(id, "2.000", "2011.00", "1.6");
  doc = read_json(state.json);
  EXPECT_EQ(doc["trades"][0]["quantity"], "2.000");
  EXPECT_EQ(doc["trades"][0]["entry_price"], "2011.00");
  EXPECT_EQ(doc["trades"][0]["fees"], "1.6");

  const auto second = journal->open_trade(sample_trade());
  journal->close_trade(id, sample_close(exit_reason::stop_loss));
  doc = read_json(state.json);
  ASSERT_EQ(doc["trades"].size(), 2u);
  EXPECT_EQ(doc["trades"][0]["status"], "closed");
  EXPECT_EQ(doc["trades"][0]["exit_price"], "1950.05");
  EXPECT_EQ(doc["trades"][0]["realized_pnl"], "90.75");
  EXPECT_EQ(doc["trades"][0]["exit_reason"], "stop_loss");
  EXPECT_EQ(doc["trades"][1]["id"], second);
  EXPECT_EQ(doc["trades"][1]["status"], "open");
  EXPECT_EQ(doc, nlohmann::json::parse(render_trades_json({*journal->trade(id), *journal->trade(second)})));
  expect_no_temporaries(state);
}

// A backtest's journal works in memory: the file and trades.json get its trades at flush().
TEST(trade_journal_files, a_journal_that_is_not_durable_writes_its_files_at_flush) {
  state_dir state;
  auto journal = trade_journal::open(state.db, state.json, false);
  const auto intent_id = journal->record_intent(sample_intent());
  const auto id = journal->open_trade(sample_trade(intent_id));
  journal->close_trade(id, sample_close());
  EXPECT_EQ(journal->closed_trades(0).size(), 1u);
  EXPECT_EQ(read_json(state.json)["trades"].size(), 0u);  // not yet
  EXPECT_THROW(journal->record_intent(sample_intent()), journal_error);  // constraints hold
  journal->flush();
  EXPECT_EQ(read_json(state.json)["trades"].size(), 1u);
  journal.reset();
  const auto reopened = state.open();
  const auto closed = reopened->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].id, id);
  EXPECT_EQ(closed[0].realized_pnl, "90.75");
  expect_no_temporaries(state);
}

TEST(trade_journal_files, changes_that_do_not_touch_trades_leave_it_alone) {
  state_dir state;
  auto journal = state.open();
  const auto before = inode_of(state.json);
  const auto intent_id = journal->record_intent(sample_intent());
  journal->record_order(sample_order(intent_id, "tb-1"));
  journal->record_fill(sample_fill("tb-1", "1"));
  journal->record_equity({0, 1, "1", "1", "0", trade_mode::live});
  EXPECT_EQ(inode_of(state.json), before);
}

TEST(trade_journal_files, the_old_file_is_replaced_whole) {
  state_dir state;
  auto journal = state.open();
  const auto id = journal->open_trade(sample_trade());
  const std::string old_text = test::read_file(state.json);
  const auto old_inode = inode_of(state.json);
  std::ifstream reader(state.json, std::ios::binary);  // a tool that opened the old file

  journal->close_trade(id, sample_close());

  std::ostringstream seen;
  seen << reader.rdbuf();
  EXPECT_EQ(seen.str(), old_text);  // the reader still has the complete old file
  EXPECT_NE(inode_of(state.json), old_inode);  // renamed over, never rewritten in place
  EXPECT_EQ(read_json(state.json)["trades"][0]["status"], "closed");
  expect_no_temporaries(state);
}

TEST(trade_journal_files, a_failed_rewrite_keeps_the_change_and_is_retried) {
  state_dir state;
  auto journal = state.open();
  fs::remove(state.json);
  fs::create_directories(fs::path(state.json) / "blocked");  // rename over it fails

  const auto id = journal->open_trade(sample_trade());
  EXPECT_EQ(journal->open_trades().size(), 1u);
  const auto problem = journal->trades_json_problem();
  ASSERT_TRUE(problem);
  EXPECT_THAT(*problem, ::testing::HasSubstr("trades.json"));
  EXPECT_THROW(journal->rewrite_trades_json(), trades_json_error);
  expect_no_temporaries(state);

  fs::remove_all(state.json);
  journal->close_trade(id, sample_close());
  EXPECT_FALSE(journal->trades_json_problem());
  EXPECT_EQ(read_json(state.json)["trades"][0]["status"], "closed");
}

TEST(trade_journal_files, open_restores_a_missing_trades_json_from_the_database) {
  state_dir state;
  {
    auto journal = state.open();
    journal->open_trade(sample_trade());
  }
  fs::remove(state.json);
  auto journal = state.open();
  EXPECT_EQ(read_json(state.json)["trades"].size(), 1u);
}

}  // namespace
}  // namespace tb::host
