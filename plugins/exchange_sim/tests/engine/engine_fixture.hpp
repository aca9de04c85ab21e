// A matching engine with one BTC-like symbol (tick 0.1, step 0.001, min_qty 0.002, min
// notional 50) and the default settings (10,000 USDT, maker 0.02 %, taker 0.05 %, slippage
// 2 bps, maintenance 0.4 %, leverage 20), plus helpers to place orders and play candles.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/matching_engine.hpp"
#include "tradingbot/sdk/error.hpp"

namespace tb::exchange_sim::testing {

inline std::int64_t px(const char* text) { return *parse_fixed(text, 10); }
inline std::int64_t money(const char* text) { return *parse_fixed(text, 8); }

inline std::vector<symbol_rules> test_rules() {
  symbol_rules btc{"BTCUSDT", px("0.1"), money("0.001"), money("0.002"), money("1000"), money("50")};
  symbol_rules eth{"ETHUSDT", px("0.01"), money("0.001"), money("0.001"), money("10000"), money("5")};
  return {btc, eth};
}

inline tb_candle make_candle(std::int64_t open_ms, double o, double h, double l, double c) {
  tb_candle k{};
  k.open_time_ms = open_ms;
  k.close_time_ms = open_ms + 59'999;
  k.open = o;
  k.high = h;
  k.low = l;
  k.close = c;
  k.flags = TB_CANDLE_CLOSED;
  return k;
}

class engine_test : public ::testing::Test {
 protected:
  static constexpr std::int64_t t0 = 1'700'000'040'000 - 1'700'000'040'000 % 60'000;
  static constexpr std::int64_t minute = 60'000;

  matching_engine engine{test_rules(), engine_settings{}};
  account_events events;
  std::int64_t price = px("40000.1");

  sdk::order_state place(sdk::side side, sdk::order_type type, const std::string& qty, const std::string& id,
                         const std::string& level = "", std::uint32_t flags = 0,
                         sdk::time_in_force tif = sdk::time_in_force::gtc, const std::string& symbol = "BTCUSDT") {
    sdk::order_request r;
    r.direction = side;
    r.type = type;
    r.tif = tif;
    r.flags = flags;
    r.symbol = symbol;
    r.quantity = qty;
    if (type == sdk::order_type::limit) r.price = level;
    else r.stop_price = level;
    r.client_order_id = id;
    return engine.place(r, t0, price, events);
  }
  sdk::order_state market(sdk::side side, const std::string& qty, const std::string& id) {
    return place(side, sdk::order_type::market, qty, id);
  }
  void play(std::int64_t open_ms, double o, double h, double l, double c) {
    engine.play(0, make_candle(open_ms, o, h, l, c), minute, events);
  }
  // The remote code of the rejection `f` throws (0 when it does not throw).
  template <class F>
  static std::int32_t rejection(F&& f, tb_status expected = TB_E_REJECTED) {
    try {
      f();
    } catch (const sdk::error& e) {
      EXPECT_EQ(e.status(), expected) << e.what();
      return e.remote_code();
    }
    return 0;
  }
  std::vector<sdk::order_state> order_updates() const {
    std::vector<sdk::order_state> out;
    for (const auto& e : events) {
      if (const auto* o = std::get_if<sdk::order_state>(&e)) out.push_back(*o);
    }
    return out;
  }
};

}  // namespace tb::exchange_sim::testing
