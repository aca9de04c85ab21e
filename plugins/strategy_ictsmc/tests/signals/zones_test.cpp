// zone_book (signals/zones.hpp): fair-value gaps known at the close of their third candle,
// order blocks made by structure breaks, retests (a candle trading into the zone without
// closing through it), invalidation by a close through, ageing out after max_age candles and
// spending. Zones are only visible through size() and the retest summary of retested(), so
// each zone is looked at by retesting it with a candle that touches it.
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "../hand_candles.hpp"
#include "signals/zones.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

// The last retest() touched zones of `direction` with these kinds and outer bounds.
void expect_retested(const zone_book& book, int direction, bool order_block, bool fair_value_gap,
                     double top, double bottom) {
  const zone_book::retest_summary& s = book.retested(direction);
  EXPECT_TRUE(s.any);
  EXPECT_EQ(s.order_block, order_block);
  EXPECT_EQ(s.fair_value_gap, fair_value_gap);
  EXPECT_EQ(s.top, top);
  EXPECT_EQ(s.bottom, bottom);
}

bool none_retested(const zone_book& book, int direction) {
  const zone_book::retest_summary& s = book.retested(direction);
  return !s.any && !s.order_block && !s.fair_value_gap;
}

constexpr bool ob = true, fvg = true, no = false;

// The caller's order for candle i: retest first, then add what candle i makes.
void feed_gaps(zone_book& book, const ohlcv& c, std::size_t upto) {
  for (std::size_t i = 0; i <= upto; ++i) {
    book.retest(c, i);
    book.add_fair_value_gap(c, i);
  }
}

TEST(zones, bullish_fair_value_gap) {
  const ohlcv c = candles({hl(10, 8),      // 0: high 10
                           hl(13, 9.5),    // 1
                           hl(14, 11),     // 2: low 11 > high[0] 10: bullish gap, top 11, bottom 10
                           row{14, 14.5, 10.5, 11.5}});  // 3: low 10.5 <= 11, close 11.5 >= 10
  zone_book book(50);
  feed_gaps(book, c, 2);
  EXPECT_EQ(book.size(), 1u);  // i = 0, 1 make nothing (fewer than three candles)
  book.retest(c, 3);
  expect_retested(book, +1, no, fvg, 11, 10);
  EXPECT_TRUE(none_retested(book, -1));
}

TEST(zones, bearish_fair_value_gap) {
  const ohlcv c = candles({hl(20, 18),     // 0: low 18
                           hl(19, 15),     // 1
                           hl(16, 14),     // 2: high 16 < low[0] 18: bearish gap, top 18, bottom 16
                           row{15, 17, 15, 16.5}});  // 3: high 17 >= 16, close 16.5 <= 18
  zone_book book(50);
  feed_gaps(book, c, 2);
  EXPECT_EQ(book.size(), 1u);
  book.retest(c, 3);
  expect_retested(book, -1, no, fvg, 18, 16);
  EXPECT_TRUE(none_retested(book, +1));
}

TEST(zones, no_gap_when_the_candles_touch) {
  // low[2] 10 == high[0] 10 (bullish side) and, in the second set, high[2] 18 == low[0] 18.
  const ohlcv up = candles({hl(10, 8), hl(13, 9.5), hl(14, 10)});
  const ohlcv down = candles({hl(20, 18), hl(19, 15), hl(18, 14)});
  zone_book book(50);
  feed_gaps(book, up, 2);
  feed_gaps(book, down, 2);
  EXPECT_EQ(book.size(), 0u);
}

// Candles for the order-block tests.
//   0 10/9   1 12/10 (swing high 12)   2 11.5/9   3 10/7   4 9.5/8   5 9.8/7   6 13/9.5 (break)
ohlcv block_candles() {
  return candles({hl(10, 9),
                  hl(12, 10),
                  row{11, 11.5, 9, 9.5},
                  row{9.5, 10, 7, 8},
                  row{8, 9.5, 8, 9},
                  row{9, 9.8, 7, 9.5},
                  row{9.5, 13, 9.5, 12.5},
                  row{12.5, 12.6, 9.7, 10}});
}

TEST(zones, bullish_order_block_is_the_lowest_low_between_ties_to_the_latest) {
  const ohlcv c = block_candles();
  // Break of the swing high 12 (candle 1) by candle 6. Between them: candles 2..5 with lows
  // 9, 7, 8, 7: the lowest is 7, at 3 and 5; the tie goes to the latest, 5: 7..9.8.
  zone_book book(50);
  book.add_order_block(c, structure_break{+1, false, 12, 1, 6});
  // Candle 7: low 9.7 <= top 9.8, close 10 >= bottom 7: retested.
  book.retest(c, 7);
  expect_retested(book, +1, ob, no, 9.8, 7);
}

TEST(zones, bearish_order_block_is_the_highest_high_between) {
  const ohlcv c = candles({hl(12, 10),
                           hl(11, 8),                 // 1: swing low 8
                           row{10, 14, 9, 13},        // 2: high 14
                           row{13, 16, 12, 12.5},     // 3: high 16 (the highest)
                           row{12.5, 15, 11, 11.5},   // 4: high 15
                           row{11.5, 11.6, 7, 7.5},   // 5: close 7.5 < 8: the break
                           row{7.5, 12.5, 7.4, 12}}); // 6: high 12.5 >= 12, close 12 <= 16
  zone_book book(50);
  book.add_order_block(c, structure_break{-1, false, 8, 1, 5});
  book.retest(c, 6);
  expect_retested(book, -1, ob, no, 16, 12);
}

TEST(zones, order_block_ignores_the_swing_and_the_breaking_candle) {
  // The lowest lows are the swing candle 1 (low 2) and the break candle 4 (low 1); between
  // them, candles 2 and 3 with lows 6 and 5: the block is candle 3, 5..7.
  const ohlcv c = candles({hl(10, 9), row{9, 12, 2, 11}, row{11, 11.5, 6, 7}, row{7, 7, 5, 6},
                           row{6, 13, 1, 12.5}, row{12, 12, 6.5, 7}});
  zone_book book(50);
  book.add_order_block(c, structure_break{+1, false, 12, 1, 4});
  book.retest(c, 5);  // low 6.5 <= 7, close 7 >= 5
  expect_retested(book, +1, ob, no, 7, 5);
}

TEST(zones, order_block_with_no_candle_between_is_the_candle_before_the_break) {
  // Swing at 4, break at 5: nothing strictly between, so the block is candle 4: 11..12.
  const ohlcv c = candles({hl(1, 0), hl(1, 0), hl(1, 0), hl(1, 0), hl(12, 11), hl(13, 1),
                           row{13, 13, 11.5, 12}});
  zone_book book(50);
  book.add_order_block(c, structure_break{+1, false, 12, 4, 5});
  book.retest(c, 6);  // low 11.5 <= 12, close 12 >= 11
  expect_retested(book, +1, ob, no, 12, 11);
}

TEST(zones, retest_needs_a_touch_and_is_remarked_every_candle) {
  const ohlcv c = candles({hl(10, 8), hl(13, 9.5), hl(14, 11),  // gap 10..11 at 2
                           hl(14, 11.5),    // 3: low 11.5 > 11: no touch
                           row{12, 13, 11, 12.5},  // 4: low 11 == top: a touch
                           hl(14, 12)});    // 5: low 12: no touch, the mark is cleared
  zone_book book(50);
  feed_gaps(book, c, 2);
  book.retest(c, 3);
  EXPECT_TRUE(none_retested(book, +1));
  book.retest(c, 4);
  expect_retested(book, +1, no, fvg, 11, 10);
  book.retest(c, 5);
  EXPECT_TRUE(none_retested(book, +1));
  EXPECT_EQ(book.size(), 1u);
}

TEST(zones, a_close_through_invalidates_a_close_at_the_edge_does_not) {
  // Bullish gap 10..11 (made at 2). Candle 3 closes at 10, exactly the bottom: still inside,
  // retested. Candle 4 closes at 9.9 < 10: through, the zone is gone (no retest either).
  const ohlcv up = candles({hl(10, 8), hl(13, 9.5), hl(14, 11), row{11, 11.2, 9.8, 10},
                            row{10, 10.5, 9.5, 9.9}});
  zone_book book(50);
  feed_gaps(book, up, 2);
  book.retest(up, 3);
  EXPECT_TRUE(book.retested(+1).any);
  book.retest(up, 4);
  EXPECT_EQ(book.size(), 0u);
  EXPECT_TRUE(none_retested(book, +1));

  // Bearish gap 16..18 (made at 2). Candle 3 closes at 18 = top: retested. Candle 4 at 18.1
  // > 18: gone.
  const ohlcv down = candles({hl(20, 18), hl(19, 15), hl(16, 14), row{17, 18.2, 16.5, 18},
                              row{18, 18.5, 17.5, 18.1}});
  zone_book bear(50);
  feed_gaps(bear, down, 2);
  bear.retest(down, 3);
  EXPECT_TRUE(bear.retested(-1).any);
  bear.retest(down, 4);
  EXPECT_EQ(bear.size(), 0u);
}

TEST(zones, a_zone_ages_out_after_max_age_candles) {
  // max_age 3, gap made at 2: alive at 3, 4, 5 (age 1..3), dropped at 6 (age 4 > 3).
  // Candles 3, 4 don't touch it (lows 12); candle 5 touches (low 10.5): age 3 still counts.
  // Candle 6 touches too, but the zone is already too old.
  const ohlcv c = candles({hl(10, 8), hl(13, 9.5), hl(14, 11), hl(14, 12), hl(14, 12),
                           row{12, 12.5, 10.5, 12}, row{12, 12.5, 10.5, 12}});
  zone_book book(3);
  feed_gaps(book, c, 2);
  book.retest(c, 3);
  book.retest(c, 4);
  EXPECT_EQ(book.size(), 1u);
  book.retest(c, 5);
  EXPECT_TRUE(book.retested(+1).any);
  book.retest(c, 6);
  EXPECT_EQ(book.size(), 0u);
  EXPECT_TRUE(none_retested(book, +1));
}

TEST(zones, spend_removes_only_the_retested_zones_of_that_direction) {
  // Blocks from breaks with one candle between swing and break:
  //   A: bullish, candle 1, 10..11 (created 2)   B: bullish, candle 2, 8..9 (created 3)
  //   C: bearish, candle 3, 13..14 (created 4)
  // Candle 5 (high 13.5, low 10.5, close 12): A low 10.5 <= 11 retested; B 10.5 > 9 not;
  // C high 13.5 >= 13 retested; no close through any (12 >= 10, 12 >= 8, 12 <= 14).
  const ohlcv c = candles({hl(1, 0), hl(11, 10), hl(9, 8), hl(14, 13), hl(1, 0),
                           row{12, 13.5, 10.5, 12}, hl(9, 8.5)});
  zone_book book(50);
  book.add_order_block(c, structure_break{+1, false, 0, 0, 2});
  book.add_order_block(c, structure_break{+1, false, 0, 1, 3});
  book.add_order_block(c, structure_break{-1, false, 0, 2, 4});
  book.retest(c, 5);
  expect_retested(book, +1, ob, no, 11, 10);
  expect_retested(book, -1, ob, no, 14, 13);
  book.spend(+1);
  EXPECT_EQ(book.size(), 2u);  // B and C
  EXPECT_TRUE(none_retested(book, +1));
  expect_retested(book, -1, ob, no, 14, 13);
  book.spend(-1);
  EXPECT_EQ(book.size(), 1u);  // B
  // B is still there: candle 6 (low 8.5 <= 9, close 9 >= 8) retests it.
  book.retest(c, 6);
  expect_retested(book, +1, ob, no, 9, 8);
}

TEST(zones, the_summary_spans_every_zone_the_candle_retested_and_only_those) {
  // Bullish zones: a gap 10..11 (made at 2), a block on candle 3, 10.5..12.5 (break at 4 of a
  // swing at 2), a block on candle 0, 8..10 (a break at 1 with nothing between: the candle
  // before the break).
  const ohlcv c = candles({hl(10, 8), hl(13, 9.5), hl(14, 11), hl(12.5, 10.5), hl(15, 13),
                           row{13, 13.5, 10.8, 12},   // 5
                           row{13, 14, 11.5, 13}});   // 6
  zone_book book(50);
  feed_gaps(book, c, 2);
  book.add_order_block(c, structure_break{+1, false, 0, 2, 4});
  book.add_order_block(c, structure_break{+1, false, 0, 0, 1});
  EXPECT_EQ(book.size(), 3u);
  // Candle 5 (low 10.8, close 12): gap 10.8 <= 11, block 10.8 <= 12.5: both retested; the
  // old block's top 10 < 10.8: not. Outer bounds: top max(11, 12.5) = 12.5, bottom
  // min(10, 10.5) = 10 (not 8: the untouched block does not count).
  book.retest(c, 5);
  expect_retested(book, +1, ob, fvg, 12.5, 10);
  EXPECT_TRUE(none_retested(book, -1));
  // Candle 6 (low 11.5): only the block on candle 3.
  book.retest(c, 6);
  expect_retested(book, +1, ob, no, 12.5, 10.5);
  EXPECT_EQ(book.size(), 3u);
}

TEST(zones, a_zone_added_at_candle_i_is_not_retested_by_candle_i) {
  // The caller retests with candle i first, then adds the zones candle i makes (zones.hpp:
  // "Call before adding the zones candle i makes"). Candle 2 makes the gap 10..11 and its own
  // low 11 equals the top, so it would count as a touch had the order been the other way.
  const ohlcv c = candles({hl(10, 8), hl(13, 9.5), hl(14, 11), hl(15, 12),
                           row{12, 12.5, 10.8, 12}});
  zone_book book(50);
  feed_gaps(book, c, 2);
  EXPECT_EQ(book.size(), 1u);
  EXPECT_TRUE(none_retested(book, +1));
  book.retest(c, 3);  // low 12 > 11
  EXPECT_TRUE(none_retested(book, +1));
  book.retest(c, 4);  // low 10.8 <= 11, close 12: the first retest
  expect_retested(book, +1, no, fvg, 11, 10);

  // The other order, for contrast: adding before retest(2) marks it at once.
  zone_book wrong(50);
  wrong.add_fair_value_gap(c, 2);
  wrong.retest(c, 2);
  EXPECT_TRUE(wrong.retested(+1).any);
}

}  // namespace
}  // namespace tb::ictsmc
