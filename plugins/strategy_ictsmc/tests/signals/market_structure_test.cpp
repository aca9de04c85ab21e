// market_structure (signals/market_structure.hpp): a close strictly beyond the latest swing
// high (low) that no close has broken yet is a bullish (bearish) break; with the trend it is
// a break of structure (BOS), against it a change of character (CHoCH) that turns the trend.
// The swings are given by hand here (the class only reads the closes and what it is fed).
#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <optional>

#include "../hand_candles.hpp"
#include "signals/market_structure.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

// Candles that only have a close (open = high = low = close).
ohlcv closes(std::initializer_list<double> values) {
  ohlcv out;
  std::int64_t t = 0;
  for (const double c : values) out.push_back(t += 60'000, c, c, c, c, 0);
  return out;
}

swing_confirmation none() { return {}; }
swing_confirmation high_at(std::size_t index, double level) {
  return {confirmed_swing{index, level}, std::nullopt};
}
swing_confirmation low_at(std::size_t index, double level) {
  return {std::nullopt, confirmed_swing{index, level}};
}
swing_confirmation both(std::size_t hi, double hi_level, std::size_t lo, double lo_level) {
  return {confirmed_swing{hi, hi_level}, confirmed_swing{lo, lo_level}};
}

void expect_break(const std::optional<structure_break>& got, int direction, bool choch,
                  double level, std::size_t swing_index, std::size_t index) {
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->direction, direction);
  EXPECT_EQ(got->change_of_character, choch);
  EXPECT_EQ(got->level, level);
  EXPECT_EQ(got->swing_index, swing_index);
  EXPECT_EQ(got->index, index);
}

TEST(market_structure, bos_and_choch_through_a_sequence) {
  const ohlcv c = closes({10, 11, 12, 12.5, 13, 13.5, 14.5, 7.5, 6.9, 9.5});
  market_structure m;
  EXPECT_EQ(m.trend(), 0);
  EXPECT_FALSE(m.last_break().has_value());

  // 0: no swings yet.
  EXPECT_FALSE(m.update(c, 0, none()).has_value());
  // 1: swing high 12 and swing low 8 (both at candle 0) become known; close 11 is between.
  EXPECT_FALSE(m.update(c, 1, both(0, 12, 0, 8)).has_value());
  // 2: close 12 exactly at the swing high: not beyond it, no break.
  EXPECT_FALSE(m.update(c, 2, none()).has_value());
  EXPECT_EQ(m.trend(), 0);
  // 3: close 12.5 > 12: bullish. The trend was 0 (no break yet): not against it, so a BOS.
  expect_break(m.update(c, 3, none()), +1, false, 12, 0, 3);
  EXPECT_EQ(m.trend(), +1);
  // 4: close 13 > 12 again, but the level is already broken: nothing.
  EXPECT_FALSE(m.update(c, 4, none()).has_value());
  expect_break(m.last_break(), +1, false, 12, 0, 3);
  // 5: new swing high 14 at 4; close 13.5 below it.
  EXPECT_FALSE(m.update(c, 5, high_at(4, 14)).has_value());
  // 6: close 14.5 > 14 with the trend up: BOS.
  expect_break(m.update(c, 6, none()), +1, false, 14, 4, 6);
  EXPECT_EQ(m.trend(), +1);
  // 7: close 7.5 < the swing low 8 (candle 0, never broken): against the trend: CHoCH down.
  expect_break(m.update(c, 7, none()), -1, true, 8, 0, 7);
  EXPECT_EQ(m.trend(), -1);
  // 8: new swing low 7 at 7; close 6.9 < 7 with the trend down: BOS.
  expect_break(m.update(c, 8, low_at(7, 7)), -1, false, 7, 7, 8);
  EXPECT_EQ(m.trend(), -1);
  // 9: new swing high 9 at 8; close 9.5 > 9 against the trend: CHoCH up.
  expect_break(m.update(c, 9, high_at(8, 9)), +1, true, 9, 8, 9);
  EXPECT_EQ(m.trend(), +1);
  expect_break(m.last_break(), +1, true, 9, 8, 9);
}

TEST(market_structure, close_exactly_at_a_swing_low_is_not_a_break) {
  const ohlcv c = closes({10, 9, 8, 7.99});
  market_structure m;
  EXPECT_FALSE(m.update(c, 0, none()).has_value());
  EXPECT_FALSE(m.update(c, 1, low_at(0, 8)).has_value());
  EXPECT_FALSE(m.update(c, 2, none()).has_value());  // close 8 == 8
  EXPECT_EQ(m.trend(), 0);
  expect_break(m.update(c, 3, none()), -1, false, 8, 0, 3);  // 7.99 < 8: first break, BOS
  EXPECT_EQ(m.trend(), -1);
}

TEST(market_structure, a_broken_level_is_not_broken_twice) {
  // Swing low 8: broken by 7.5 at 2; the closes 7, 9 (back above) and 6 (below again) at 3..5
  // break nothing more, since no new swing low was confirmed.
  const ohlcv c = closes({10, 9, 7.5, 7, 9, 6});
  market_structure m;
  m.update(c, 0, none());
  m.update(c, 1, low_at(0, 8));
  expect_break(m.update(c, 2, none()), -1, false, 8, 0, 2);
  for (std::size_t i = 3; i < c.size(); ++i) EXPECT_FALSE(m.update(c, i, none()).has_value()) << i;
  expect_break(m.last_break(), -1, false, 8, 0, 2);
  EXPECT_EQ(m.trend(), -1);
}

TEST(market_structure, a_new_swing_replaces_the_old_one_of_its_side) {
  const ohlcv c = closes({10, 11, 13, 15.5, 11.5, 11.2});
  market_structure m;
  m.update(c, 0, none());
  m.update(c, 1, high_at(0, 12));
  // 2: a new swing high 15 at 1 replaces 12 before the close is looked at: 13 > 12 but
  // < 15: no break.
  EXPECT_FALSE(m.update(c, 2, high_at(1, 15)).has_value());
  // 3: 15.5 > 15: the break is of the new level.
  expect_break(m.update(c, 3, none()), +1, false, 15, 1, 3);
  // 4: a new swing high 11 at 3 replaces the broken 15 and is unbroken: close 11.5 breaks it.
  expect_break(m.update(c, 4, high_at(3, 11)), +1, false, 11, 3, 4);
  // 5: 11.2 > 11, already broken.
  EXPECT_FALSE(m.update(c, 5, none()).has_value());
}

TEST(market_structure, a_new_swing_low_replaces_an_unbroken_one) {
  // Swing low 8 at 0, then 9 at 2 (a higher low) replaces it: close 8.5 breaks the 9, not
  // the 8 (which is no longer tracked); close 7.5 later breaks nothing (9 is broken).
  const ohlcv c = closes({10, 11, 10, 8.5, 7.5});
  market_structure m;
  m.update(c, 0, none());
  m.update(c, 1, low_at(0, 8));
  EXPECT_FALSE(m.update(c, 2, low_at(2, 9)).has_value());  // close 10 above 9
  expect_break(m.update(c, 3, none()), -1, false, 9, 2, 3);
  EXPECT_FALSE(m.update(c, 4, none()).has_value());
}

TEST(market_structure, from_confirmed_swings) {
  // Length 1 swings from confirm_swings feeding the class, as the setup finder does:
  //   candle: 0        1        2        3         4          5
  //   h/l:    10/8     12/9     11/7     11.5/9.5  13/11      14/12   (hl: close = high)
  // i=2 confirms high 12@1 (10 < 12 >= 11); close 11 < 12.
  // i=3 confirms low 7@2 (9 > 7 <= 9.5); close 11.5.
  // i=4: close 13 > 12: the first break, bullish, not a CHoCH.
  // i=5: candle 4 high 13 > 11.5 but 14 > 13 on the right: no swing; close 14: 12 is broken.
  const ohlcv c = candles({hl(10, 8), hl(12, 9), hl(11, 7), hl(11.5, 9.5), hl(13, 11), hl(14, 12)});
  market_structure m;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const auto made = m.update(c, i, confirm_swings(c, i, 1));
    if (i == 4) {
      expect_break(made, +1, false, 12, 1, 4);
    } else {
      EXPECT_FALSE(made.has_value()) << i;
    }
  }
  EXPECT_EQ(m.trend(), +1);
}

}  // namespace
}  // namespace tb::ictsmc
