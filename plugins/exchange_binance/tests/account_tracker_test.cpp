#include "websocket/account_tracker.hpp"

#include <gtest/gtest.h>

namespace tb::binance {
namespace {

sdk::order_state order(const char* id, sdk::order_status status, std::int64_t time) {
  sdk::order_state o;
  o.symbol = "BTCUSDT";
  o.client_order_id = id;
  o.status = status;
  o.update_time_ms = time;
  return o;
}

sdk::position position(const char* symbol, const char* quantity, std::int64_t time) {
  sdk::position p;
  p.symbol = symbol;
  p.quantity = quantity;
  p.update_time_ms = time;
  return p;
}

TEST(account_tracker, an_order_never_moves_back) {
  account_tracker t;
  EXPECT_TRUE(t.accept(order("a", sdk::order_status::new_, 100)));
  EXPECT_TRUE(t.accept(order("a", sdk::order_status::filled, 100)));  // same time, later state
  EXPECT_FALSE(t.accept(order("a", sdk::order_status::new_, 100)));   // a late NEW after FILLED
  EXPECT_FALSE(t.accept(order("a", sdk::order_status::partially_filled, 90)));
  EXPECT_TRUE(t.accept(order("a", sdk::order_status::filled, 100)));  // the same state again is harmless
}

TEST(account_tracker, open_orders_missing_from_rest_have_vanished) {
  account_tracker t;
  t.accept(order("open", sdk::order_status::new_, 1));
  t.accept(order("gone", sdk::order_status::partially_filled, 1));
  t.accept(order("done", sdk::order_status::filled, 1));
  t.accept(order("stop", sdk::order_status::triggered, 1));
  const auto missing = t.vanished({order("open", sdk::order_status::new_, 2)});
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], (std::pair<std::string, std::string>{"BTCUSDT", "gone"}));
  EXPECT_EQ(missing[1].second, "stop");
  t.forget("gone");
  EXPECT_EQ(t.vanished({order("open", sdk::order_status::new_, 2)}).size(), 1u);
}

TEST(account_tracker, positions_closed_meanwhile_and_stale_updates) {
  account_tracker t;
  EXPECT_TRUE(t.accept(position("BTCUSDT", "0.010", 10)));
  EXPECT_TRUE(t.accept(position("ETHUSDT", "-1", 10)));
  EXPECT_TRUE(t.accept(position("SOLUSDT", "0", 10)));
  EXPECT_FALSE(t.accept(position("BTCUSDT", "0.5", 9)));
  EXPECT_EQ(t.closed({position("ETHUSDT", "-1", 11)}), std::vector<std::string>{"BTCUSDT"});
  EXPECT_TRUE(t.accept(position("BTCUSDT", "0", 0)));  // no time: always accepted
  EXPECT_TRUE(t.closed({position("ETHUSDT", "-1", 11)}).empty());
}

TEST(account_tracker, balances_refuse_older_updates) {
  account_tracker t;
  sdk::balance b;
  b.asset = "USDT";
  b.update_time_ms = 5;
  EXPECT_TRUE(t.accept(b));
  b.update_time_ms = 4;
  EXPECT_FALSE(t.accept(b));
  b.update_time_ms = 6;
  EXPECT_TRUE(t.accept(b));
}

TEST(account_tracker, final_orders_are_pruned_past_the_cap) {
  account_tracker t;
  t.accept(order("still-open", sdk::order_status::new_, 1));
  for (std::size_t i = 0; i < account_tracker::max_orders + 10; ++i) {
    t.accept(order(("f" + std::to_string(i)).c_str(), sdk::order_status::filled, 1));
  }
  EXPECT_EQ(t.vanished({}).size(), 1u);  // the open one survives pruning
}

}  // namespace
}  // namespace tb::binance
