// The signal rules on the hand-built scenario of setup_scenario.hpp: the one long it makes,
// every number worked out there, then each rule taken away or tightened in turn.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "signals/average_true_range.hpp"
#include "signals/setup_finder.hpp"
#include "setup_scenario.hpp"

namespace tb::ictsmc {
namespace {

using namespace testing;

std::vector<trade_setup> run(const ohlcv& entry, const ohlcv& bias, const settings& s,
                             std::size_t report_from = 0) {
  return find_setups({entry, hour_ms}, {bias, 4 * hour_ms}, s, report_from);
}

std::vector<trade_setup> run(const settings& s) {
  return run(scenario_entry(), scenario_bias(), s);
}

// base + order block + gap + OTE + sweep + entry structure, and reward_risk's share of the
// R:R above 2: 0.05 x (2.111 - 2) / 2.
constexpr double full_confidence = 0.3 + 0.1 + 0.1 + 0.15 + 0.15 + 0.1 + 0.05 * ((9.5 / 4.5 - 2) / 2);

TEST(setup_finder, the_scenario_gives_one_long_at_the_retest) {
  const auto found = run(scenario_settings());
  ASSERT_EQ(found.size(), 1u);
  const trade_setup& s = found[0];
  EXPECT_EQ(s.index, 10u);
  EXPECT_EQ(s.close_time_ms, entry_start_ms + 11 * hour_ms);
  EXPECT_EQ(s.side, +1);
  EXPECT_EQ(s.entry, 103.5);
  EXPECT_EQ(s.stop, 99);
  EXPECT_EQ(s.take_profit, 113);
  EXPECT_DOUBLE_EQ(s.reward_risk, 9.5 / 4.5);
  EXPECT_DOUBLE_EQ(s.confidence, full_confidence);
  EXPECT_EQ(s.bias.direction, +1);
  EXPECT_FALSE(s.bias.change_of_character);
  EXPECT_EQ(s.bias.level, 12);
  EXPECT_TRUE(s.order_block);
  EXPECT_TRUE(s.fair_value_gap);
  EXPECT_EQ(s.zone_bottom, 99);
  EXPECT_EQ(s.zone_top, 103.5);
  EXPECT_EQ(s.range_low, 99);
  EXPECT_EQ(s.range_high, 113);
  EXPECT_DOUBLE_EQ(s.retracement, 9.5 / 14);
  EXPECT_TRUE(s.ote);
  ASSERT_TRUE(s.sweep.has_value());
  EXPECT_EQ(s.sweep->side, -1);
  EXPECT_EQ(s.sweep->level, 100);
  EXPECT_EQ(s.sweep->extreme, 99);
  EXPECT_EQ(s.sweep->index, 4u);
  EXPECT_EQ(s.kill_zone, "");
  EXPECT_TRUE(s.structure);
}

TEST(setup_finder, the_reason_lists_every_confluence) {
  const settings s = scenario_settings();
  const auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(describe(found[0], s),
            "long: 4h bias bullish (BOS through 12); retest of bullish order block + fair-value "
            "gap 99-103.5; discount 0.68 of range 99-113 (OTE 0.62-0.79); sell-side liquidity "
            "100 swept 6 candles ago; 1h structure bullish; stop 99, target 113 (buy-side "
            "liquidity), R:R 2.11, confidence 0.90");
  EXPECT_EQ(describe_json(found[0]),
            R"({"bias":{"break":"bos","level":12.0},"kill_zone":"","ote":true,)"
            R"("range":{"high":113.0,"low":99.0},"retracement":0.6785714285714286,)"
            R"("reward_risk":2.111111111111111,"structure":true,)"
            R"("sweep":{"candles_ago":6,"extreme":99.0,"level":100.0},)"
            R"("zone":{"bottom":99.0,"fair_value_gap":true,"order_block":true,"top":103.5}})");
}

TEST(setup_finder, the_mirrored_scenario_gives_the_same_short) {
  const settings s = scenario_settings();
  const auto found = run(mirrored(scenario_entry()), mirrored(scenario_bias()), s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].index, 10u);
  EXPECT_EQ(found[0].side, -1);
  EXPECT_EQ(found[0].entry, 96.5);
  EXPECT_EQ(found[0].stop, 101);
  EXPECT_EQ(found[0].take_profit, 87);
  EXPECT_DOUBLE_EQ(found[0].confidence, full_confidence);
  EXPECT_EQ(describe(found[0], s),
            "short: 4h bias bearish (BOS through 188); retest of bearish order block + "
            "fair-value gap 96.5-101; premium 0.68 of range 87-101 (OTE 0.62-0.79); buy-side "
            "liquidity 100 swept 6 candles ago; 1h structure bearish; stop 101, target 87 "
            "(sell-side liquidity), R:R 2.11, confidence 0.90");
}

TEST(setup_finder, no_bias_no_signal) {
  // Without b3 there is no break on the bias timeframe yet: no direction to trade.
  ohlcv bias = scenario_bias();
  ohlcv three;
  for (std::size_t i = 0; i < 3; ++i) {
    three.push_back(bias.time_ms[i], bias.open[i], bias.high[i], bias.low[i], bias.close[i], 0);
  }
  EXPECT_TRUE(run(scenario_entry(), three, scenario_settings()).empty());
  // A bearish bias (the bias mirrored) looks for shorts, and there is none here.
  EXPECT_TRUE(run(scenario_entry(), mirrored(bias), scenario_settings()).empty());
}

TEST(setup_finder, a_bias_candle_counts_only_once_closed) {
  // The same bias candles, each 11 hours later: b3 now closes exactly at entry candle 10's
  // close (16 + 11 hours after the start), and that is in time...
  ohlcv later = scenario_bias();
  for (auto& t : later.time_ms) t += 11 * hour_ms;
  EXPECT_EQ(run(scenario_entry(), later, scenario_settings()).size(), 1u);
  // ...one hour more and it is still open at the decision: no bias, no signal.
  for (auto& t : later.time_ms) t += hour_ms;
  EXPECT_TRUE(run(scenario_entry(), later, scenario_settings()).empty());
}

TEST(setup_finder, ote_is_a_confluence_unless_required) {
  settings s = scenario_settings();
  s.ote_low = 0.7;  // 0.6786 is outside [0.7, 0.79]
  auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].ote);
  EXPECT_DOUBLE_EQ(found[0].confidence, full_confidence - 0.15);
  s.require_ote = true;
  EXPECT_TRUE(run(s).empty());
}

TEST(setup_finder, the_sweep_must_be_recent_when_required) {
  settings s = scenario_settings();
  s.sweep_lookback = 7;  // candles 4..10: the sweep at 4 counts
  EXPECT_EQ(run(s).size(), 1u);
  s.sweep_lookback = 6;  // candles 5..10: it does not
  EXPECT_TRUE(run(s).empty());
  s.require_sweep = false;
  const auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].sweep.has_value());
  EXPECT_DOUBLE_EQ(found[0].confidence, full_confidence - 0.15);
  EXPECT_EQ(found[0].stop, 99);  // the range low is as low as the wick
}

TEST(setup_finder, kill_zones_filter_by_the_decision_time) {
  settings s = scenario_settings();
  s.kill_zones = {"london_open"};  // 06:00-09:00 UTC; candle 10 closes at 07:00
  auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kill_zone, "london_open");
  EXPECT_DOUBLE_EQ(found[0].confidence, std::min(1.0, full_confidence + 0.05));
  s.kill_zones = {"new_york", "asian"};
  EXPECT_TRUE(run(s).empty());
}

TEST(setup_finder, each_zone_kind_can_be_switched_off) {
  settings s = scenario_settings();
  s.use_order_blocks = false;  // only the gap 103-103.5 is retested
  auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].order_block);
  EXPECT_EQ(found[0].zone_bottom, 103);
  EXPECT_EQ(found[0].stop, 99);  // still beyond the range low
  EXPECT_DOUBLE_EQ(found[0].confidence, full_confidence - 0.1);
  s.use_order_blocks = true;
  s.use_fair_value_gaps = false;  // only the block 99-103
  found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].fair_value_gap);
  EXPECT_EQ(found[0].zone_top, 103);
}

TEST(setup_finder, the_target_must_pay_the_minimum_reward_to_risk) {
  settings s = scenario_settings();
  s.min_reward_risk = 2.1;
  EXPECT_EQ(run(s).size(), 1u);
  s.min_reward_risk = 2.2;  // 2.111 is short of it and there is no farther pool
  EXPECT_TRUE(run(s).empty());
}

TEST(setup_finder, the_stop_buffer_is_in_atrs) {
  settings s = scenario_settings();
  s.stop_buffer_atr = 0.5;
  s.min_reward_risk = 1;  // the wider stop leaves R:R under 2
  const ohlcv entry = scenario_entry();
  average_true_range atr(s.atr_length);
  for (std::size_t i = 0; i <= 10; ++i) atr.update(entry, i);
  const auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_DOUBLE_EQ(found[0].stop, 99 - 0.5 * atr.value());
  EXPECT_DOUBLE_EQ(found[0].reward_risk, 9.5 / (103.5 - (99 - 0.5 * atr.value())));
}

TEST(setup_finder, min_confidence_holds_back_weaker_setups) {
  settings s = scenario_settings();
  s.min_confidence = 0.9;
  EXPECT_EQ(run(s).size(), 1u);
  s.min_confidence = 0.91;
  EXPECT_TRUE(run(s).empty());
}

TEST(setup_finder, confidence_weights_come_from_the_settings) {
  settings s = scenario_settings();
  s.weights = confidence_weights{0.5, 0, 0, 0, 0, 0, 0, 1};
  const auto found = run(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_DOUBLE_EQ(found[0].confidence, 0.5 + (9.5 / 4.5 - 2) / 2);
}

TEST(setup_finder, a_zone_gives_one_signal) {
  // Candle 11 retests the same gap and block again (low 102.9, close 103.6): they were spent
  // at candle 10, so nothing more.
  ohlcv entry = scenario_entry();
  entry.push_back(entry.time_ms.back() + hour_ms, 103.5, 104, 102.9, 103.6, 0);
  const auto found = run(entry, scenario_bias(), scenario_settings());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].index, 10u);
}

TEST(setup_finder, a_close_through_the_zone_is_no_retest) {
  // Candle 10 closing at 98.9, below the block: the zones are gone, and the close is below
  // the range low anyway.
  ohlcv entry = scenario_entry();
  entry.close.back() = 98.9;
  entry.low.back() = 98.5;
  EXPECT_TRUE(run(entry, scenario_bias(), scenario_settings()).empty());
}

TEST(setup_finder, report_from_only_filters_what_is_returned) {
  const settings s = scenario_settings();
  EXPECT_EQ(run(scenario_entry(), scenario_bias(), s, 10).size(), 1u);
  EXPECT_TRUE(run(scenario_entry(), scenario_bias(), s, 11).empty());
  // A setup spent before report_from still spends its zones: candle 11 stays silent.
  ohlcv entry = scenario_entry();
  entry.push_back(entry.time_ms.back() + hour_ms, 103.5, 104, 102.9, 103.6, 0);
  EXPECT_TRUE(run(entry, scenario_bias(), s, 11).empty());
}

}  // namespace
}  // namespace tb::ictsmc
