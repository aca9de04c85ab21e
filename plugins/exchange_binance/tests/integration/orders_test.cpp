// exchange_binance.so's order path against fake-binance over 127.0.0.1 (issue #3): entries,
// stops and targets on the algo endpoint triggered by the market, filters, leverage and
// margin type. The same path under faults is in orders_under_faults_test.cpp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "order_fixture.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

class orders_test : public order_fixture {
 protected:
  struct past_bar {
    std::int64_t open_time = 0;
    double close = 0;
  };

  // The closed 1m bar of the last 25 hours whose close is furthest from `price`.
  past_bar furthest_close(double price) {
    const auto bars = fake_->admin("GET", "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1500");
    past_bar best{0, price};
    for (std::size_t i = 0; i + 1 < bars.size(); ++i) {  // the last bar is still open
      const double c = std::stod(bars[i][4].get<std::string>());
      if (std::abs(c - price) > std::abs(best.close - price)) {
        best = {bars[i][0].get<std::int64_t>(), c};
      }
    }
    return best;
  }

  // Moves the fake's clock, and so its market, back to the end of `bar`. Prices are a
  // deterministic function of time, so the price will be that close, without luck.
  void travel_to(const past_bar& bar) {
    const std::int64_t server = fake_->admin("GET", "/_admin/clock").at("serverTime");
    fake_->admin("POST", "/_admin/clock", {{"skewMs", bar.open_time + 59'500 - server}});
  }

  // Opens the position for which a protective order of `type` fires on the way to a past
  // price, places it on the algo endpoint, travels there, and checks that it closed it.
  void protective_order_closes_the_position(std::int32_t type, const std::string& qty) {
    start();
    const double p = mark("BTCUSDT");
    const past_bar bar = furthest_close(p);
    ASSERT_GT(std::abs(bar.close - p), p * 0.002) << "the market barely moved";
    const bool up = bar.close > p;
    // Up: a long's target or a short's stop fires; down: a long's stop or a short's target.
    const bool long_position = (type == TB_ORDER_TAKE_PROFIT_MARKET) == up;
    const std::int32_t side = long_position ? TB_SIDE_LONG : TB_SIDE_SHORT;
    open_position(side, "entry-1");
    ASSERT_NEAR(btc_position(), long_position ? 0.002 : -0.002, 1e-9);
    const std::string trigger = price_text("BTCUSDT", (p + bar.close) / 2);
    ASSERT_EQ(place(protective(type, -side, trigger, qty, "guard-1")), TB_OK) << err_.message;
    EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);
    EXPECT_EQ(order_posts("guard-1").front().value("path", ""), "/fapi/v1/algoOrder");

    travel_to(bar);
    ASSERT_TRUE(wait_for_state("guard-1", TB_ORDER_STATE_FILLED)) << err_.message;
    EXPECT_FALSE(text(state_.average_price).empty());  // the fill price of the MARKET child
    EXPECT_EQ(btc_position(), 0.0);

    // The fills of both orders (the guard's are its MARKET child's) are the exchange's exact
    // ledger: what they realized less what they cost is the wallet's change, to the digit.
    const auto entry = fills("BTCUSDT", "entry-1");
    const auto exit = fills("BTCUSDT", "guard-1");
    ASSERT_EQ(entry.size(), 1u);
    ASSERT_EQ(exit.size(), 1u);
    EXPECT_EQ(text(exit[0].client_order_id), "guard-1");
    EXPECT_EQ(text(exit[0].quantity), "0.002");
    EXPECT_EQ(exit[0].side, -side);
    EXPECT_EQ(text(exit[0].price), text(state_.average_price));
    EXPECT_NE(text(exit[0].trade_id), text(entry[0].trade_id));
    double net = 0;
    for (const auto& f : {entry[0], exit[0]}) {
      EXPECT_EQ(text(f.commission_asset), "USDT");
      net += std::stod(f.realized_pnl) - std::stod(f.commission);
    }
    EXPECT_NE(std::stod(exit[0].realized_pnl), 0.0);
    EXPECT_NEAR(std::stod(balances().at(0).wallet_balance) - 10000, net, 1e-8);
    EXPECT_TRUE(logged("clock skew (-1021)"));  // the jump back in time was absorbed by a resync
  }
};

// 1. Entries: MARKET and LIMIT (also reduce-only) acked with the exchange's id and status,
// found by client id, listed with the algo orders, cancelled, and reflected in the account.
TEST_F(orders_test, entries_are_acked_listed_cancelled_and_reflected_in_the_account) {
  start();
  const double p = mark("BTCUSDT");
  ASSERT_EQ(place(market(TB_SIDE_LONG, "BTCUSDT", "0.002", "buy-1")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_FILLED);
  EXPECT_EQ(text(state_.client_order_id), "buy-1");
  EXPECT_EQ(text(state_.filled_quantity), "0.002");
  const std::string market_id = state_.exchange_order_id;
  EXPECT_FALSE(market_id.empty());
  const double fill = std::stod(state_.average_price);
  EXPECT_NEAR(fill, p, p * 0.005);

  const auto bought = fills("BTCUSDT", "buy-1");
  ASSERT_EQ(bought.size(), 1u);
  EXPECT_EQ(text(bought[0].quantity), "0.002");
  EXPECT_EQ(std::stod(bought[0].price), fill);
  EXPECT_NEAR(std::stod(bought[0].commission), fill * 0.002 * 0.0005, 1e-8);
  EXPECT_EQ(text(bought[0].realized_pnl), "0.00000000");
  EXPECT_EQ(bought[0].maker, 0);

  const std::string low = price_text("BTCUSDT", p * 0.97);
  const std::string high = price_text("BTCUSDT", p * 1.03);
  // Client ids may hold : and / (percent-encoded, then signed over the encoded text).
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", low, "bid/1:a")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);
  EXPECT_EQ(text(state_.quantity), "0.001");
  order_spec take = limit(TB_SIDE_SHORT, "0.001", high, "ask-ro-1");
  take.flags = TB_ORDER_REDUCE_ONLY;
  ASSERT_EQ(place(take), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);
  ASSERT_EQ(place(protective(TB_ORDER_STOP_MARKET, TB_SIDE_SHORT, price_text("BTCUSDT", p * 0.9), "",
                             "sl:1")), TB_OK) << err_.message;
  EXPECT_EQ(state_.type, TB_ORDER_STOP_MARKET);
  ASSERT_EQ(place(protective(TB_ORDER_TAKE_PROFIT_MARKET, TB_SIDE_SHORT,
                             price_text("BTCUSDT", p * 1.1), "0.001", "tp-1")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);

  ASSERT_EQ(query("BTCUSDT", "buy-1"), TB_OK) << err_.message;
  EXPECT_EQ(text(state_.exchange_order_id), market_id);
  EXPECT_EQ(state_.state, TB_ORDER_STATE_FILLED);
  ASSERT_EQ(query("BTCUSDT", "sl:1"), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);
  EXPECT_EQ(text(state_.stop_price), price_text("BTCUSDT", p * 0.9));

  for (const char* symbol : {"BTCUSDT", static_cast<const char*>(nullptr)}) {
    std::vector<std::string> ids;
    for (const auto& o : open_orders(symbol)) ids.emplace_back(o.client_order_id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"ask-ro-1", "bid/1:a", "sl:1", "tp-1"}));
  }
  EXPECT_TRUE(fills("BTCUSDT", "sl:1").empty());  // not fired: no market order behind it yet
  EXPECT_TRUE(fills("BTCUSDT", "bid/1:a").empty());
  ASSERT_EQ(cancel("BTCUSDT", "bid/1:a"), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_CANCELED);
  ASSERT_EQ(cancel("BTCUSDT", "tp-1"), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_CANCELED);
  EXPECT_EQ(cancel("BTCUSDT", "tp-1"), TB_E_NOT_FOUND);
  EXPECT_EQ(open_orders("BTCUSDT").size(), 2u);

  const auto held = positions();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(text(held[0].quantity), "0.002");
  EXPECT_NEAR(std::stod(held[0].entry_price), fill, 0.01);
  const auto money = balances();
  ASSERT_EQ(money.size(), 1u);
  EXPECT_EQ(text(money[0].asset), "USDT");
  const double fee = fill * 0.002 * 0.0005;  // the taker fee of the one fill
  EXPECT_NEAR(std::stod(money[0].wallet_balance), 10000 - fee, 1e-6);

  // Stops and targets went to the algo endpoint only.
  const auto posts = [&](const char* path) {
    std::vector<std::string> types;
    for (const auto& r : fake_->requests(path)) {
      if (r.value("method", "") == "POST") types.push_back(query_param(r.value("query", ""), "type"));
    }
    return types;
  };
  EXPECT_EQ(posts("/fapi/v1/order"), (std::vector<std::string>{"MARKET", "LIMIT", "LIMIT"}));
  EXPECT_EQ(posts("/fapi/v1/algoOrder"),
            (std::vector<std::string>{"STOP_MARKET", "TAKE_PROFIT_MARKET"}));
}

// 2. Stops and targets are algo orders that trigger when the price crosses and close the
// position.
TEST_F(orders_test, a_stop_loss_with_close_position_triggers_and_closes_the_position) {
  protective_order_closes_the_position(TB_ORDER_STOP_MARKET, "");
}

TEST_F(orders_test, a_reduce_only_take_profit_triggers_and_closes_the_position) {
  protective_order_closes_the_position(TB_ORDER_TAKE_PROFIT_MARKET, "0.002");
}

// 3. Filters are checked before sending: nothing reaches the fake, and the error says why.
TEST_F(orders_test, orders_breaking_a_filter_fail_locally_and_send_nothing) {
  start();
  const double p = mark("BTCUSDT");
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price_text("BTCUSDT", p * 0.97), "warm-up")), TB_OK)
      << err_.message;
  struct refused {
    order_spec order;
    const char* reason;
  };
  const std::vector<refused> cases = {
      {limit(TB_SIDE_LONG, "0.001", "45000.0", "small-1"), "below the minimum notional 50"},
      {market(TB_SIDE_LONG, "DOGEUSDT", "1", "small-2"), "below the minimum notional 5"},
      {limit(TB_SIDE_LONG, "0.0015", price_text("BTCUSDT", p * 0.97), "step-1"), "not on the stepSize"},
      {limit(TB_SIDE_LONG, "0.001", price_text("BTCUSDT", p * 0.97) + "5", "tick-1"), "not on the tickSize"},
      {protective(TB_ORDER_STOP_MARKET, TB_SIDE_SHORT, "-1", "", "bad-stop"), "not a positive decimal"},
  };
  const std::size_t before = fake_->requests().size();
  for (const refused& c : cases) {
    EXPECT_EQ(place(c.order), TB_E_INVALID_ARGUMENT) << c.order.client_id;
    EXPECT_NE(std::string(err_.message).find(c.reason), std::string::npos) << err_.message;
    EXPECT_NE(std::string(err_.message).find("nothing was sent"), std::string::npos) << err_.message;
  }
  // Only the mark price for the DOGE MARKET check was asked for; no order was sent.
  const auto after = fake_->requests();
  for (std::size_t i = before; i < after.size(); ++i) {
    EXPECT_EQ(after[i].value("path", ""), "/fapi/v1/premiumIndex") << after[i].dump();
  }
  // Reduce-only orders are exempt from the notional, as on the exchange.
  open_position(TB_SIDE_LONG, "entry-1");
  order_spec reduce = market(TB_SIDE_SHORT, "BTCUSDT", "0.001", "reduce-1");
  reduce.flags = TB_ORDER_REDUCE_ONLY;
  EXPECT_EQ(place(reduce), TB_OK) << err_.message;
}

// 7. Leverage and margin type are set and reflected; -4046 (already that type) is success.
TEST_F(orders_test, leverage_and_margin_type_are_set_and_reflected) {
  start();
  const auto& ex = plugin_->exchange();
  ASSERT_EQ(ex.set_leverage(plugin_->self(), "BTCUSDT", 7, deadline_in(10s), &err_), TB_OK) << err_.message;
  ASSERT_EQ(ex.set_margin_type(plugin_->self(), "BTCUSDT", 2, deadline_in(10s), &err_), TB_OK) << err_.message;
  ASSERT_EQ(ex.set_margin_type(plugin_->self(), "BTCUSDT", 2, deadline_in(10s), &err_), TB_OK) << err_.message;
  const auto margin_posts = fake_->requests("/fapi/v1/marginType");
  ASSERT_EQ(margin_posts.size(), 2u);
  EXPECT_EQ(margin_posts[1].value("status", 0), 400);  // -4046, taken as success
  open_position(TB_SIDE_LONG, "entry-1");
  const auto held = positions();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].leverage, 7);
  EXPECT_EQ(held[0].margin_type, 2);
  EXPECT_EQ(ex.set_margin_type(plugin_->self(), "BTCUSDT", 1, deadline_in(10s), &err_), TB_E_REJECTED);
  EXPECT_EQ(err_.remote_code, -4048);
  EXPECT_NE(std::string(err_.message).find("set_margin_type"), std::string::npos) << err_.message;
  const std::size_t before = fake_->requests("/fapi/v1/leverage").size();
  EXPECT_EQ(ex.set_leverage(plugin_->self(), "BTCUSDT", 0, deadline_in(10s), &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(fake_->requests("/fapi/v1/leverage").size(), before);
}

}  // namespace
}  // namespace tb::binance::testing
