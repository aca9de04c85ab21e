// confirm_swings (signals/causal_swings.hpp) on hand-built candles: the candle `length`
// candles back from i is a swing high when its high is strictly above each of the `length`
// highs before it and not below any of the `length` highs after it (lows mirrored), so the
// swing is known at the close of the candle `length` later and never before index 2*length.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "../hand_candles.hpp"
#include "signals/causal_swings.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

void expect_swing(const std::optional<confirmed_swing>& got, std::size_t index, double level,
                  const char* what) {
  ASSERT_TRUE(got.has_value()) << what;
  EXPECT_EQ(got->index, index) << what;
  EXPECT_EQ(got->level, level) << what;
}

bool same(const std::optional<confirmed_swing>& a, const std::optional<confirmed_swing>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->index == b->index && a->level == b->level);
}

// The first n candles of c.
ohlcv prefix(const ohlcv& c, std::size_t n) {
  ohlcv out;
  for (std::size_t k = 0; k < n; ++k) {
    out.push_back(c.time_ms[k], c.open[k], c.high[k], c.low[k], c.close[k], c.volume[k]);
  }
  return out;
}

// Length 2: the peak at candle 2 (high 15) is known at the close of candle 4, not earlier.
ohlcv peak_at_2() {
  return candles({hl(10, 8),     // 0
                  hl(11, 9),     // 1
                  hl(15, 12),    // 2: 15 > 10, 11 (left) and 15 >= 13, 12 (right)
                  hl(13, 10),    // 3
                  hl(12, 9.5),   // 4: confirms candle 2
                  hl(14, 11)});  // 5: candle 3: left highs 11, 15 are not below 13
}

TEST(causal_swings, a_swing_is_confirmed_exactly_length_candles_later) {
  const ohlcv c = peak_at_2();
  // i = 0..3 < 2 * 2 = 4: nothing. i = 4 looks at candle 2: a swing high at 15. Its low 12
  // is above the left lows 8, 9: no swing low. i = 5 looks at candle 3: high 13 is not above
  // candle 2's 15; low 10 is not below candle 1's 9: nothing.
  for (std::size_t i = 0; i < c.size(); ++i) {
    SCOPED_TRACE(i);
    const swing_confirmation s = confirm_swings(c, i, 2);
    EXPECT_FALSE(s.low.has_value());
    if (i == 4) {
      expect_swing(s.high, 2, 15, "high");
    } else {
      EXPECT_FALSE(s.high.has_value());
    }
  }
}

TEST(causal_swings, strict_on_the_left_level_on_the_right_a_flat_top_is_one_swing) {
  const ohlcv top = candles({hl(10, 8), hl(12, 9), hl(12, 9.5), hl(11, 9)});
  // Length 1. i = 2 (candle 1): left 10 < 12, right 12 <= 12: swing high 12 at 1; low 9 is
  // above the left low 8. i = 3 (candle 2): the left high 12 is not strictly below 12: no
  // swing; low 9.5 is above the left low 9.
  expect_swing(confirm_swings(top, 2, 1).high, 1, 12, "flat top at its first candle");
  EXPECT_FALSE(confirm_swings(top, 2, 1).low.has_value());
  EXPECT_FALSE(confirm_swings(top, 3, 1).high.has_value());
  EXPECT_FALSE(confirm_swings(top, 3, 1).low.has_value());

  const ohlcv bottom = candles({hl(12, 10), hl(11, 8), hl(11.5, 8), hl(12, 9)});
  // i = 2 (candle 1): left low 10 > 8, right low 8 >= 8: swing low 8 at 1; high 11 is below
  // the left high 12. i = 3 (candle 2): left low 8 is not strictly above 8; high 11.5 is
  // above the left 11 but below the right 12.
  expect_swing(confirm_swings(bottom, 2, 1).low, 1, 8, "flat bottom at its first candle");
  EXPECT_FALSE(confirm_swings(bottom, 2, 1).high.has_value());
  EXPECT_FALSE(confirm_swings(bottom, 3, 1).low.has_value());
  EXPECT_FALSE(confirm_swings(bottom, 3, 1).high.has_value());
}

TEST(causal_swings, a_right_neighbour_above_the_candle_spoils_the_swing) {
  const ohlcv c = candles({hl(10, 8), hl(12, 9), hl(12.5, 9.5)});
  // Length 1, i = 2 (candle 1): left 10 < 12 but the right high 12.5 > 12: no swing high.
  EXPECT_FALSE(confirm_swings(c, 2, 1).high.has_value());
}

TEST(causal_swings, nothing_before_index_2_length) {
  // Length 3: the peak 10 at candle 3 needs candles 0..2 on its left and 4..6 on its right,
  // so it is known at i = 6 = 2 * 3 and nothing at all is reported for i = 0..5, not even
  // for the lows 0.5 at candle 0 (no left neighbours) or the high 20 at candle 2 at i = 5.
  const ohlcv c = candles({hl(1, 0.5), hl(2, 1), hl(20, 1.5), hl(10, 2), hl(3, 1.5), hl(2, 1),
                           hl(1, 0.75)});
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    const swing_confirmation s = confirm_swings(c, i, 3);
    EXPECT_FALSE(s.high.has_value());
    EXPECT_FALSE(s.low.has_value());
  }
  // i = 6, candle 3 (high 10): left highs 1, 2, 20 - 20 is not below 10: no swing high.
  // Its low 2 is not below the left lows 0.5, 1, 1.5: no swing low either.
  const swing_confirmation six = confirm_swings(c, 6, 3);
  EXPECT_FALSE(six.high.has_value());
  EXPECT_FALSE(six.low.has_value());

  const ohlcv d = candles({hl(1, 0.5), hl(2, 1), hl(3, 1.5), hl(10, 2), hl(3, 1.5), hl(2, 1),
                           hl(1, 0.75)});
  // Same with candle 2's high 3: left 1, 2, 3 < 10, right 3, 2, 1 <= 10: swing high at 3.
  for (std::size_t i = 0; i < 6; ++i) EXPECT_FALSE(confirm_swings(d, i, 3).high.has_value()) << i;
  expect_swing(confirm_swings(d, 6, 3).high, 3, 10, "peak at 3, length 3");
}

TEST(causal_swings, one_candle_can_be_both_a_swing_high_and_a_swing_low) {
  // An outside candle: high 12 > 10 and >= 11, low 3 < 5 and <= 4 (length 1, i = 2).
  const ohlcv c = candles({hl(10, 5), hl(12, 3), hl(11, 4)});
  const swing_confirmation s = confirm_swings(c, 2, 1);
  expect_swing(s.high, 1, 12, "high");
  expect_swing(s.low, 1, 3, "low");
}

TEST(causal_swings, reads_only_candles_up_to_i) {
  // For every i, the answer on peak_at_2() (and on a length-1 zigzag) must not change when
  // the candles after i are replaced by extreme ones: a high of 1000 after i would spoil any
  // swing high, a low of -1000 any swing low, if the function looked at them.
  const ohlcv zigzag = candles({hl(10, 8), hl(12, 9), hl(11, 7), hl(13, 10), hl(12, 9.5),
                                hl(12, 6), hl(14, 11)});
  for (const auto& [c, length] : {std::pair{peak_at_2(), std::size_t{2}},
                                  std::pair{zigzag, std::size_t{1}}}) {
    for (std::size_t i = 0; i < c.size(); ++i) {
      SCOPED_TRACE(::testing::Message() << "length " << length << " i " << i);
      const swing_confirmation full = confirm_swings(c, i, length);
      ohlcv extended = prefix(c, i + 1);
      for (int k = 0; k < 3; ++k) extended.push_back(0, 0, 1000, -1000, 0, 0);
      const swing_confirmation cut = confirm_swings(extended, i, length);
      EXPECT_TRUE(same(full.high, cut.high));
      EXPECT_TRUE(same(full.low, cut.low));
      const swing_confirmation alone = confirm_swings(prefix(c, i + 1), i, length);
      EXPECT_TRUE(same(full.high, alone.high));
      EXPECT_TRUE(same(full.low, alone.low));
    }
  }
  // The zigzag's swings, worked by hand (length 1, candle i - 1 against i - 2 and i):
  // i=2: candle 1 high 12 > 10, >= 11 -> high 12@1; low 9 not < 8.
  // i=3: candle 2 low 7 < 9, <= 10 -> low 7@2; high 11 not > 12.
  // i=4: candle 3 high 13 > 11, >= 12 -> high 13@3; low 10 not < 7.
  // i=5: candle 4 high 12 not > 13; low 9.5 < 10 but 6 < 9.5 on the right: nothing.
  // i=6: candle 5 high 12 not > 12 (strict left); low 6 < 9.5, <= 11 -> low 6@5.
  expect_swing(confirm_swings(zigzag, 2, 1).high, 1, 12, "i=2");
  expect_swing(confirm_swings(zigzag, 3, 1).low, 2, 7, "i=3");
  expect_swing(confirm_swings(zigzag, 4, 1).high, 3, 13, "i=4");
  EXPECT_FALSE(confirm_swings(zigzag, 5, 1).high.has_value());
  EXPECT_FALSE(confirm_swings(zigzag, 5, 1).low.has_value());
  EXPECT_FALSE(confirm_swings(zigzag, 6, 1).high.has_value());
  expect_swing(confirm_swings(zigzag, 6, 1).low, 5, 6, "i=6");
  // And candle i itself does count: replacing candle 4 of peak_at_2() by a high of 1000
  // spoils the swing confirmed at i = 4.
  ohlcv spoiled = prefix(peak_at_2(), 4);
  spoiled.push_back(0, 0, 1000, -1000, 0, 0);
  EXPECT_FALSE(confirm_swings(spoiled, 4, 2).high.has_value());
}

}  // namespace
}  // namespace tb::ictsmc
