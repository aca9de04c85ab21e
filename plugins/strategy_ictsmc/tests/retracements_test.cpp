// retracements (spec section 8) on hand-made swings: the raw pass, numpy rounding, the
// rotation by one with wrap-around and the blanking up to the third change of direction.
#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/params.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

// HighLow per row (0 for none); Level is the candle's high for +1 and low for -1.
swing_points swings_of(const ohlcv& c, std::initializer_list<int> types) {
  swing_points s{std::vector<double>(c.size(), nan), std::vector<double>(c.size(), nan)};
  std::size_t i = 0;
  for (int type : types) {
    if (type != 0) {
      s.high_low[i] = type;
      s.level[i] = type > 0 ? c.high[i] : c.low[i];
    }
    ++i;
  }
  return s;
}

void expect_retracements(const table& t, const std::vector<double>& direction,
                         const std::vector<double>& current, const std::vector<double>& deepest) {
  EXPECT_EQ(testing::column_names(t),
            (std::vector<std::string>{"Direction", "CurrentRetracement%", "DeepestRetracement%"}));
  expect_column(t, "Direction", column_kind::int32, direction);
  expect_column(t, "CurrentRetracement%", column_kind::float64, current);
  expect_column(t, "DeepestRetracement%", column_kind::float64, deepest);
}

TEST(retracements, legs_rotation_and_blanking_to_the_third_change) {
  // Raw pass (top = bottom = 0 at first):
  //  0 low 90: dir -1, bottom 90; step 3 against top 0 -> -5.6, deepest max(0, -5.6) = 0
  //  1 high 100: dir +1, top 100; previous dir -1 and dir not -1 -> 0, 0
  //  2 low 91: dir -1, bottom 91; step 2 (prev +1): 100 - 0/9*100 = 100, then step 3
  //    overwrites: 100 - ((96 - 100) / -9) * 100 = 55.55.. -> 55.6, deepest max(0, 55.6)
  //  3: dir -1: 100 - ((99 - 100) / -9) * 100 = 88.88.. -> 88.9, deepest 88.9
  //  4 high 110: 0, 0
  //  5: dir +1: 100 - ((93 - 91) / 19) * 100 = 89.47.. -> 89.5
  //  6 low 94: step 3: 100 - ((103 - 110) / -16) * 100 = 56.25 -> 56.2 (half to even; 56.3 if
  //    halves went up), deepest restarts: max(0, 56.2), not max(89.5, 56.2)
  //  7: dir -1: 100 - ((104 - 110) / -16) * 100 = 62.5, deepest 62.5
  //  8 high 112: 0, 0
  //  9: 100 - ((104 - 94) / 18) * 100 = 44.44.. -> 44.4; 10: 55.55.. -> 55.6, deepest 55.6
  // Raw dir: -1 1 -1 -1 1 1 -1 -1 1 1 1. Rotated: row 0 takes row 10's +1:
  //   dir 1 -1 1 -1 -1 1 1 -1 -1 1 1. Changes at rows 0, 1, 2 (the third): rows 0..3 zeroed.
  const ohlcv c = candles({hl(95, 90), hl(100, 92), hl(96, 91), hl(99, 93), hl(110, 95),
                           hl(105, 93), hl(103, 94), hl(104, 96), hl(112, 100), hl(108, 104),
                           hl(109, 102)});
  const swing_points s = swings_of(c, {-1, 1, -1, 0, 1, 0, -1, 0, 1, 0, 0});
  expect_retracements(retracements(c, s), {0, 0, 0, 0, -1, 1, 1, -1, -1, 1, 1},
                      {0, 0, 0, 0, 88.9, 0, 89.5, 56.2, 62.5, 0, 44.4},
                      {0, 0, 0, 0, 88.9, 0, 89.5, 56.2, 62.5, 0, 44.4});
}

TEST(retracements, rounding_is_numpy_rint_of_the_scaled_double) {
  // Low 1.0, high 1.2, then a low of 1.0427: 100 - ((1.0427 - 1) / 0.2) * 100 is the double
  // 78.650000000000005684..., whose tenfold rounds to exactly 786.5: rint gives 786 -> 78.6.
  // Python's decimal round would give 78.7, as would rounding halves up.
  // Raw dir -1 1 1 1, rotated 1 -1 1 1: changes at rows 0 and 1 only, so every row but the
  // last is zeroed and the last shows raw row 2.
  const ohlcv c = candles({hl(1.1, 1.0), hl(1.2, 1.05), hl(1.1, 1.0427), hl(1.1, 1.1)});
  const swing_points s = swings_of(c, {-1, 1, 0, 0});
  expect_retracements(retracements(c, s), {0, 0, 0, 1}, {0, 0, 0, 78.6}, {0, 0, 0, 78.6});
}

TEST(retracements, fewer_than_three_changes_leave_only_the_last_row) {
  // One swing low (90), top still 0: raw rows 0..2 are dir -1 with 100 - (high / 90) * 100:
  // row 0: 92 -> -2.22.. -> -2.2; row 2: 95 -> -5.55.. -> -5.6; deepest max(0, ...) = 0.
  // Row 3's swing high makes raw dir -1 -1 -1 1, rotated 1 -1 -1 -1: one change.
  const ohlcv c = candles({hl(92, 90), hl(93, 91), hl(95, 91), hl(99, 92)});
  const swing_points s = swings_of(c, {-1, 0, 0, 1});
  expect_retracements(retracements(c, s), {0, 0, 0, -1}, {0, 0, 0, -5.6}, {0, 0, 0, 0});
}

TEST(retracements, equal_top_and_bottom_give_zero_not_infinity) {
  // High 100 then low 100: every division would be by 0. Raw dir 1 -1 -1 -1, rotated
  // -1 1 -1 -1: two changes; the last row shows raw row 2: dir -1, 0, 0.
  const ohlcv c = candles({hl(100, 95), hl(101, 100), hl(100.5, 99), hl(100.2, 99.5)});
  const swing_points s = swings_of(c, {1, -1, 0, 0});
  expect_retracements(retracements(c, s), {0, 0, 0, -1}, {0, 0, 0, 0}, {0, 0, 0, 0});
}

TEST(retracements, the_first_row_reads_the_still_empty_last_row) {
  // Swing high 100 at row 0 (top 100, bottom 0). At row 0 "the previous direction" is the last
  // row's, still 0: no retracement there (it would be 100 - 50 = 50 and carry into the
  // deepest). Row 1: 100 - 80 = 20, deepest 20. No direction change after the rotation: only
  // the last row stays, showing raw row 1.
  const ohlcv c = candles({hl(100, 50), hl(90, 80), hl(95, 85)});
  expect_retracements(retracements(c, swings_of(c, {1, 0, 0})), {0, 0, 1}, {0, 0, 20}, {0, 0, 20});
}

TEST(retracements, tiny_inputs) {
  expect_retracements(retracements(ohlcv{}, swing_points{}), {}, {}, {});
  // One candle: the loop stops before zeroing anything. A swing high at row 0 reads "the
  // previous row", which is itself: step 2 runs with top 100, bottom 0:
  // 100 - (95 / 100) * 100 = 5.
  const ohlcv one = candles({hl(100, 95)});
  expect_retracements(retracements(one, swings_of(one, {1})), {1}, {5}, {5});
  EXPECT_THROW(retracements(one, swing_points{}), std::invalid_argument);
}

TEST(retracements, through_the_registry) {
  const ohlcv c = candles({hl(10, 5), hl(12, 7), hl(11, 6), hl(12.05, 8), hl(9, 4), hl(12.1, 6),
                           hl(8, 3), hl(10, 5), hl(7, 2), hl(9, 4)});
  params p(std::map<std::string, std::string>{{"swing_length", "1"}});
  const table got = compute_indicator("retracements", c, p);
  const table want = retracements(c, swing_highs_lows(c, 1));
  ASSERT_EQ(got.size(), 3U);
  for (const column& w : want) expect_column(got, w.name, w.kind, w.values);

  params misspelt(std::map<std::string, std::string>{{"swing_lenght", "1"}});
  expect_invalid_argument([&] { compute_indicator("retracements", c, misspelt); },
                          "indicator retracements has no parameter swing_lenght (it takes: "
                          "swing_length)");
}

}  // namespace
}  // namespace tb::ictsmc
