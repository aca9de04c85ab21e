#include "store/trade_journal.hpp"

#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "journal_fixtures.hpp"
#include "store/sqlite_db.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;
using namespace journal_test;

TEST(trade_journal, runs_in_wal_mode_with_schema_version_2) {
  state_dir state;
  auto journal = state.open();
  auto db = sqlite_db::open(state.db, sqlite_db::access::read_only);
  EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.query_integer("PRAGMA user_version"), 2);
  EXPECT_EQ(db.query_integer("PRAGMA application_id"), 0x54424A4E);
}

TEST(trade_journal, intent_round_trip_and_every_state) {
  state_dir state;
  auto journal = state.open();
  auto intent = sample_intent();
  intent.id = journal->record_intent(intent);
  EXPECT_GT(intent.id, 0);
  EXPECT_EQ(journal->intent_by_client_id(intent.client_id), intent);

  auto no_target = sample_intent("tb-ETHUSDT-2");
  no_target.take_profit.reset();
  no_target.side = position_side::short_side;
  no_target.mode = trade_mode::paper;
  no_target.id = journal->record_intent(no_target);
  EXPECT_EQ(journal->intent_by_client_id("tb-ETHUSDT-2"), no_target);
  EXPECT_EQ(journal->intent_by_client_id("nobody"), std::nullopt);

  for (const auto name : names<intent_state>::values) {
    const auto state_value = *parse_name<intent_state>(name);
    journal->update_intent_state(intent.id, state_value, intent.created_ms + 5, name);
    const auto stored = journal->intent_by_client_id(intent.client_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->state, state_value);
    EXPECT_EQ(stored->note, name);
    EXPECT_EQ(stored->updated_ms, intent.created_ms + 5);
    EXPECT_EQ(stored->created_ms, intent.created_ms);
  }
}

TEST(trade_journal, open_intents_are_the_unresolved_ones) {
  state_dir state;
  auto journal = state.open();
  std::vector<std::int64_t> ids;
  for (const auto name : names<intent_state>::values) {
    const auto id = journal->record_intent(sample_intent("tb-" + std::string(name)));
    journal->update_intent_state(id, *parse_name<intent_state>(name), 1);
  }
  std::vector<std::string> open;
  for (const auto& i : journal->open_intents()) open.push_back(i.client_id);
  EXPECT_THAT(open, ::testing::ElementsAre("tb-planned", "tb-sent", "tb-open", "tb-unknown"));
}

TEST(trade_journal, order_round_trip_and_update) {
  state_dir state;
  auto journal = state.open();
  const auto intent_id = journal->record_intent(sample_intent());
  std::vector<order_record> expected;
  for (const auto role : names<order_role>::values) {
    auto order = sample_order(intent_id, "tb-BTCUSDT-1-" + std::string(role));
    order.role = *parse_name<order_role>(role);
    if (order.role != order_role::entry) {
      order.type = "STOP_MARKET";
      order.side = order_side::sell;
      order.price.reset();
      order.stop_price = "26900.00";
    }
    order.id = journal->record_order(order);
    expected.push_back(order);
  }
  EXPECT_EQ(journal->orders_of_intent(intent_id), expected);
  EXPECT_TRUE(journal->orders_of_intent(intent_id + 1).empty());

  auto& entry = expected[0];
  for (const auto name : names<order_state>::values) {
    order_update update;
    update.client_id = entry.client_id;
    update.state = *parse_name<order_state>(name);
    update.time_ms = 1'700'000'000'500;
    journal->update_order(update);
    entry.state = update.state;
    entry.updated_ms = update.time_ms;
    EXPECT_EQ(journal->order_by_client_id(entry.client_id), entry);
  }
  order_update filled;
  filled.client_id = entry.client_id;
  filled.state = order_state::filled;
  filled.exchange_order_id = "8389765512";
  filled.filled_quantity = "0.010";
  filled.time_ms = 1'700'000'000'900;
  journal->update_order(filled);
  order_update later;  // unset fields keep their values
  later.client_id = entry.client_id;
  later.state = order_state::filled;
  later.time_ms = 1'700'000'001'000;
  journal->update_order(later);
  const auto stored = journal->order_by_client_id(entry.client_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->exchange_order_id, "8389765512");
  EXPECT_EQ(stored->filled_quantity, "0.010");
  EXPECT_EQ(stored->updated_ms, 1'700'000'001'000);
}

TEST(trade_journal, refuses_duplicates_and_unknown_references) {
  state_dir state;
  auto journal = state.open();
  const auto intent_id = journal->record_intent(sample_intent());
  EXPECT_THAT([&] { journal->record_intent(sample_intent()); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("is already journalled")));
  journal->record_order(sample_order(intent_id, "tb-1-entry"));
  EXPECT_THROW(journal->record_order(sample_order(intent_id, "tb-1-entry")), journal_error);
  EXPECT_THAT([&] { journal->record_order(sample_order(intent_id + 9, "tb-x")); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("not journalled")));
  EXPECT_THAT([&] { journal->record_fill(sample_fill("tb-none", "1")); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("order 'tb-none'")));
  order_update update;
  update.client_id = "tb-none";
  EXPECT_THROW(journal->update_order(update), journal_error);
  EXPECT_THROW(journal->update_intent_state(intent_id + 9, intent_state::failed, 1), journal_error);
  EXPECT_THROW(journal->open_trade(sample_trade(intent_id + 9)), journal_error);
  EXPECT_EQ(journal->orders_of_intent(intent_id).size(), 1u);
  EXPECT_TRUE(journal->open_trades().empty());
}

TEST(trade_journal, refuses_money_that_is_not_exact_decimal_text) {
  state_dir state;
  auto journal = state.open();
  auto intent = sample_intent();
  intent.quantity = "1e-2";
  EXPECT_THAT([&] { journal->record_intent(intent); },
              ::testing::ThrowsMessage<journal_error>(
                  HasSubstr("record_intent: quantity '1e-2' is not exact decimal text")));
  intent = sample_intent();
  intent.take_profit = "27,650";
  EXPECT_THROW(journal->record_intent(intent), journal_error);
  EXPECT_TRUE(journal->open_intents().empty());

  auto trade = sample_trade();
  trade.fees = "0.5 USDT";
  EXPECT_THAT([&] { journal->open_trade(trade); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("open_trade: fees")));
  auto closed = sample_trade();
  closed.closed_ms = 5;
  EXPECT_THROW(journal->open_trade(closed), journal_error);
  EXPECT_TRUE(journal->open_trades().empty());
}

TEST(trade_journal, a_fill_recorded_twice_is_stored_once) {
  state_dir state;
  auto journal = state.open();
  const auto intent_id = journal->record_intent(sample_intent());
  journal->record_order(sample_order(intent_id, "tb-1-entry"));
  journal->record_order(sample_order(intent_id, "tb-1-close"));
  auto first = sample_fill("tb-1-entry", "5001");
  auto second = sample_fill("tb-1-entry", "5002");
  second.quantity = "0.006";
  EXPECT_TRUE(journal->record_fill(first));
  EXPECT_TRUE(journal->record_fill(second));
  EXPECT_FALSE(journal->record_fill(first));
  auto again = second;
  again.price = "99999";  // a replay is recognized by its ids, not its content
  EXPECT_FALSE(journal->record_fill(again));
  EXPECT_TRUE(journal->record_fill(sample_fill("tb-1-close", "5001")));  // another order

  const auto fills = journal->fills_of_order("tb-1-entry");
  ASSERT_EQ(fills.size(), 2u);
  first.id = fills[0].id;
  second.id = fills[1].id;
  EXPECT_EQ(fills[0], first);
  EXPECT_EQ(fills[1], second);
}

TEST(trade_journal, trade_and_equity_round_trips) {
  state_dir state;
  auto journal = state.open();
  const auto intent_id = journal->record_intent(sample_intent());
  auto trade = sample_trade(intent_id);
  trade.id = journal->open_trade(trade);
  EXPECT_EQ(journal->trade(trade.id), trade);
  EXPECT_EQ(journal->open_trades(), std::vector<trade_record>{trade});

  journal->update_open_trade(trade.id, "2.000", "2011.00", "1.60884");
  trade.quantity = "2.000";
  trade.entry_price = "2011.00";
  trade.fees = "1.60884";
  EXPECT_EQ(journal->trade(trade.id), trade);

  journal->close_trade(trade.id, sample_close());
  trade.exit_price = "1950.05";
  trade.realized_pnl = "90.75";
  trade.fees = "2.37665";
  trade.closed_ms = 1'700'000'900'000;
  trade.reason = exit_reason::take_profit;
  EXPECT_EQ(journal->trade(trade.id), trade);
  EXPECT_TRUE(journal->open_trades().empty());
  EXPECT_EQ(journal->closed_trades(0), std::vector<trade_record>{trade});
  EXPECT_TRUE(journal->closed_trades(trade.closed_ms.value() + 1).empty());
  EXPECT_THAT([&] { journal->close_trade(trade.id, sample_close()); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("is already closed")));
  EXPECT_THROW(journal->update_open_trade(trade.id, "1", "1", "0"), journal_error);
  EXPECT_THAT([&] { journal->close_trade(999, sample_close()); },
              ::testing::ThrowsMessage<journal_error>(HasSubstr("trade 999 does not exist")));

  equity_snapshot snapshot{0, 1'700'000'000'000, "10250.37", "9800.01", "-12.5", trade_mode::live};
  snapshot.id = journal->record_equity(snapshot);
  auto later = snapshot;
  later.time_ms += 60'000;
  later.mode = trade_mode::paper;
  later.id = journal->record_equity(later);
  EXPECT_EQ(journal->equity_since(0), (std::vector<equity_snapshot>{snapshot, later}));
  EXPECT_EQ(journal->equity_since(later.time_ms), std::vector<equity_snapshot>{later});
}

TEST(trade_journal, every_exit_reason_round_trips) {
  state_dir state;
  auto journal = state.open();
  for (const auto name : names<exit_reason>::values) {
    const auto id = journal->open_trade(sample_trade());
    journal->close_trade(id, sample_close(*parse_name<exit_reason>(name)));
    EXPECT_EQ(journal->trade(id)->reason, parse_name<exit_reason>(name));
  }
}

TEST(trade_journal, sums_realized_pnl_exactly) {
  state_dir state;
  auto journal = state.open();
  const struct {
    const char* pnl;
    const char* fees;
    std::int64_t closed_ms;
    trade_mode mode;
  } closes[] = {{"0.1", "0.01", 1000, trade_mode::live},
                {"0.2", "0.02", 2000, trade_mode::live},
                {"-0.35", "0.005", 3000, trade_mode::paper},
                {"12345678901234567890.123456789", "0", 4000, trade_mode::live}};
  for (const auto& c : closes) {
    auto trade = sample_trade();
    trade.opened_ms = 500;
    trade.mode = c.mode;
    const auto id = journal->open_trade(trade);
    journal->close_trade(id, trade_close{"1", c.pnl, c.fees, c.closed_ms, exit_reason::manual});
  }
  journal->open_trade(sample_trade());  // open trades do not count
  EXPECT_EQ(journal->realized_pnl_since(0), "12345678901234567890.073456789");
  EXPECT_EQ(journal->realized_pnl_since(2000), "12345678901234567889.973456789");
  EXPECT_EQ(journal->realized_pnl_since(1000, trade_mode::live), "12345678901234567890.423456789");
  EXPECT_EQ(journal->realized_pnl_since(1001, trade_mode::paper), "-0.35");
  EXPECT_EQ(journal->realized_pnl_since(5000), "0");
  EXPECT_EQ(journal->fees_since(0), "0.035");
  EXPECT_EQ(journal->net_pnl_since(0, trade_mode::live), "12345678901234567890.393456789");
  EXPECT_EQ(journal->net_pnl_since(3000, trade_mode::paper), "-0.355");
}

TEST(trade_journal, records_survive_reopening) {
  state_dir state;
  std::int64_t intent_id = 0;
  {
    auto journal = state.open();
    intent_id = journal->record_intent(sample_intent());
    journal->record_order(sample_order(intent_id, "tb-1-entry"));
    journal->record_fill(sample_fill("tb-1-entry", "1"));
    journal->open_trade(sample_trade(intent_id));
  }
  auto journal = state.open();
  EXPECT_EQ(journal->open_intents().size(), 1u);
  EXPECT_EQ(journal->orders_of_intent(intent_id).size(), 1u);
  EXPECT_FALSE(journal->record_fill(sample_fill("tb-1-entry", "1")));
  EXPECT_EQ(journal->open_trades().size(), 1u);
}

TEST(trade_journal, concurrent_callers_are_serialized) {
  state_dir state;
  auto journal = state.open();
  constexpr int threads = 4;
  constexpr int per_thread = 25;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const auto id =
            journal->record_intent(sample_intent("tb-" + std::to_string(t) + "-" + std::to_string(i)));
        journal->open_trade(sample_trade(id));
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(journal->open_intents().size(), static_cast<std::size_t>(threads * per_thread));
  EXPECT_EQ(journal->open_trades().size(), static_cast<std::size_t>(threads * per_thread));
}

}  // namespace
}  // namespace tb::host
