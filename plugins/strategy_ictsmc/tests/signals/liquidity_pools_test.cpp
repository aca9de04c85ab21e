// liquidity_pools (signals/liquidity_pools.hpp): a pool at a confirmed swing high (buy-side)
// or low (sell-side) is taken by the first candle trading strictly beyond it; when that
// candle also closes strictly back inside, it was a sweep. Untaken pools are the targets:
// levels() lists them from the inside out (buy-side ascending, sell-side descending), at most
// max_pools = 64 a side, the farthest dropped beyond that. Only the candle passed to update()
// is read, so each test gives candles by hand at the indices it uses.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "../hand_candles.hpp"
#include "signals/liquidity_pools.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

swing_confirmation high_at(std::size_t index, double level) {
  return {confirmed_swing{index, level}, std::nullopt};
}
swing_confirmation low_at(std::size_t index, double level) {
  return {std::nullopt, confirmed_swing{index, level}};
}

void expect_sweep(const std::optional<liquidity_sweep>& got, int side, double level,
                  double extreme, std::size_t index) {
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->side, side);
  EXPECT_EQ(got->level, level);
  EXPECT_EQ(got->extreme, extreme);
  EXPECT_EQ(got->index, index);
}

using levels = std::vector<double>;

TEST(liquidity_pools, buy_side_sweep_wick_beyond_close_back_inside) {
  // Pool at the swing high 12. Candle 0: high 12 exactly, not beyond: untouched. Candle 1:
  // high 12.5 > 12, close 11.5 < 12: swept, level 12, extreme 12.5.
  const ohlcv c = candles({row{11, 12, 10, 11.5}, row{11.5, 12.5, 11, 11.5}});
  liquidity_pools p;
  p.add(high_at(0, 12));
  p.update(c, 0);
  EXPECT_FALSE(p.last_sweep(+1).has_value());
  EXPECT_EQ(p.levels(+1), (levels{12}));
  p.update(c, 1);
  expect_sweep(p.last_sweep(+1), +1, 12, 12.5, 1);
  EXPECT_FALSE(p.last_sweep(-1).has_value());
  EXPECT_TRUE(p.levels(+1).empty());  // taken
}

TEST(liquidity_pools, sell_side_sweep_wick_beyond_close_back_inside) {
  // Pool at the swing low 8. Candle 0: low 8 exactly: untouched. Candle 1: low 7.5 < 8,
  // close 8.5 > 8: swept, extreme 7.5.
  const ohlcv c = candles({row{9, 10, 8, 9}, row{9, 9.5, 7.5, 8.5}});
  liquidity_pools p;
  p.add(low_at(0, 8));
  p.update(c, 0);
  EXPECT_FALSE(p.last_sweep(-1).has_value());
  EXPECT_EQ(p.levels(-1), (levels{8}));
  p.update(c, 1);
  expect_sweep(p.last_sweep(-1), -1, 8, 7.5, 1);
  EXPECT_FALSE(p.last_sweep(+1).has_value());
  EXPECT_TRUE(p.levels(-1).empty());
}

TEST(liquidity_pools, a_close_beyond_or_at_the_level_takes_the_pool_without_a_sweep) {
  // Buy-side 12: candle 0 high 12.5, close 12.3 > 12: taken, no sweep. Buy-side 14 (added
  // after): candle 1 high 14.2, close 14 == 14: not strictly back inside: taken, no sweep.
  // Sell-side 8: candle 2 low 7.5, close 8 == 8: taken, no sweep.
  const ohlcv c = candles({row{12, 12.5, 11.8, 12.3}, row{13.5, 14.2, 13.4, 14},
                           row{8.5, 9, 7.5, 8}});
  liquidity_pools p;
  p.add(high_at(0, 12));
  p.update(c, 0);
  EXPECT_FALSE(p.last_sweep(+1).has_value());
  EXPECT_TRUE(p.levels(+1).empty());
  p.add(high_at(1, 14));
  p.update(c, 1);
  EXPECT_FALSE(p.last_sweep(+1).has_value());
  EXPECT_TRUE(p.levels(+1).empty());
  p.add(low_at(1, 8));
  p.update(c, 2);
  EXPECT_FALSE(p.last_sweep(-1).has_value());
  EXPECT_TRUE(p.levels(-1).empty());
}

TEST(liquidity_pools, one_candle_taking_several_pools_records_the_farthest) {
  // Buy-side pools 11, 12, 10 (added in that order). Candle 0: high 13 > all three, close
  // 10.5: 10 is taken without a sweep (10.5 not < 10), 11 and 12 are swept; the farthest
  // swept is 12. Everything is taken.
  // Sell-side pools 7, 6, 8. Candle 1: low 5 < all three, close 7.5: 8 taken without a sweep
  // (7.5 not > 8), 7 and 6 swept; the farthest is 6.
  const ohlcv c = candles({row{11, 13, 10.2, 10.5}, row{7, 8.8, 5, 7.5}});
  liquidity_pools p;
  p.add(high_at(0, 11));
  p.add(high_at(1, 12));
  p.add(high_at(2, 10));
  p.add(low_at(3, 7));
  p.add(low_at(4, 6));
  p.add(low_at(5, 8));
  p.update(c, 0);
  expect_sweep(p.last_sweep(+1), +1, 12, 13, 0);
  EXPECT_TRUE(p.levels(+1).empty());
  p.update(c, 1);
  expect_sweep(p.last_sweep(-1), -1, 6, 5, 1);
  EXPECT_TRUE(p.levels(-1).empty());
}

TEST(liquidity_pools, the_farthest_pool_wins_whatever_the_order_they_were_added_in) {
  // Buy-side 12 then 11 (the farthest first); sell-side 6 then 7. Same candles as above.
  const ohlcv c = candles({row{11, 13, 10.2, 10.5}, row{7, 8.8, 5, 7.5}});
  liquidity_pools p;
  p.add(high_at(0, 12));
  p.add(high_at(1, 11));
  p.add(low_at(2, 6));
  p.add(low_at(3, 7));
  p.update(c, 0);
  expect_sweep(p.last_sweep(+1), +1, 12, 13, 0);
  p.update(c, 1);
  expect_sweep(p.last_sweep(-1), -1, 6, 5, 1);
}

TEST(liquidity_pools, a_later_sweep_replaces_the_earlier_one_even_at_a_nearer_level) {
  // Pools 14 and 12. Candle 0 (high 14.5, close 13) sweeps 14 only (12: 13 not < 12: taken
  // without a sweep). Pool 13 added; candle 1 (high 13.5, close 12.5) sweeps it: the latest
  // sweep is now 13 at candle 1, though 13 < 14.
  const ohlcv c = candles({row{12.5, 14.5, 12.4, 13}, row{13, 13.5, 12, 12.5}});
  liquidity_pools p;
  p.add(high_at(0, 14));
  p.add(high_at(1, 12));
  p.update(c, 0);
  expect_sweep(p.last_sweep(+1), +1, 14, 14.5, 0);
  p.add(high_at(2, 13));
  p.update(c, 1);
  expect_sweep(p.last_sweep(+1), +1, 13, 13.5, 1);
}

TEST(liquidity_pools, levels_from_the_inside_out) {
  liquidity_pools p;
  for (const double level : {15.0, 11.0, 13.0, 9.0}) p.add(high_at(0, level));
  for (const double level : {5.0, 8.0, 6.0, 9.0}) p.add(low_at(0, level));
  // Buy-side ascending: 9, 11, 13, 15. Sell-side descending: 9, 8, 6, 5.
  EXPECT_EQ(p.levels(+1), (levels{9, 11, 13, 15}));
  EXPECT_EQ(p.levels(-1), (levels{9, 8, 6, 5}));
  // A candle with high 12 takes buy-side 9 and 11 (close 11.8 is not back below 11, the
  // farthest taken: no sweep); 13, 15 are left. Its low 8.5 takes sell-side 9 only (close
  // 11.8 > 9: a sweep of 9).
  const ohlcv c = candles({row{10, 12, 8.5, 11.8}});
  p.update(c, 0);
  EXPECT_EQ(p.levels(+1), (levels{13, 15}));
  EXPECT_EQ(p.levels(-1), (levels{8, 6, 5}));
  EXPECT_FALSE(p.last_sweep(+1).has_value());
  expect_sweep(p.last_sweep(-1), -1, 9, 8.5, 0);
}

TEST(liquidity_pools, at_most_64_untaken_pools_a_side_the_farthest_dropped) {
  EXPECT_EQ(liquidity_pools::max_pools, 64u);
  // Buy-side pools at 1, 2, ..., 65: the 65th is the farthest (highest) and is dropped at
  // once, leaving 1..64. A nearer pool 0.5 then pushes out 64: 0.5, 1..63. The sell side
  // (one pool at 0.25) is capped separately and keeps its pool.
  liquidity_pools p;
  p.add(low_at(0, 0.25));
  for (int k = 1; k <= 65; ++k) p.add(high_at(static_cast<std::size_t>(k), k));
  levels want;
  for (int k = 1; k <= 64; ++k) want.push_back(k);
  EXPECT_EQ(p.levels(+1), want);
  p.add(high_at(66, 0.5));
  want.pop_back();
  want.insert(want.begin(), 0.5);
  EXPECT_EQ(p.levels(+1), want);
  EXPECT_EQ(p.levels(-1), (levels{0.25}));

  // Sell-side mirrored: lows 100, 99, ..., 36 (65 pools): the lowest, 36, is dropped.
  liquidity_pools q;
  for (int k = 100; k >= 36; --k) q.add(low_at(0, k));
  levels sell;
  for (int k = 100; k >= 37; --k) sell.push_back(k);
  EXPECT_EQ(q.levels(-1), sell);
}

TEST(liquidity_pools, the_cap_counts_untaken_pools_only) {
  // 64 pools at 2, 3, ..., 65; candle 0 (high 2.5, close 1.5) sweeps 2: 63 left. Adding 66
  // makes 64 again and drops nothing: 3..66.
  const ohlcv c = candles({row{1.5, 2.5, 1.4, 1.5}});
  liquidity_pools p;
  for (int k = 2; k <= 65; ++k) p.add(high_at(static_cast<std::size_t>(k), k));
  p.update(c, 0);
  expect_sweep(p.last_sweep(+1), +1, 2, 2.5, 0);
  p.add(high_at(66, 66));
  levels want;
  for (int k = 3; k <= 66; ++k) want.push_back(k);
  EXPECT_EQ(p.levels(+1), want);
}

}  // namespace
}  // namespace tb::ictsmc
