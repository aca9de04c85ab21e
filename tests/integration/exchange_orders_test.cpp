// The host's typed view of the exchange's account and order calls (services/exchange_client),
// over the real exchange_binance plugin and the fake Binance on 127.0.0.1: what the
// ExecutionService relies on, from entry to exchange-held protection to cancel.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "deadline.hpp"
#include "exchange_reader.hpp"
#include "fake_process.hpp"
#include "services/exchange_client.hpp"
#include "services/order_records.hpp"

namespace {

using namespace std::chrono_literals;
using tb::binance::testing::deadline_in;

tb_order_request order(std::int32_t side, std::int32_t type, const std::string& quantity,
                       const std::string& stop_price, const std::string& id,
                       std::uint32_t flags = 0) {
  return tb::host::make_order_request("BTCUSDT", side, type, quantity, stop_price, id, flags);
}

class exchange_orders : public ::testing::Test {
 protected:
  exchange_orders()
      : fake_({"--symbols", "12", "--api-key", "orders-key", "--api-secret", "orders-secret"}),
        reader_(fake_, "orders-key", "orders-secret"),
        exchange_(&reader_.client()) {
  }

  double position_of(const std::string& symbol) {
    std::vector<tb_position> positions;
    EXPECT_TRUE(exchange_->get_positions(deadline_in(10s), positions).ok());
    for (const auto& p : positions) {
      if (symbol == p.symbol) return std::stod(p.quantity);
    }
    return 0;
  }

  tb::binance::testing::fake_process fake_;
  tb::test::exchange_reader reader_;
  tb::host::exchange_client* exchange_;
};

TEST_F(exchange_orders, an_entry_gets_exchange_held_protection_and_can_be_unwound) {
  ASSERT_TRUE(exchange_->set_margin_type("BTCUSDT", 2, deadline_in(10s)).ok());
  ASSERT_TRUE(exchange_->set_leverage("BTCUSDT", 3, deadline_in(10s)).ok());
  std::vector<tb_balance> balances;
  ASSERT_TRUE(exchange_->get_balances(deadline_in(10s), balances).ok());
  ASSERT_FALSE(balances.empty());

  tb_order_state ack{};
  const auto entry = exchange_->place_order(
      order(TB_SIDE_LONG, TB_ORDER_MARKET, "0.010", "", "tb-test-entry-e1"), deadline_in(10s), ack);
  ASSERT_TRUE(entry.ok()) << entry.describe();
  EXPECT_EQ(ack.state, TB_ORDER_STATE_FILLED);
  EXPECT_STREQ(ack.client_order_id, "tb-test-entry-e1");
  EXPECT_DOUBLE_EQ(position_of("BTCUSDT"), 0.01);

  // A stop far below and a target far above, both closing the whole position.
  const double fill = std::stod(ack.average_price);
  const std::string stop = std::to_string(static_cast<long long>(fill * 0.5));
  const std::string target = std::to_string(static_cast<long long>(fill * 1.5));
  ASSERT_TRUE(exchange_->place_order(order(TB_SIDE_SHORT, TB_ORDER_STOP_MARKET, "", stop,
                                           "tb-test-entry-s1", TB_ORDER_CLOSE_POSITION),
                                     deadline_in(10s), ack)
                  .ok());
  ASSERT_TRUE(exchange_->place_order(order(TB_SIDE_SHORT, TB_ORDER_TAKE_PROFIT_MARKET, "", target,
                                           "tb-test-entry-t1", TB_ORDER_CLOSE_POSITION),
                                     deadline_in(10s), ack)
                  .ok());
  std::vector<tb_order_state> open;
  ASSERT_TRUE(exchange_->list_open_orders("BTCUSDT", deadline_in(10s), open).ok());
  std::vector<std::string> ids;
  for (const auto& o : open) ids.emplace_back(o.client_order_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"tb-test-entry-s1", "tb-test-entry-t1"}));
  ASSERT_TRUE(exchange_->list_open_orders("", deadline_in(10s), open).ok());
  EXPECT_EQ(open.size(), 2u);

  // Looked up by its client id, then cancelled; the stop stays.
  tb_order_state found{};
  ASSERT_TRUE(exchange_->query_order("BTCUSDT", "tb-test-entry-t1", deadline_in(10s), found).ok());
  EXPECT_EQ(found.type, TB_ORDER_TAKE_PROFIT_MARKET);
  ASSERT_TRUE(exchange_->cancel_order("BTCUSDT", "tb-test-entry-t1", deadline_in(10s), found).ok());
  EXPECT_EQ(found.state, TB_ORDER_STATE_CANCELED);
  ASSERT_TRUE(exchange_->list_open_orders("BTCUSDT", deadline_in(10s), open).ok());
  ASSERT_EQ(open.size(), 1u);
  EXPECT_STREQ(open[0].client_order_id, "tb-test-entry-s1");

  // Closed at market, reduce-only.
  ASSERT_TRUE(exchange_->place_order(order(TB_SIDE_SHORT, TB_ORDER_MARKET, "0.010", "",
                                           "tb-test-entry-c1", TB_ORDER_REDUCE_ONLY),
                                     deadline_in(10s), ack)
                  .ok());
  EXPECT_DOUBLE_EQ(position_of("BTCUSDT"), 0);
}

TEST_F(exchange_orders, refusals_and_unknown_ids_come_back_as_statuses) {
  tb_order_state result{};
  const auto missing = exchange_->query_order("BTCUSDT", "tb-never-sent-e1", deadline_in(10s), result);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.describe().find("tb-never-sent-e1"), std::string::npos) << missing.describe();
  // Off the step grid (BTCUSDT steps 0.001): refused before anything is sent.
  const std::size_t sent = fake_.requests("/fapi/v1/order").size();
  const auto off_grid = exchange_->place_order(
      order(TB_SIDE_LONG, TB_ORDER_MARKET, "0.0105", "", "tb-off-grid-e1"), deadline_in(10s), result);
  EXPECT_EQ(off_grid.code, TB_E_INVALID_ARGUMENT) << off_grid.describe();
  EXPECT_EQ(fake_.requests("/fapi/v1/order").size(), sent);
}

}  // namespace
