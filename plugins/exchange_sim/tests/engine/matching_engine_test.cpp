// Hand-worked numbers: BTCUSDT tick 0.1, taker 0.05 %, maker 0.02 %, slippage 2 bps.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace tb::exchange_sim::testing {
namespace {

using sdk::order_status;
using sdk::order_type;
using sdk::side;

TEST_F(engine_test, market_entry_fills_at_the_price_moved_by_slippage_with_the_taker_fee) {
  // 40000.1 x 1.0002 = 40008.10002 -> up to the tick: 40008.2.
  // Fee 0.1 x 40008.2 x 0.0005 = 2.00041; wallet 10000 - 2.00041 = 9997.99959.
  const auto state = market(side::long_, "0.1", "e1");
  EXPECT_EQ(state.status, order_status::filled);
  EXPECT_EQ(state.average_price, "40008.2");
  EXPECT_EQ(engine.wallet(), money("9997.99959"));
  const auto updates = order_updates();
  ASSERT_EQ(updates.size(), 2u);
  EXPECT_EQ(updates[0].status, order_status::new_);
  EXPECT_EQ(updates[1].status, order_status::filled);
  EXPECT_EQ(updates[1].last_fill_price, "40008.2");
  EXPECT_EQ(updates[1].last_fill_quantity, "0.1");
  EXPECT_EQ(updates[1].commission, "2.00041");
  EXPECT_EQ(updates[1].commission_asset, "USDT");
  EXPECT_EQ(updates[1].realized_pnl, "0");
  // A sell: 40000.1 x 0.9998 = 39992.09998 -> down to the tick: 39992.0. Realized
  // 0.1 x (39992.0 - 40008.2) = -1.62; fee 0.1 x 39992 x 0.0005 = 1.9996.
  const auto exit = market(side::short_, "0.1", "x1");
  EXPECT_EQ(exit.average_price, "39992");
  EXPECT_EQ(engine.wallet(), money("9997.99959") - money("1.62") - money("1.9996"));
  EXPECT_EQ(engine.positions(t0).size(), 0u);
}

TEST_F(engine_test, a_stop_fills_at_its_trigger_price_then_slippage) {
  market(side::long_, "0.1", "e1");  // at 40008.2, wallet 9997.99959
  place(side::short_, order_type::stop_market, "", "sl", "39000", TB_ORDER_CLOSE_POSITION);
  events.clear();
  // Long: open 40000 -> low 38900 (crosses 39000) -> high -> close.
  // Fill 39000 x 0.9998 = 38992.2; realized 0.1 x (38992.2 - 40008.2) = -101.6;
  // fee 0.1 x 38992.2 x 0.0005 = 1.94961; wallet 9997.99959 - 101.6 - 1.94961 = 9894.44998.
  play(t0, 40000.0, 40100.0, 38900.0, 39500.0);
  const auto sl = engine.query("BTCUSDT", "sl");
  EXPECT_EQ(sl.status, order_status::filled);
  EXPECT_EQ(sl.type, order_type::stop_market);
  EXPECT_EQ(sl.average_price, "38992.2");
  EXPECT_EQ(engine.wallet(), money("9894.44998"));
  const auto updates = order_updates();
  ASSERT_EQ(updates.size(), 1u);  // one FILLED update on the stop's own id
  EXPECT_EQ(updates[0].client_order_id, "sl");
  EXPECT_EQ(updates[0].realized_pnl, "-101.6");
  EXPECT_EQ(updates[0].commission, "1.94961");
  EXPECT_EQ(updates[0].update_time_ms, t0 + minute / 4);
  // Then a position update (flat) and a balance update.
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(std::get<sdk::position>(events[1]).quantity, "0");
  EXPECT_EQ(std::get<sdk::balance>(events[2]).wallet_balance, "9894.44998");
}

TEST_F(engine_test, a_stop_gapped_through_fills_at_the_open) {
  market(side::long_, "0.1", "e1");
  place(side::short_, order_type::stop_market, "", "sl", "39000", TB_ORDER_CLOSE_POSITION);
  // Opens at 38500, below the stop: fill 38500 x 0.9998 = 38492.3;
  // realized 0.1 x (38492.3 - 40008.2) = -151.59.
  play(t0, 38500.0, 38600.0, 38000.0, 38200.0);
  const auto fills = engine.fills("BTCUSDT", "sl");
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].price, "38492.3");
  EXPECT_EQ(fills[0].realized_pnl, "-151.59");
  EXPECT_EQ(fills[0].time_ms, t0);
  EXPECT_FALSE(fills[0].maker);
}

TEST_F(engine_test, stop_and_target_in_one_candle_the_stop_fills) {
  market(side::long_, "0.1", "e1");
  place(side::short_, order_type::stop_market, "", "sl", "39000", TB_ORDER_CLOSE_POSITION);
  place(side::short_, order_type::take_profit_market, "", "tp", "41000", TB_ORDER_CLOSE_POSITION);
  // A bullish candle touching both: the path goes to the low first for a long.
  play(t0, 40000.0, 41500.0, 38900.0, 41200.0);
  EXPECT_EQ(engine.query("BTCUSDT", "sl").status, order_status::filled);
  // The target then triggers with no position left: it expires.
  EXPECT_EQ(engine.query("BTCUSDT", "tp").status, order_status::expired);
  EXPECT_TRUE(engine.fills("BTCUSDT", "tp").empty());
}

TEST_F(engine_test, sibling_close_position_order_stays_open_when_the_position_closes) {
  market(side::long_, "0.1", "e1");
  place(side::short_, order_type::stop_market, "", "sl", "39000", TB_ORDER_CLOSE_POSITION);
  place(side::short_, order_type::take_profit_market, "", "tp", "41000", TB_ORDER_CLOSE_POSITION);
  play(t0, 40000.0, 40100.0, 38900.0, 39100.0);  // stop only
  EXPECT_EQ(engine.query("BTCUSDT", "tp").status, order_status::new_);
  EXPECT_EQ(engine.open_orders(std::nullopt).size(), 1u);
}

TEST_F(engine_test, a_limit_fills_only_when_the_price_trades_through_it) {
  place(side::long_, order_type::limit, "0.1", "lim", "39000");
  play(t0, 40000.0, 40100.0, 39000.0, 39500.0);  // touches 39000: no fill
  EXPECT_EQ(engine.query("BTCUSDT", "lim").status, order_status::new_);
  play(t0 + minute, 39500.0, 39600.0, 38999.9, 39100.0);  // trades through
  const auto fills = engine.fills("BTCUSDT", "lim");
  ASSERT_EQ(fills.size(), 1u);
  // At the limit, maker: fee 0.1 x 39000 x 0.0002 = 0.78.
  EXPECT_EQ(fills[0].price, "39000");
  EXPECT_EQ(fills[0].commission, "0.78");
  EXPECT_TRUE(fills[0].maker);
  EXPECT_EQ(engine.wallet(), money("9999.22"));
}

TEST_F(engine_test, a_limit_the_candle_opens_through_fills_at_the_open) {
  place(side::long_, order_type::limit, "0.1", "lim", "39000");
  play(t0, 38800.0, 38900.0, 38700.0, 38850.0);
  EXPECT_EQ(engine.fills("BTCUSDT", "lim").at(0).price, "38800");
}

TEST_F(engine_test, funding_long_pays_short_receives) {
  market(side::long_, "0.1", "e1");  // wallet 9997.99959
  // 0.1 x 40000 x 0.0001 = 0.4.
  engine.fund(0, t0, px("40000"), 10'000, events);
  EXPECT_EQ(engine.wallet(), money("9997.59959"));
  EXPECT_EQ(engine.total_funding(), -money("0.4"));
  market(side::short_, "0.2", "flip");  // now short 0.1
  const auto before = engine.wallet();
  engine.fund(0, t0 + 8 * 3'600'000, px("40000"), 10'000, events);
  EXPECT_EQ(engine.wallet(), before + money("0.4"));
}

TEST_F(engine_test, isolated_liquidation_comes_before_a_lower_stop) {
  engine.set_margin_type(0, sdk::margin_type::isolated);
  market(side::long_, "0.1", "e1");  // 40008.2; margin 4000.82 / 20 = 200.041
  place(side::short_, order_type::stop_market, "", "sl", "38000", TB_ORDER_CLOSE_POSITION);
  // Liquidation price (4000.82 - 200.041) / (0.1 x 0.996) = 38160.43... -> up to 38160.5.
  const auto positions = engine.positions(t0);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].liquidation_price, "38160.5");
  events.clear();
  play(t0, 40000.0, 40050.0, 37900.0, 38100.0);
  const auto updates = order_updates();
  ASSERT_GE(updates.size(), 2u);
  EXPECT_EQ(updates[0].client_order_id.rfind("autoclose-", 0), 0u) << updates[0].client_order_id;
  EXPECT_EQ(updates[0].status, order_status::filled);
  EXPECT_EQ(updates[0].realized_pnl, "-200.041");  // the whole margin
  EXPECT_EQ(updates[0].commission, "0");
  // Bankruptcy price (4000.82 - 200.041) / 0.1 = 38007.79 -> 38007.7.
  EXPECT_EQ(updates[0].last_fill_price, "38007.7");
  // The stop is reached afterwards with nothing to close.
  EXPECT_EQ(engine.query("BTCUSDT", "sl").status, order_status::expired);
  EXPECT_EQ(engine.wallet(), money("9997.99959") - money("200.041"));
  EXPECT_EQ(engine.fills("BTCUSDT", updates[0].client_order_id).size(), 1u);
}

TEST_F(engine_test, rejections_carry_binance_codes) {
  EXPECT_EQ(rejection([&] { place(side::long_, order_type::market, "0.1", "a", "", 0, sdk::time_in_force::gtc, "NOPE"); }), -1121);
  EXPECT_EQ(rejection([&] { market(side::long_, "0.0015", "b"); }), -1111);
  EXPECT_EQ(rejection([&] { market(side::long_, "0.001", "c"); }), -4003);
  price = px("20000");
  EXPECT_EQ(rejection([&] { market(side::long_, "0.002", "d"); }), -4164);  // 40 < 50
  price = px("40000.1");
  EXPECT_EQ(rejection([&] { market(side::long_, "10", "e"); }), -2019);  // 400k / 20 > 10k
  EXPECT_EQ(rejection([&] { place(side::short_, order_type::stop_market, "", "f", "40100", TB_ORDER_CLOSE_POSITION); }), -2021);
  EXPECT_EQ(rejection([&] { place(side::short_, order_type::market, "0.1", "g", "", TB_ORDER_REDUCE_ONLY); }), -2022);
  EXPECT_EQ(rejection([&] { place(side::long_, order_type::limit, "0.1", "h", "39000.05"); }), -4014);
  EXPECT_EQ(rejection([&] { place(side::long_, order_type::limit, "0.1", "i", "40100", 0, sdk::time_in_force::gtx); }), -5022);
  EXPECT_EQ(rejection([&] { engine.set_leverage(0, 0); }), -4028);
  EXPECT_EQ(rejection([&] { engine.set_leverage(0, 126); }), -4028);
  market(side::long_, "0.1", "ok");
  EXPECT_EQ(rejection([&] { market(side::long_, "0.1", "ok"); }), -4116);
  EXPECT_EQ(rejection([&] { engine.set_margin_type(0, sdk::margin_type::isolated); }), -4048);
  EXPECT_EQ(rejection([&] { engine.query("BTCUSDT", "zzz"); }, TB_E_NOT_FOUND), -2013);
  EXPECT_EQ(rejection([&] { engine.fills("BTCUSDT", "zzz"); }, TB_E_NOT_FOUND), -2013);
}

TEST_F(engine_test, ioc_limit_that_cannot_take_expires_and_cancel_works) {
  EXPECT_EQ(place(side::long_, order_type::limit, "0.1", "ioc", "39000", 0, sdk::time_in_force::ioc).status,
            order_status::expired);
  place(side::long_, order_type::limit, "0.1", "gtc", "39000");
  EXPECT_EQ(engine.cancel("BTCUSDT", "gtc", t0, events).status, order_status::canceled);
  EXPECT_FALSE(engine.busy(0));
}

}  // namespace
}  // namespace tb::exchange_sim::testing

namespace tb::exchange_sim::testing {
namespace {

using sdk::order_status;
using sdk::order_type;
using sdk::side;

TEST_F(engine_test, a_short_plays_the_high_first_so_its_stop_beats_its_target) {
  market(side::short_, "0.1", "e1");  // at 39992.0
  place(side::long_, order_type::stop_market, "", "sl", "41000", TB_ORDER_CLOSE_POSITION);
  place(side::long_, order_type::take_profit_market, "", "tp", "39000", TB_ORDER_CLOSE_POSITION);
  // A bearish candle touching both: for a short the high comes first.
  play(t0, 40000.0, 41200.0, 38800.0, 38900.0);
  // Buy stop 41000 x 1.0002 = 41008.2; realized 0.1 x (39992.0 - 41008.2) = -101.62.
  const auto fills = engine.fills("BTCUSDT", "sl");
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].price, "41008.2");
  EXPECT_EQ(fills[0].realized_pnl, "-101.62");
  EXPECT_EQ(engine.query("BTCUSDT", "tp").status, order_status::expired);
}

TEST_F(engine_test, a_marketable_limit_takes_at_the_slipped_price_capped_at_the_limit) {
  // Buy limit 40005 with the price at 40000.1: 40008.2 slipped, capped at 40005, taker.
  const auto state = place(side::long_, order_type::limit, "0.1", "lim", "40005");
  EXPECT_EQ(state.status, order_status::filled);
  const auto fills = engine.fills("BTCUSDT", "lim");
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].price, "40005");
  EXPECT_FALSE(fills[0].maker);
  EXPECT_EQ(fills[0].commission, "2.00025");  // 0.1 x 40005 x 0.0005
}

TEST(engine_cross, liquidation_price_treats_the_wallet_as_the_margin) {
  engine_settings settings;
  settings.initial_balance = money("300");
  matching_engine engine(test_rules(), settings);
  account_events events;
  sdk::order_request r;
  r.direction = sdk::side::long_;
  r.symbol = "BTCUSDT";
  r.quantity = "0.1";
  r.client_order_id = "e1";
  engine.place(r, 0, px("40000.1"), events);  // 40008.2, fee 2.00041, wallet 297.99959
  // (4000.82 - 297.99959) / (0.1 x 0.996) = 37176.91... -> up to the tick: 37177.
  EXPECT_EQ(engine.positions(0).at(0).liquidation_price, "37177");
  engine.play(0, make_candle(60'000, 40000.0, 40000.0, 37000.0, 37100.0), 60'000, events);
  EXPECT_TRUE(engine.positions(0).empty());
  EXPECT_EQ(engine.wallet(), 0);  // the whole wallet was this position's margin
}

}  // namespace
}  // namespace tb::exchange_sim::testing
