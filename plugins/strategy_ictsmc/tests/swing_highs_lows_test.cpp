// swing_highs_lows (spec section 2) on hand-built candles. Each expected row is derived in
// the comments from the window rule: with s = swing_length, candle i is a candidate only for
// 2s-1 <= i <= n-s-1, a high if high[i] is the max of high[i-s+1 .. i+s], else a low if low[i]
// is the min of low over the same window.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <random>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

TEST(swing_highs_lows, window_is_asymmetric_and_runs_keep_the_extreme) {
  // s = 2, n = 9: candidates 3..6, windows i-1 .. i+2.
  const ohlcv c = candles({hl(50, 49), hl(50, 49), hl(9, 8), hl(10, 9), hl(4, 2), hl(8, 7),
                           hl(7, 3), hl(9, 8), hl(6, 5)});
  // i=3: highs 2..5 = 9,10,4,8 -> 10 is the max: high (high[1]=50 lies outside: i-s = 1).
  // i=4: highs 3..6 max 10 != 4; lows 3..6 = 9,2,7,3 -> 2: low.
  // i=5: highs 4..7 = 4,8,7,9: high[7] (= i+s, inside) beats 8; lows min 2 != 7: nothing.
  // i=6: lows 5..8 = 7,3,8,5 -> 3: low. Runs: lows 4 (2) and 6 (3) -> keep 4.
  // i=7 (= n-s) would be a high on its truncated window 6..8 but is never evaluated.
  // Row 0 takes the opposite of the first swing (high -> low, low[0] = 49), row 8 the
  // opposite of the last (low -> high, high[8] = 6).
  const swing_points s = swing_highs_lows(c, 2);
  expect_values(s.high_low, {-1, N, N, 1, -1, N, N, N, 1}, "HighLow");
  expect_values(s.level, {49, N, N, 10, 2, N, N, N, 6}, "Level");
}

TEST(swing_highs_lows, ties_and_candles_both_high_and_low) {
  // s = 1: window i .. i+1, candidates 1..6 (n = 8).
  const ohlcv c =
      candles({hl(5, 4), hl(7, 5), hl(7, 6), hl(8, 0.5), hl(3, 1), hl(4, 1), hl(6, 5), hl(10, 9)});
  // i=1: 7 >= 7 high.   i=2: 7 >= 8? no; 6 <= 0.5? no.
  // i=3: 8 >= 3 high, and also 0.5 <= 1 (a low): both -> only a high.
  // i=4: 3 >= 4? no; 1 <= 1 low (tie).  i=5: 1 <= 5 low.  i=6: 6 >= 10 no; 5 <= 9 low.
  // Runs: highs 1 (7), 3 (8) -> 3 (the later, more extreme); lows 4 (1), 5 (1), 6 (5) -> 4
  // (tie with 5: the earliest). Had 3 been taken as a low it would win the low run (0.5).
  // Ends: row 0 low (4), row 7 high (10).
  const swing_points s = swing_highs_lows(c, 1);
  expect_values(s.high_low, {-1, N, N, 1, -1, N, N, 1}, "HighLow");
  expect_values(s.level, {4, N, N, 8, 1, N, N, 10}, "Level");
}

TEST(swing_highs_lows, first_candidate_is_at_2s_minus_1) {
  // s = 2, n = 7: candidates 3..4 only. Candle 2 is the max of its window 1..4 (9) but the
  // reference's rolling window is not yet full there; 3 and 4 are neither (max 9 / min 1 of
  // their windows lie elsewhere). No swing survives, so no synthetic end points either.
  const ohlcv c = candles({hl(1, 0), hl(1, 0), hl(9, 8), hl(5, 4), hl(4, 3), hl(3, 2), hl(2, 1)});
  const swing_points s = swing_highs_lows(c, 2);
  expect_values(s.high_low, {N, N, N, N, N, N, N}, "HighLow");
  expect_values(s.level, {N, N, N, N, N, N, N}, "Level");
}

TEST(swing_highs_lows, fewer_candles_than_the_window) {
  // n = 5 < 3s = 6 for s = 2: the candidate range 3..2 is empty.
  const ohlcv c = candles({hl(1, 0), hl(2, 1), hl(9, 1), hl(2, 1), hl(1, 0)});
  const swing_points s = swing_highs_lows(c, 2);
  expect_values(s.high_low, {N, N, N, N, N}, "HighLow");
  EXPECT_TRUE(swing_highs_lows(ohlcv{}, 1).high_low.empty());
  EXPECT_THROW(swing_highs_lows(c, 0), std::invalid_argument);
}

TEST(swing_highs_lows, end_points_take_the_opposite_type) {
  // s = 1, n = 4: candidates 1..2. i=1: 5 >= 3 high; i=2: 3 >= 4? no; 2 <= 3 low.
  // Runs: high 1, low 2 -> both survive; row 0 low (low[0] = 1), row 3 high (4).
  // Then n = 3 (drop the last candle): only i=1 (5 >= 3: high); rows 0 and 2 both low.
  const ohlcv c = candles({hl(2, 1), hl(5, 4), hl(3, 2), hl(4, 3)});
  const swing_points s = swing_highs_lows(c, 1);
  expect_values(s.high_low, {-1, 1, -1, 1}, "HighLow");
  expect_values(s.level, {1, 5, 2, 4}, "Level");
  const ohlcv three = candles({hl(2, 1), hl(5, 4), hl(3, 2)});
  const swing_points t = swing_highs_lows(three, 1);
  expect_values(t.high_low, {-1, 1, -1}, "HighLow");
  expect_values(t.level, {1, 5, 2}, "Level");
}

// The reference's steps as the spec words them: full window scans, the alternation clean-up
// repeated until nothing changes (pairs judged on one snapshot), then the end points.
swing_points swings_as_written(const ohlcv& c, std::size_t s) {
  const std::size_t n = c.size();
  std::vector<int> hl(n, 0);
  for (std::size_t i = 2 * s - 1; i + s < n; ++i) {
    double top = c.high[i + 1 - s], bottom = c.low[i + 1 - s];
    for (std::size_t j = i + 1 - s; j <= i + s; ++j) {
      top = std::max(top, c.high[j]);
      bottom = std::min(bottom, c.low[j]);
    }
    hl[i] = c.high[i] == top ? 1 : c.low[i] == bottom ? -1 : 0;
  }
  for (bool removed = true; removed;) {
    removed = false;
    std::vector<std::size_t> pos;
    for (std::size_t i = 0; i < n; ++i) {
      if (hl[i] != 0) pos.push_back(i);
    }
    std::vector<std::size_t> gone;
    for (std::size_t k = 0; k + 1 < pos.size(); ++k) {
      const std::size_t a = pos[k], b = pos[k + 1];
      if (hl[a] == 1 && hl[b] == 1) gone.push_back(c.high[a] < c.high[b] ? a : b);
      if (hl[a] == -1 && hl[b] == -1) gone.push_back(c.low[a] > c.low[b] ? a : b);
    }
    for (const std::size_t g : gone) hl[g] = 0;
    removed = !gone.empty();
  }
  std::vector<std::size_t> pos;
  for (std::size_t i = 0; i < n; ++i) {
    if (hl[i] != 0) pos.push_back(i);
  }
  if (!pos.empty()) {
    if (hl[pos.front()] == 1) hl[0] = -1;
    if (hl[pos.front()] == -1) hl[0] = 1;
    if (hl[pos.back()] == -1) hl[n - 1] = 1;
    if (hl[pos.back()] == 1) hl[n - 1] = -1;
  }
  swing_points out{std::vector<double>(n, N), std::vector<double>(n, N)};
  for (std::size_t i = 0; i < n; ++i) {
    if (hl[i] == 0) continue;
    out.high_low[i] = hl[i];
    out.level[i] = hl[i] > 0 ? c.high[i] : c.low[i];
  }
  return out;
}

TEST(swing_highs_lows, agrees_with_the_reference_steps_as_written) {
  const unsigned seed = std::random_device{}();
  std::printf("swing_highs_lows random test seed %u\n", seed);
  std::mt19937 rng(seed);
  for (int round = 0; round < 400; ++round) {
    const ohlcv c = random_candles(rng, rng() % 80);
    const std::size_t s = 1 + rng() % 6;
    SCOPED_TRACE(::testing::Message() << "seed " << seed << " round " << round << " s " << s);
    const swing_points want = swings_as_written(c, s);
    const swing_points got = swing_highs_lows(c, static_cast<int>(s));
    expect_values(got.high_low, want.high_low, "HighLow");
    expect_values(got.level, want.level, "Level");
    if (HasFailure()) return;
  }
}

TEST(swing_highs_lows, through_the_registry) {
  // s = 1 zigzag (the same candles as the bos_choch and ob registry tests):
  // i=1 low (10 <= 13), i=2 low (13 <= 18), i=3 high (20 >= 19), i=4 high (19 >= 17),
  // i=5 low (15 <= 17), i=6 low (17 <= 21), i=7 high (25 >= 23), i=8 high (23 >= 21).
  // Runs keep 1 (10), 3 (20), 5 (15), 7 (25); row 0 high (14), row 9 low (14).
  const ohlcv c = registry_zigzag();
  params p = with({{"swing_length", "1"}});
  const table t = compute_indicator("swing_highs_lows", c, p);
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"HighLow", "Level"}));
  expect_column(t, "HighLow", column_kind::float64, {1, -1, N, 1, N, -1, N, 1, N, -1});
  expect_column(t, "Level", column_kind::float64, {14, 10, N, 20, N, 15, N, 25, N, 14});

  params wrong = with({{"close_break", "true"}});
  expect_invalid_argument(
      [&] { compute_indicator("swing_highs_lows", c, wrong); },
      "indicator swing_highs_lows has no parameter close_break (it takes: swing_length)");
}

}  // namespace
}  // namespace tb::ictsmc
