#include "filters/symbol_filters.hpp"

#include <gtest/gtest.h>

namespace tb::binance {
namespace {

symbol_filters btc() {
  symbol_filters f;
  f.symbol = "BTCUSDT";
  f.status = "TRADING";
  f.tick_size = "0.10";
  f.min_price = "556.80";
  f.max_price = "4529764";
  f.step_size = "0.001";
  f.min_qty = "0.001";
  f.max_qty = "1000";
  f.market_step_size = "0.001";
  f.market_min_qty = "0.001";
  f.market_max_qty = "120";
  f.min_notional = "50";
  return f;
}

sdk::order_request limit(const char* qty, const char* price) {
  sdk::order_request r;
  r.symbol = "BTCUSDT";
  r.type = sdk::order_type::limit;
  r.quantity = qty;
  r.price = price;
  r.client_order_id = "bot-1";
  return r;
}

TEST(symbol_filters, accepts_an_order_on_the_grids) {
  EXPECT_EQ(order_problem(btc(), limit("0.010", "76915.10"), ""), "");
}

TEST(symbol_filters, refuses_off_grid_values_and_never_rounds) {
  EXPECT_NE(order_problem(btc(), limit("0.0105", "76915.10"), "").find("stepSize 0.001"),
            std::string::npos);
  EXPECT_NE(order_problem(btc(), limit("0.010", "76915.15"), "").find("tickSize 0.10"),
            std::string::npos);
  EXPECT_NE(order_problem(btc(), limit("0.010", "1e5"), "").find("not a positive decimal"),
            std::string::npos);
}

TEST(symbol_filters, checks_min_qty_and_min_notional) {
  EXPECT_NE(order_problem(btc(), limit("0.0001", "76915.10"), "").find("below minQty"),
            std::string::npos);
  EXPECT_NE(order_problem(btc(), limit("0.001", "40000.00"), "").find("minimum notional 50"),
            std::string::npos);
  sdk::order_request reduce = limit("0.001", "40000.00");
  reduce.flags = TB_ORDER_REDUCE_ONLY;
  EXPECT_EQ(order_problem(btc(), reduce, ""), "");
}

TEST(symbol_filters, market_orders_use_the_market_lot_and_reference_price) {
  sdk::order_request r = limit("130", "");
  r.type = sdk::order_type::market;
  EXPECT_NE(order_problem(btc(), r, "76000").find("above maxQty 120"), std::string::npos);
  r.quantity = "0.001";
  EXPECT_NE(order_problem(btc(), r, "40000").find("minimum notional"), std::string::npos);
  EXPECT_EQ(order_problem(btc(), r, "76000"), "");
}

TEST(symbol_filters, stops_need_a_trigger_on_the_tick_grid) {
  sdk::order_request r = limit("0.010", "");
  r.type = sdk::order_type::stop_market;
  r.stop_price = "75000.05";
  EXPECT_NE(order_problem(btc(), r, "").find("stop_price 75000.05"), std::string::npos);
  r.stop_price = "75000.0";
  EXPECT_EQ(order_problem(btc(), r, ""), "");
  r.flags = TB_ORDER_CLOSE_POSITION;
  EXPECT_NE(order_problem(btc(), r, "").find("carry no quantity"), std::string::npos);
  r.quantity.clear();
  EXPECT_EQ(order_problem(btc(), r, ""), "");
}

}  // namespace
}  // namespace tb::binance
