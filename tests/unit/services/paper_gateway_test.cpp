// Paper fills, worked by hand: 2 bps slippage against the order, 0.04 % taker and 0.02 %
// maker fees, a 10 000 USDT wallet.
#include "services/paper_gateway.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace tb::host {
namespace {

template <std::size_t N>
void put(char (&field)[N], const std::string& text) {
  std::strncpy(field, text.c_str(), N - 1);
}

tb_order_request request(std::int32_t side, std::int32_t type, const std::string& id,
                         const std::string& quantity, const std::string& price = "",
                         const std::string& stop = "", std::uint32_t flags = 0) {
  tb_order_request r{};
  r.struct_size = sizeof r;
  r.side = side;
  r.type = type;
  r.flags = flags;
  put(r.symbol, "BTCUSDT");
  put(r.client_order_id, id);
  put(r.quantity, quantity);
  put(r.price, price);
  put(r.stop_price, stop);
  return r;
}

class PaperGateway : public ::testing::Test {
 protected:
  PaperGateway() : paper_(paper_settings{}) {
    sink_.struct_size = sizeof sink_;
    sink_.ctx = this;
    sink_.on_order_update = [](void* ctx, const tb_order_state* o) {
      static_cast<PaperGateway*>(ctx)->updates_.push_back(std::string(o->client_order_id) + " " +
                                                          std::to_string(o->state));
    };
    sink_.on_balance_update = [](void* ctx, const tb_balance* b) {
      static_cast<PaperGateway*>(ctx)->wallets_.push_back(std::stod(b->wallet_balance));
    };
    paper_.subscribe_account(sink_);
  }

  double position() {
    std::vector<tb_position> out;
    EXPECT_TRUE(paper_.get_positions(0, out).ok());
    return out.empty() ? 0 : std::stod(out[0].quantity);
  }

  paper_gateway paper_;
  tb_market_sink sink_{};
  std::vector<std::string> updates_;
  std::vector<double> wallets_;
};

TEST_F(PaperGateway, OrdersWaitForAPrice) {
  tb_order_state ack{};
  EXPECT_EQ(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e1", "1"), 0, ack).code,
            TB_E_STATE);
}

TEST_F(PaperGateway, AMarketEntryAndAStopLossRealizeTheLossAndBothFees) {
  paper_.on_price("BTCUSDT", 100, 1000);
  tb_order_state ack{};
  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e1", "1"), 0, ack).ok());
  // 100 x (1 + 0.0002) = 100.02; fee 100.02 x 0.0004 = 0.040008.
  EXPECT_EQ(ack.state, TB_ORDER_STATE_FILLED);
  EXPECT_NEAR(std::stod(ack.average_price), 100.02, 1e-9);
  EXPECT_NEAR(std::stod(ack.commission), 0.040008, 1e-12);
  EXPECT_EQ(position(), 1);

  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_SHORT, TB_ORDER_STOP_MARKET, "s1", "", "", "95",
                                         TB_ORDER_CLOSE_POSITION),
                                 0, ack)
                  .ok());
  EXPECT_EQ(ack.state, TB_ORDER_STATE_NEW);
  paper_.on_price("BTCUSDT", 95.5, 2000);  // above the stop: nothing
  EXPECT_EQ(position(), 1);
  paper_.on_price("BTCUSDT", 94.9, 3000);
  // Triggered at 94.9, sold 2 bps lower: 94.9 x 0.9998 = 94.88102. PnL 94.88102 - 100.02 =
  // -5.13898; fee 94.88102 x 0.0004 = 0.037952408, kept to 8 decimals: 0.03795241.
  tb_order_state stop{};
  ASSERT_TRUE(paper_.query_order("BTCUSDT", "s1", 0, stop).ok());
  EXPECT_EQ(stop.state, TB_ORDER_STATE_FILLED);
  EXPECT_NEAR(std::stod(stop.average_price), 94.88102, 1e-9);
  EXPECT_NEAR(std::stod(stop.realized_pnl), -5.13898, 1e-9);
  EXPECT_EQ(position(), 0);
  EXPECT_NEAR(paper_.realized_pnl(), -5.13898, 1e-9);
  EXPECT_NEAR(paper_.fees_paid(), 0.040008 + 0.03795241, 1e-12);
  std::vector<tb_balance> balances;
  ASSERT_TRUE(paper_.get_balances(0, balances).ok());
  EXPECT_NEAR(std::stod(balances[0].wallet_balance), 10'000 - 5.13898 - 0.07796041, 1e-9);
  EXPECT_EQ(updates_, (std::vector<std::string>{"e1 1", "e1 3", "s1 1", "s1 3"}));
  ASSERT_EQ(wallets_.size(), 2u);
  EXPECT_NEAR(wallets_.back(), 10'000 - 5.13898 - 0.07796041, 1e-9);
}

TEST_F(PaperGateway, ATakeProfitTriggersFromBelowForALong) {
  paper_.on_price("BTCUSDT", 100, 1000);
  tb_order_state ack{};
  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e1", "2"), 0, ack).ok());
  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_SHORT, TB_ORDER_TAKE_PROFIT_MARKET, "t1", "", "",
                                         "110", TB_ORDER_CLOSE_POSITION),
                                 0, ack)
                  .ok());
  paper_.on_price("BTCUSDT", 105, 2000);
  EXPECT_EQ(position(), 2);
  paper_.on_price("BTCUSDT", 110, 3000);
  // 110 x 0.9998 = 109.978; PnL 2 x (109.978 - 100.02) = 19.916.
  EXPECT_EQ(position(), 0);
  EXPECT_NEAR(paper_.realized_pnl(), 19.916, 1e-9);
}

TEST_F(PaperGateway, ARestingLimitFillsAtItsPriceAsMaker) {
  paper_.on_price("BTCUSDT", 100, 1000);
  tb_order_state ack{};
  ASSERT_TRUE(
      paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_LIMIT, "e1", "1", "98"), 0, ack).ok());
  EXPECT_EQ(ack.state, TB_ORDER_STATE_NEW);
  std::vector<tb_order_state> open;
  ASSERT_TRUE(paper_.list_open_orders("BTCUSDT", 0, open).ok());
  EXPECT_EQ(open.size(), 1u);
  paper_.on_price("BTCUSDT", 97.5, 2000);
  ASSERT_TRUE(paper_.query_order("BTCUSDT", "e1", 0, ack).ok());
  // At its own price, no slippage; fee 98 x 0.0002 = 0.0196.
  EXPECT_EQ(ack.state, TB_ORDER_STATE_FILLED);
  EXPECT_NEAR(std::stod(ack.average_price), 98, 1e-12);
  EXPECT_NEAR(paper_.fees_paid(), 0.0196, 1e-12);
  ASSERT_TRUE(paper_.list_open_orders("", 0, open).ok());
  EXPECT_TRUE(open.empty());
}

TEST_F(PaperGateway, ReduceOnlyNeverOpensAndTheSameIdIsOneOrder) {
  paper_.on_price("BTCUSDT", 100, 1000);
  tb_order_state ack{};
  const auto lonely = paper_.place_order(
      request(TB_SIDE_SHORT, TB_ORDER_MARKET, "c1", "1", "", "", TB_ORDER_REDUCE_ONLY), 0, ack);
  EXPECT_EQ(lonely.code, TB_E_REJECTED) << lonely.describe();
  EXPECT_EQ(ack.state, TB_ORDER_STATE_EXPIRED);
  EXPECT_EQ(position(), 0);

  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e1", "1"), 0, ack).ok());
  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e1", "1"), 0, ack).ok());
  EXPECT_EQ(position(), 1);  // the repeat answered the first order's state
  // Reduce-only larger than the position closes just the position.
  ASSERT_TRUE(paper_.place_order(
                  request(TB_SIDE_SHORT, TB_ORDER_MARKET, "c2", "5", "", "", TB_ORDER_REDUCE_ONLY),
                  0, ack)
                  .ok());
  EXPECT_EQ(std::stod(ack.filled_quantity), 1);
  EXPECT_EQ(position(), 0);
}

TEST_F(PaperGateway, CancelAndRefusals) {
  paper_.on_price("BTCUSDT", 100, 1000);
  tb_order_state ack{};
  ASSERT_TRUE(paper_.place_order(request(TB_SIDE_SHORT, TB_ORDER_STOP_MARKET, "s1", "", "", "90",
                                         TB_ORDER_CLOSE_POSITION),
                                 0, ack)
                  .ok());
  ASSERT_TRUE(paper_.cancel_order("BTCUSDT", "s1", 0, ack).ok());
  EXPECT_EQ(ack.state, TB_ORDER_STATE_CANCELED);
  EXPECT_EQ(paper_.cancel_order("BTCUSDT", "s1", 0, ack).code, TB_E_REJECTED);
  EXPECT_EQ(paper_.cancel_order("BTCUSDT", "nope", 0, ack).code, TB_E_NOT_FOUND);
  EXPECT_EQ(paper_.query_order("ETHUSDT", "s1", 0, ack).code, TB_E_NOT_FOUND);
  EXPECT_EQ(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "e9", "-1"), 0, ack).code,
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_LIMIT, "e8", "1"), 0, ack).code,
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(paper_.place_order(request(TB_SIDE_LONG, TB_ORDER_MARKET, "", "1"), 0, ack).code,
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(paper_.set_leverage("BTCUSDT", 0, 0).code, TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(paper_.set_margin_type("BTCUSDT", 3, 0).code, TB_E_INVALID_ARGUMENT);
  EXPECT_TRUE(paper_.set_leverage("BTCUSDT", 5, 0).ok());
}

}  // namespace
}  // namespace tb::host
