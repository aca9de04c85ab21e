// liquidity (spec section 5) on hand-made swings, answers worked out by hand.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <initializer_list>
#include <string>
#include <tuple>
#include <vector>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/params.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

constexpr auto f32 = column_kind::float32;

// Swings from (position, +1/-1, level) triples; everything else NaN.
swing_points swings_at(std::size_t n, std::initializer_list<std::tuple<std::size_t, double, double>> at) {
  swing_points s{std::vector<double>(n, nan), std::vector<double>(n, nan)};
  for (const auto& [i, type, level] : at) {
    s.high_low[i] = type;
    s.level[i] = level;
  }
  return s;
}

void expect_liquidity(const table& t, const std::vector<double>& liq, const std::vector<double>& level,
                      const std::vector<double>& end, const std::vector<double>& swept) {
  EXPECT_EQ(testing::column_names(t), (std::vector<std::string>{"Liquidity", "Level", "End", "Swept"}));
  expect_column(t, "Liquidity", f32, liq);
  expect_column(t, "Level", f32, level);
  expect_column(t, "End", f32, end);
  expect_column(t, "Swept", f32, swept);
}

TEST(liquidity, a_group_stops_at_the_sweep_which_is_inclusive) {
  // Range 108 - 92 = 16, range_percent 1/16: pip = 1 exactly. Swing high 1 (105) has the band
  // [104, 106]; candle 5's high 106 reaches 106, so swept = 5 (>=, not >). The scan over later
  // highs takes 3 (105.5, in the band) and stops at 5 although 5's level 106 is in the band.
  // Had the sweep been strict, swept would be 6 and 5 would have joined.
  const ohlcv c = candles({hl(100, 92), hl(105, 99), hl(103, 98), hl(105.5, 99), hl(102, 97),
                           hl(106, 99), hl(108, 100), hl(104, 99)});
  const swing_points s = swings_at(8, {{1, 1, 105}, {3, 1, 105.5}, {5, 1, 106}, {6, 1, 108}});
  // 3 is consumed. 5: band [105, 107], swept by 6 (108), and 6 comes no earlier: alone.
  expect_liquidity(liquidity(c, s, 0.0625), {N, 1, N, N, N, N, N, N},
                   {N, 105.25, N, N, N, N, N, N}, {N, 3, N, N, N, N, N, N}, {N, 5, N, N, N, N, N, N});
}

TEST(liquidity, out_of_band_highs_are_skipped_members_consumed_and_never_swept_is_zero) {
  // pip = 16 / 16 = 1. High 1 (100): band [99, 101]; no later high reaches 101, so swept = 0.
  // 3 (98.5) is below the band: skipped, the scan goes on; 5 (99, the band's lower edge,
  // inclusive) and 6 (100.5) join: Level = (100 + 99 + 100.5) / 3 stored as float32, End 6.
  // Then 3 would group with 5 (band [97.5, 99.5]) but 5 is consumed, and 6 sweeps it anyway.
  const ohlcv c = candles({hl(108, 92), hl(100, 95), hl(98, 94), hl(98.5, 95), hl(97, 94),
                           hl(99, 95), hl(100.5, 95), hl(96, 93)});
  const swing_points s = swings_at(8, {{1, 1, 100}, {3, 1, 98.5}, {5, 1, 99}, {6, 1, 100.5}});
  const double mean = as_float32(299.5 / 3);
  ASSERT_NE(mean, 299.5 / 3);  // the float32 store is visible
  expect_liquidity(liquidity(c, s, 0.0625), {N, 1, N, N, N, N, N, N}, {N, mean, N, N, N, N, N, N},
                   {N, 6, N, N, N, N, N, N}, {N, 0, N, N, N, N, N, N});
}

TEST(liquidity, lows_with_the_default_range_percent) {
  // 150 - 50 = 100, times 0.01 = pip 1. High 0 is alone. Low 1 (60): band [59, 61]; first
  // later low <= 59 is candle 4 (59, inclusive): swept = 4. 2 (60.5) joins, 3 (61.5) is outside
  // the band (skipped), 4 is not before the sweep: stop. Level 60.25, End 2.
  // 3 (61.5): band [60.5, 62.5], swept by 4, nothing before it. 4 (59): swept by 5, alone.
  const ohlcv c = candles({hl(150, 100), hl(70, 60), hl(70, 60.5), hl(70, 61.5), hl(70, 59),
                           hl(70, 50), hl(75, 65)});
  const swing_points s =
      swings_at(7, {{0, 1, 150}, {1, -1, 60}, {2, -1, 60.5}, {3, -1, 61.5}, {4, -1, 59}, {5, -1, 50}});
  expect_liquidity(liquidity(c, s), {N, -1, N, N, N, N, N}, {N, 60.25, N, N, N, N, N},
                   {N, 2, N, N, N, N, N}, {N, 4, N, N, N, N, N});
}

TEST(liquidity, zero_range_percent_never_groups_equal_highs) {
  // pip = 0: the band is the level itself, and the second equal high reaches it, so it is the
  // sweep and the scan stops there (high 1: swept by 3; low 2: swept by 4). Were the sweep
  // strict, both pairs would group.
  const ohlcv c = candles({hl(90, 80), hl(100, 85), hl(99, 85), hl(100, 86), hl(95, 85), hl(96, 88)});
  const swing_points s = swings_at(6, {{1, 1, 100}, {3, 1, 100}, {2, -1, 85}, {4, -1, 85}});
  expect_liquidity(liquidity(c, s, 0.0), {N, N, N, N, N, N}, {N, N, N, N, N, N},
                   {N, N, N, N, N, N}, {N, N, N, N, N, N});
}

TEST(liquidity, full_range_percent_groups_every_swing_of_a_side) {
  // pip = the whole range (110 - 90 = 20): every high is within 20 of the first and no high
  // can reach 20 above it; the same for the lows. One group per side, on the first swing.
  const ohlcv c = candles({hl(95, 90), hl(110, 95), hl(100, 92), hl(104, 96), hl(101, 91), hl(98, 95)});
  const swing_points s =
      swings_at(6, {{0, -1, 90}, {1, 1, 110}, {2, -1, 92}, {3, 1, 104}, {4, -1, 91}, {5, 1, 98}});
  // Highs: (110 + 104 + 98) / 3 = 104, end 5. Lows: (90 + 92 + 91) / 3 = 91, end 4.
  expect_liquidity(liquidity(c, s, 1.0), {-1, 1, N, N, N, N}, {91, 104, N, N, N, N},
                   {4, 5, N, N, N, N}, {0, 0, N, N, N, N});
}

TEST(liquidity, no_candles_and_mismatched_swings) {
  const table empty = liquidity(ohlcv{}, swing_points{});
  ASSERT_EQ(empty.size(), 4U);
  EXPECT_TRUE(empty[0].values.empty());
  EXPECT_THROW(liquidity(candles({hl(2, 1)}), swing_points{}), std::invalid_argument);
}

TEST(liquidity, through_the_registry) {
  const ohlcv c = candles({hl(10, 5), hl(12, 7), hl(11, 6), hl(12.05, 8), hl(9, 4), hl(12.1, 6),
                           hl(8, 3), hl(10, 5), hl(7, 2)});
  params p({{"swing_length", "1"}, {"range_percent", "0.5"}});
  const table got = compute_indicator("liquidity", c, p);
  const table want = liquidity(c, swing_highs_lows(c, 1), 0.5);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) expect_column(got, want[k].name, f32, want[k].values);

  params misspelt(std::map<std::string, std::string>{{"range_percentage", "0.5"}});
  expect_invalid_argument(
      [&] { compute_indicator("liquidity", c, misspelt); },
      "indicator liquidity has no parameter range_percentage (it takes: swing_length, "
      "range_percent)");
  params too_big(std::map<std::string, std::string>{{"range_percent", "2"}});
  EXPECT_THROW(compute_indicator("liquidity", c, too_big), std::invalid_argument);
}

}  // namespace
}  // namespace tb::ictsmc
