// The real plugin through its C ABI: no look-ahead, candle pushes at close, determinism, the
// fills of a fired stop, stopping at account events, settings validation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim_driver.hpp"

namespace tb::exchange_sim::testing {
namespace {

constexpr const char* config = R"({"symbols": 3, "seed": 7})";

TEST(sim_exchange, offers_the_exchange_and_simulator_interfaces) {
  sim_driver d(config);
  ASSERT_NE(d.self(), nullptr) << d.instance->create_error().message;
  EXPECT_STREQ(sim_library().descriptor().id, "exchange_sim");
  EXPECT_NE(d.ex, nullptr);
  EXPECT_NE(d.sim, nullptr);
  std::vector<tb_symbol_info> symbols(8);
  std::size_t count = 0;
  tb_error err{};
  ASSERT_EQ(d.ex->list_symbols(d.self(), 0, symbols.data(), symbols.size(), &count, &err), TB_OK) << err.message;
  ASSERT_EQ(count, 3u);
  EXPECT_STREQ(symbols[0].symbol, "BTCUSDT");
  EXPECT_STREQ(symbols[0].base_asset, "BTC");
  EXPECT_STREQ(symbols[0].contract_type, "PERPETUAL");
  EXPECT_STREQ(symbols[0].tick_size, "0.1");
  EXPECT_STREQ(symbols[0].min_notional, "5");
}

TEST(sim_exchange, fetch_candles_never_returns_a_candle_closing_after_now) {
  const std::int64_t now = jan_2024 + 37 * minute_ms + 30'000;  // mid-candle on purpose
  sim_driver d(config, now);
  for (const char* iv : {"1m", "5m", "15m", "1h", "4h", "1d"}) {
    const auto all = d.candles("ETHUSDT", iv, 0, 0, 1500);
    ASSERT_FALSE(all.empty()) << iv;
    for (const auto& c : all) {
      EXPECT_LT(c.close_time_ms, now) << iv;
      EXPECT_EQ(c.flags & TB_CANDLE_CLOSED, TB_CANDLE_CLOSED);
    }
    // An end in the future changes nothing.
    const auto ahead = d.candles("ETHUSDT", iv, 0, now + 86'400'000, 1500);
    ASSERT_EQ(ahead.size(), all.size()) << iv;
    EXPECT_EQ(ahead.back().open_time_ms, all.back().open_time_ms);
  }
  // The newest 1m closed at 00:37.
  EXPECT_EQ(d.candles("ETHUSDT", "1m", 0, 0, 10).back().open_time_ms, jan_2024 + 36 * minute_ms);
  // A 15m candle is its 1m candles folded.
  const auto m15 = d.candles("ETHUSDT", "15m", jan_2024 + 15 * minute_ms, 0, 1);
  const auto m1 = d.candles("ETHUSDT", "1m", jan_2024 + 15 * minute_ms, 0, 15);
  ASSERT_EQ(m15.size(), 1u);
  ASSERT_EQ(m1.size(), 15u);
  double high = m1[0].high, low = m1[0].low;
  for (const auto& c : m1) high = std::max(high, c.high), low = std::min(low, c.low);
  EXPECT_EQ(m15[0].open, m1.front().open);
  EXPECT_EQ(m15[0].close, m1.back().close);
  EXPECT_EQ(m15[0].high, high);
  EXPECT_EQ(m15[0].low, low);
  // Default limit 500, start semantics: oldest first from start.
  EXPECT_EQ(d.candles("ETHUSDT", "1m", 0, 0, 0).size(), 500u);
  tb_status status = TB_OK;
  d.candles("ETHUSDT", "7m", 0, 0, 10, &status);
  EXPECT_EQ(status, TB_E_INVALID_ARGUMENT);
}

TEST(sim_exchange, subscribed_candles_are_pushed_exactly_at_their_close) {
  sim_driver d(config);
  full_sink sink;
  const char* symbols[] = {"BTCUSDT"};
  tb_error err{};
  ASSERT_EQ(d.ex->subscribe_candles(d.self(), symbols, 1, "5m", sink.raw(), &err), TB_OK) << err.message;
  for (int m = 1; m <= 12; ++m) {
    const std::size_t before = sink.events.size();
    ASSERT_EQ(d.advance(jan_2024 + m * minute_ms), TB_OK) << d.last_error.message;
    if (m % 5 == 0) {
      ASSERT_EQ(sink.events.size(), before + 1) << m;
      const std::string expected = "candle BTCUSDT 5m " + std::to_string(jan_2024 + (m - 5) * minute_ms) + " " +
                                   std::to_string(jan_2024 + m * minute_ms - 1);
      EXPECT_EQ(sink.events.back().rfind(expected, 0), 0u) << sink.events.back();
    } else {
      EXPECT_EQ(sink.events.size(), before) << m;
    }
  }
  // The pushed candle equals the fetched one.
  const auto fetched = d.candles("BTCUSDT", "5m", jan_2024, 0, 1);
  ASSERT_EQ(fetched.size(), 1u);
  char line[64];
  std::snprintf(line, sizeof line, " %.10g ", fetched[0].open);
  EXPECT_NE(sink.events[0].find(line), std::string::npos) << sink.events[0];
  EXPECT_NE(d.advance(jan_2024), TB_OK);  // never back
}

// A short with a close-position stop and target (BTC rises at the start of 2024 for seed 7),
// played until the stop fires.
std::vector<std::string> scenario(std::vector<tb_fill>* stop_fills = nullptr) {
  sim_driver d(R"({"symbols": 3, "seed": 7, "funding_rate": 0.0001, "unknown_key": 1})");
  full_sink account, klines;
  tb_error err{};
  EXPECT_EQ(d.ex->subscribe_account(d.self(), account.raw(), &err), TB_OK);
  const char* symbols[] = {"BTCUSDT", "ETHUSDT"};
  EXPECT_EQ(d.ex->subscribe_candles(d.self(), symbols, 2, "1h", klines.raw(), &err), TB_OK);
  const auto last = d.candles("BTCUSDT", "1m", 0, 0, 1).back();
  const double price = last.close;
  char stop[32], target[32];
  std::snprintf(stop, sizeof stop, "%.1f", price * 1.002);
  std::snprintf(target, sizeof target, "%.1f", price * 0.5);
  tb_order_state ack{};
  EXPECT_EQ(d.place(TB_SIDE_SHORT, TB_ORDER_MARKET, "BTCUSDT", "0.05", "entry", "", 0, &ack), TB_OK)
      << d.last_error.message;
  EXPECT_EQ(ack.state, TB_ORDER_STATE_FILLED);
  EXPECT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_STOP_MARKET, "BTCUSDT", "", "stop", stop, TB_ORDER_CLOSE_POSITION), TB_OK)
      << d.last_error.message;
  EXPECT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_TAKE_PROFIT_MARKET, "BTCUSDT", "", "target", target,
                    TB_ORDER_CLOSE_POSITION),
            TB_OK);
  tb_status status = TB_OK;
  for (int h = 1; h <= 24 * 20 && d.query("BTCUSDT", "stop", &status).state == TB_ORDER_STATE_NEW; ++h) {
    EXPECT_EQ(d.advance(jan_2024 + h * 3'600'000), TB_OK) << d.last_error.message;
  }
  EXPECT_EQ(d.query("BTCUSDT", "stop").state, TB_ORDER_STATE_FILLED) << [&] { std::string s; for (auto& e : account.events) s += e + "\n"; return s; }();
  // Two more days of candles, a new position and its funding.
  EXPECT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_MARKET, "ETHUSDT", "1", "entry2"), TB_OK) << d.last_error.message;
  const std::int64_t resume = d.host.wall_ms;
  for (int h = 1; h <= 48; ++h) EXPECT_EQ(d.advance(resume + h * 3'600'000), TB_OK);
  EXPECT_TRUE(d.host.logged(TB_LOG_WARN, "unknown_key"));
  if (stop_fills != nullptr) {
    *stop_fills = d.fills("BTCUSDT", "stop", &status);
    EXPECT_EQ(status, TB_OK);
    d.fills("BTCUSDT", "nope", &status);
    EXPECT_EQ(status, TB_E_NOT_FOUND);
  }
  std::vector<std::string> all = account.events;
  all.insert(all.end(), klines.events.begin(), klines.events.end());
  return all;
}

TEST(sim_exchange, two_runs_give_identical_update_streams) {
  const auto first = scenario();
  const auto second = scenario();
  ASSERT_GT(first.size(), 20u);
  EXPECT_EQ(first, second);
}

TEST(sim_exchange, get_order_fills_of_a_fired_stop) {
  std::vector<tb_fill> fills;
  const auto events = scenario(&fills);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_STREQ(fills[0].client_order_id, "stop");
  EXPECT_STREQ(fills[0].quantity, "0.05");
  EXPECT_STREQ(fills[0].commission_asset, "USDT");
  EXPECT_EQ(fills[0].side, TB_SIDE_LONG);
  EXPECT_EQ(fills[0].maker, 0);
  EXPECT_NE(std::string(fills[0].realized_pnl).find('-'), std::string::npos);  // a loss
  // The stream has the stop's FILLED update with the same price, and funding moved the balance.
  bool seen = false;
  for (const auto& e : events) {
    if (e.rfind("order BTCUSDT stop ", 0) == 0 && e.find("state=3") != std::string::npos) {
      seen = true;
      EXPECT_NE(e.find(std::string("@") + fills[0].price + " "), std::string::npos) << e;
    }
  }
  EXPECT_TRUE(seen);
}

// A short with a close-position stop 0.2 % above the price, placed at jan_2024.
void short_with_stop(sim_driver& d, const char* id) {
  const double price = d.candles("BTCUSDT", "1m", 0, 0, 1).back().close;
  char stop[32];
  std::snprintf(stop, sizeof stop, "%.1f", price * 1.002);
  ASSERT_EQ(d.place(TB_SIDE_SHORT, TB_ORDER_MARKET, "BTCUSDT", "0.05", "entry"), TB_OK) << d.last_error.message;
  ASSERT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_STOP_MARKET, "BTCUSDT", "", id, stop, TB_ORDER_CLOSE_POSITION), TB_OK)
      << d.last_error.message;
}

TEST(sim_exchange, advance_to_account_event_stops_at_the_close_of_the_minute_that_filled) {
  sim_driver stepped(config), stopping(config);
  full_sink stepped_account, stopping_account, klines;
  tb_error err{};
  ASSERT_EQ(stepped.ex->subscribe_account(stepped.self(), stepped_account.raw(), &err), TB_OK);
  ASSERT_EQ(stopping.ex->subscribe_account(stopping.self(), stopping_account.raw(), &err), TB_OK);
  const char* btc[] = {"BTCUSDT"};
  ASSERT_EQ(stopping.ex->subscribe_candles(stopping.self(), btc, 1, "1m", klines.raw(), &err), TB_OK);
  short_with_stop(stepped, "stop");
  short_with_stop(stopping, "stop");
  stepped_account.events.clear();
  stopping_account.events.clear();

  // One call for twenty days returns at the fill: the close of the minute it happened in.
  const std::int64_t until = jan_2024 + 20 * 86'400'000LL;
  std::int64_t played = 0;
  ASSERT_EQ(stopping.advance_to_event(until, &played), TB_OK) << stopping.last_error.message;
  ASSERT_LT(played, until);
  EXPECT_EQ(played % minute_ms, 0);
  const tb_order_state fired = stopping.query("BTCUSDT", "stop");
  ASSERT_EQ(fired.state, TB_ORDER_STATE_FILLED);
  EXPECT_GT(fired.update_time_ms, played - minute_ms);
  EXPECT_LT(fired.update_time_ms, played);
  // Every candle closed by then was pushed, and none after.
  ASSERT_FALSE(klines.events.empty());
  long long open = 0, close = 0;
  for (const auto& e : klines.events) {
    ASSERT_EQ(std::sscanf(e.c_str(), "candle BTCUSDT 1m %lld %lld", &open, &close), 2) << e;
    EXPECT_LT(close, played);
  }
  EXPECT_EQ(close + 1, played);

  // The same market played a minute at a time fills the same way, at the same instant.
  for (std::int64_t t = jan_2024 + minute_ms; t <= played; t += minute_ms) ASSERT_EQ(stepped.advance(t), TB_OK);
  EXPECT_EQ(stepped.query("BTCUSDT", "stop").state, TB_ORDER_STATE_FILLED);
  EXPECT_EQ(stepped_account.events, stopping_account.events);

  // With nothing open, the next call plays to the end.
  ASSERT_EQ(stopping.advance_to_event(until, &played), TB_OK);
  EXPECT_EQ(played, until);
  std::int64_t ignored = 0;
  EXPECT_EQ(stopping.advance_to_event(until - minute_ms, &ignored), TB_E_INVALID_ARGUMENT);  // never back
  EXPECT_EQ(stopping.sim->advance_to_account_event(stopping.self(), until, nullptr, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err.message).find("played_to_ms"), std::string::npos) << err.message;
}

TEST(sim_exchange, a_market_order_fills_at_the_open_of_the_candle_opening_now) {
  sim_driver d(config);
  // Three idle days: nothing is played, nothing is pushed.
  const std::int64_t now = jan_2024 + 3 * 86'400'000;
  ASSERT_EQ(d.advance(now), TB_OK);
  tb_order_state ack{};
  ASSERT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_MARKET, "BNBUSDT", "1", "buy", "", 0, &ack), TB_OK)
      << d.last_error.message;
  // One minute later the candle that opened at `now` is closed and can be fetched.
  ASSERT_EQ(d.advance(now + minute_ms), TB_OK);
  const auto candle = d.candles("BNBUSDT", "1m", now, 0, 1);
  ASSERT_EQ(candle.size(), 1u);
  ASSERT_EQ(candle[0].open_time_ms, now);
  // open x 1.0002, up to the 0.01 tick.
  const double expected = std::ceil(candle[0].open * 1.0002 * 100 - 1e-6) / 100;
  EXPECT_NEAR(std::stod(ack.average_price), expected, 1e-9) << ack.average_price;
  EXPECT_EQ(ack.state, TB_ORDER_STATE_FILLED);
  // The position's mark is the last played close.
  std::vector<tb_position> positions(4);
  std::size_t count = 0;
  tb_error err{};
  ASSERT_EQ(d.ex->get_positions(d.self(), 0, positions.data(), positions.size(), &count, &err), TB_OK);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(std::stod(positions[0].mark_price), candle[0].close);
  EXPECT_STREQ(positions[0].quantity, "1");
}

TEST(sim_exchange, rejects_bad_settings_naming_the_key) {
  sim_driver bad(R"({"base_interval": "5m"})");
  EXPECT_EQ(bad.self(), nullptr);
  EXPECT_EQ(bad.instance->create_error().code, TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::string(bad.instance->create_error().message).find("base_interval"), std::string::npos);
  EXPECT_NE(std::string(bad.instance->create_error().message).find("1m | 1h"), std::string::npos);
  // Candle files that are not there: the feed's reason, as an I/O failure.
  sim_driver files(R"({"market": "files", "data_dir": "/nonexistent/exchange_sim"})");
  EXPECT_EQ(files.self(), nullptr);
  EXPECT_NE(files.instance->create_error().code, TB_OK);
  sim_driver fee(R"({"taker_fee": "abc"})");
  EXPECT_EQ(fee.self(), nullptr);
  EXPECT_NE(std::string(fee.instance->create_error().message).find("taker_fee"), std::string::npos);
}

TEST(sim_exchange, market_order_rejections_carry_the_remote_code) {
  sim_driver d(config);
  EXPECT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_MARKET, "NOPEUSDT", "1", "a"), TB_E_REJECTED);
  EXPECT_EQ(d.last_error.remote_code, -1121);
  EXPECT_EQ(d.place(TB_SIDE_LONG, TB_ORDER_MARKET, "BTCUSDT", "100", "b"), TB_E_REJECTED);
  EXPECT_EQ(d.last_error.remote_code, -2019);
  tb_error err{};
  EXPECT_EQ(d.ex->set_leverage(d.self(), "BTCUSDT", 200, 0, &err), TB_E_REJECTED);
  EXPECT_EQ(err.remote_code, -4028);
}

}  // namespace
}  // namespace tb::exchange_sim::testing
