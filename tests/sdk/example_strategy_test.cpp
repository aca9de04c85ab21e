// examples/strategy_example built in tree (the same source the out-of-tree test builds
// against the installed SDK), driven through the C ABI with made-up candles.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "plugin_library.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {
namespace {

using testing::fake_host;
using testing::plugin_instance;
using testing::plugin_library;
using testing::recording_signal_sink;

// `count` closes falling by 1 from 200, then the last `rise` closes jumping up by `step`:
// with the defaults (SMA9 / SMA21) the fast average crosses above the slow one at the end.
std::vector<tb_candle> falling_then_rising(int count, int rise, double step) {
  std::vector<tb_candle> out(static_cast<std::size_t>(count));
  double close = 200;
  for (int i = 0; i < count; ++i) {
    close += i < count - rise ? -1.0 : step;
    tb_candle& c = out[static_cast<std::size_t>(i)];
    c.open_time_ms = i * 3'600'000LL;
    c.close_time_ms = c.open_time_ms + 3'599'999;
    c.close = close;
    c.low = close - 2;
    c.high = close + 2;
    c.flags = TB_CANDLE_CLOSED;
  }
  return out;
}

// `count` closes rising by 1 from `start`, then the last `fall` closes dropping by `step`.
std::vector<tb_candle> rising_then_falling(int count, int fall, double step, double start) {
  std::vector<tb_candle> out = falling_then_rising(count, 0, 0);
  double close = start;
  for (int i = 0; i < count; ++i) {
    close += i < count - fall ? 1.0 : -step;
    tb_candle& c = out[static_cast<std::size_t>(i)];
    c.close = close;
    c.low = close - 2;
    c.high = close + 2;
  }
  return out;
}

tb_series series_of(const std::vector<tb_candle>& candles, const char* interval = "1h") {
  tb_series s{};
  s.struct_size = sizeof s;
  s.symbol_id = 3;
  s.symbol = "SOLUSDT";
  s.interval = interval;
  s.interval_s = 3600;
  s.candle_stride = sizeof(tb_candle);
  s.count = candles.size();
  s.candles = candles.data();
  return s;
}

class example_strategy : public ::testing::Test {
 protected:
  example_strategy() : lib_(TB_STRATEGY_EXAMPLE_PATH) {}

  // Signals emitted by one scan of `batch` by a fresh instance with `settings`.
  std::vector<testing::emitted_signal> scan(const std::vector<tb_series>& batch,
                                            const std::string& settings = "{}") {
    host_.config = settings;
    plugin_instance instance(lib_, host_.api(), "strategy_example");
    EXPECT_NE(instance.self(), nullptr) << instance.create_error().message;
    if (instance.self() == nullptr) return {};
    const auto& t = *lib_.interface<tb_strategy_v1>(instance.self(), TB_IFACE_STRATEGY_V1);
    recording_signal_sink sink;
    tb_error err{};
    EXPECT_EQ(t.on_scan(instance.self(), batch.data(), batch.size(), sink.raw(), &err), TB_OK)
        << err.message;
    return sink.signals;
  }

  plugin_library lib_;
  fake_host host_;
};

TEST_F(example_strategy, is_a_strategy_named_after_its_file) {
  EXPECT_STREQ(lib_.descriptor().id, "strategy_example");
  EXPECT_EQ(lib_.descriptor().kind, TB_KIND_STRATEGY);
  EXPECT_STREQ(lib_.descriptor().version, "0.1.0");
}

TEST_F(example_strategy, needs_enough_candles_of_its_interval) {
  host_.config = R"({"interval": "15m", "slow": 50})";
  plugin_instance instance(lib_, host_.api(), "strategy_example");
  ASSERT_NE(instance.self(), nullptr) << instance.create_error().message;
  const auto& t = *lib_.interface<tb_strategy_v1>(instance.self(), TB_IFACE_STRATEGY_V1);
  tb_data_need need[2];
  std::size_t count = 0;
  ASSERT_EQ(t.data_needs(instance.self(), need, 2, &count, nullptr), TB_OK);
  ASSERT_EQ(count, 1u);
  EXPECT_STREQ(need[0].interval, "15m");
  EXPECT_EQ(need[0].lookback, 52u);
}

TEST_F(example_strategy, a_fast_average_crossing_up_gives_a_long_signal) {
  const auto candles = falling_then_rising(40, 4, 12.0);
  const auto signals = scan({series_of(candles)});
  ASSERT_EQ(signals.size(), 1u);
  const auto& s = signals[0];
  const tb_candle& last = candles.back();
  double swing_low = last.low;
  for (std::size_t i = candles.size() - 10; i < candles.size(); ++i) {
    swing_low = std::min(swing_low, candles[i].low);
  }
  EXPECT_EQ(s.symbol, "SOLUSDT");
  EXPECT_EQ(s.raw.side, TB_SIDE_LONG);
  EXPECT_EQ(s.raw.time_ms, last.close_time_ms);
  EXPECT_DOUBLE_EQ(s.raw.entry, last.close);
  EXPECT_DOUBLE_EQ(s.raw.stop_loss, swing_low);
  EXPECT_DOUBLE_EQ(s.raw.take_profit, last.close + 2 * (last.close - swing_low));
  EXPECT_GT(s.raw.confidence, 0.0);
  EXPECT_LE(s.raw.confidence, 1.0);
  EXPECT_NE(s.reason.find("SMA9 crossed above SMA21"), std::string::npos) << s.reason;
}

TEST_F(example_strategy, a_fast_average_crossing_down_gives_a_short_signal) {
  const auto candles = rising_then_falling(40, 5, 6.0, 100);
  const auto signals = scan({series_of(candles)});
  ASSERT_EQ(signals.size(), 1u);
  const auto& s = signals[0];
  EXPECT_EQ(s.raw.side, TB_SIDE_SHORT);
  EXPECT_DOUBLE_EQ(s.raw.entry, 105);
  EXPECT_DOUBLE_EQ(s.raw.stop_loss, 137);  // the highest high of the last 10 candles
  EXPECT_DOUBLE_EQ(s.raw.take_profit, 105 - 2 * 32);
  EXPECT_NE(s.reason.find("SMA9 crossed below SMA21"), std::string::npos) << s.reason;
}

TEST_F(example_strategy, a_short_whose_target_would_be_below_zero_is_skipped) {
  EXPECT_TRUE(scan({series_of(rising_then_falling(40, 4, 12.0, 100))}).empty());
}

TEST_F(example_strategy, no_cross_no_signal_and_other_intervals_are_ignored) {
  EXPECT_TRUE(scan({series_of(falling_then_rising(40, 0, 0))}).empty());
  const auto crossing = falling_then_rising(40, 4, 12.0);
  EXPECT_TRUE(scan({series_of(crossing, "4h")}).empty());
  EXPECT_TRUE(scan({series_of(falling_then_rising(15, 4, 12.0))}).empty());  // too short
}

TEST_F(example_strategy, decides_on_closed_candles_only) {
  // A cross on the newest closed candle, then a forming candle that would undo it.
  auto crossed = falling_then_rising(40, 4, 12.0);
  tb_candle forming = crossed.back();
  forming.open_time_ms += 3'600'000;
  forming.close_time_ms += 3'600'000;
  forming.close -= 60;
  forming.flags = 0;
  crossed.push_back(forming);
  const auto signals = scan({series_of(crossed)});
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].raw.time_ms, crossed[crossed.size() - 2].close_time_ms);

  // No cross among the closed candles; a forming candle that would make one is ignored...
  auto falling = falling_then_rising(40, 0, 0);
  tb_candle jump = falling.back();
  jump.open_time_ms += 3'600'000;
  jump.close_time_ms += 3'600'000;
  jump.close += 100;
  jump.flags = 0;
  falling.push_back(jump);
  EXPECT_TRUE(scan({series_of(falling)}).empty());
  // ...and does make one once it has closed.
  falling.back().flags = TB_CANDLE_CLOSED;
  EXPECT_EQ(scan({series_of(falling)}).size(), 1u);
}

TEST_F(example_strategy, refuses_bad_settings) {
  for (const char* settings : {R"({"fast": 30, "slow": 20})", R"({"fast": "nine"})",
                               R"({"reward_risk": 0})", "{"}) {
    host_.config = settings;
    tb_error err{};
    EXPECT_EQ(lib_.descriptor().create(host_.api(), "strategy_example", &err), nullptr)
        << settings;
    EXPECT_EQ(err.code, TB_E_INVALID_ARGUMENT) << settings;
    EXPECT_NE(std::string(err.message).find("strategy_example: settings"), std::string::npos)
        << err.message;
  }
}

}  // namespace
}  // namespace tb::sdk
