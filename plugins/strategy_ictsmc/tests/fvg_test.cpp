// fvg (spec section 1) on hand-built candles: a gap is marked on the middle candle i when
// high[i-1] < low[i+1] and the candle is bullish (or low[i-1] > high[i+1] and bearish);
// mitigation is the first touch of the near edge from candle i+2 on, 0 if none.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <random>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

void expect_fvg(const table& t, const std::vector<double>& gap, const std::vector<double>& top,
                const std::vector<double>& bottom, const std::vector<double>& mitigated) {
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"FVG", "Top", "Bottom", "MitigatedIndex"}));
  expect_column(t, "FVG", column_kind::float64, gap);
  expect_column(t, "Top", column_kind::float64, top);
  expect_column(t, "Bottom", column_kind::float64, bottom);
  expect_column(t, "MitigatedIndex", column_kind::float64, mitigated);
}

TEST(fvg, bullish_gap_is_mitigated_by_a_touch_from_i_plus_2) {
  const ohlcv c = candles({{10, 11, 9, 10.5},
                           {10.5, 13, 10.5, 12.8},  // bullish middle candle
                           {12.8, 14, 12, 13.5},    // high[0] = 11 < low[2] = 12: gap 12..11
                           {13.5, 13.6, 12.5, 13},  // 12.5 > Top
                           {13, 13.2, 12, 12.1}});  // low 12 <= Top 12: touched (edge only)
  // Candle 2 also has low 12 <= Top but is i+1, before the search starts.
  // Rows 2, 3: high[1] = 13 < low[3] = 12.5? no; high[2] = 14 < low[4] = 12? no; the
  // bearish tests (low[i-1] > high[i+1]) fail too. Rows 0 and 4 have no neighbour.
  expect_fvg(fvg(c), {N, 1, N, N, N}, {N, 12, N, N, N}, {N, 11, N, N, N}, {N, 4, N, N, N});
}

// Three adjacent bearish gaps (rows 1..3), none ever mitigated.
ohlcv falling() {
  return candles({{20, 21, 19, 19.5},
                  {19.5, 19.6, 17, 17.2},  // row 1: low[0] 19 > high[2] 18: Top 19, Bottom 18
                  {17.2, 18, 16, 16.5},    // row 2: low[1] 17 > high[3] 16.8: Top 17, Bottom 16.8
                  {16.5, 16.8, 15, 15.2},  // row 3: low[2] 16 > high[4] 15.5: Top 16, Bottom 15.5
                  {15.2, 15.5, 14, 14.5}});
}

TEST(fvg, unmitigated_gaps_get_0_including_the_one_on_n_minus_2) {
  // Row 1: highs from 3 on (16.8, 15.5) never reach 18. Row 2: high[4] 15.5 < 16.8.
  // Row 3: its search would start at 5 = n: 0 as well.
  expect_fvg(fvg(falling()), {N, -1, -1, -1, N}, {N, 19, 17, 16, N}, {N, 18, 16.8, 15.5, N},
             {N, 0, 0, 0, N});
}

TEST(fvg, join_consecutive_collapses_a_run_onto_its_last_candle) {
  // Rows 1, 2, 3 join onto 3: Top max(19, 17, 16) = 19, Bottom min(18, 16.8, 15.5) = 15.5.
  expect_fvg(fvg(falling(), true), {N, N, N, -1, N}, {N, N, N, 19, N}, {N, N, N, 15.5, N},
             {N, N, N, 0, N});
}

TEST(fvg, join_consecutive_happens_before_mitigation) {
  const ohlcv c =
      candles({{10, 11, 9, 10.5},
               {11, 12, 10.8, 11.9},  // row 1: high[0] 11 < low[2] 14: Top 14, Bottom 11
               {14.2, 16, 14, 15.8},  // row 2: high[1] 12 < low[3] 13: Top 13, Bottom 12
               {15.8, 16.5, 13, 16},  // rows 3, 4: 16 < 13.8? 16.5 < 12.9? no gaps
               {16, 16.2, 13.8, 14},
               {14, 14.5, 12.9, 13}});
  // Apart: row 1 (Top 14) from 3: low 13 -> 3; row 2 (Top 13) from 4: 13.8 no, 12.9 -> 5.
  expect_fvg(fvg(c), {N, 1, 1, N, N, N}, {N, 14, 13, N, N, N}, {N, 11, 12, N, N, N},
             {N, 3, 5, N, N, N});
  // Joined onto row 2: Top max(14, 13) = 14, Bottom min(11, 12) = 11; from 4: 13.8 <= 14.
  expect_fvg(fvg(c, true), {N, N, 1, N, N, N}, {N, N, 14, N, N, N}, {N, N, 11, N, N, N},
             {N, N, 4, N, N, N});
}

TEST(fvg, join_consecutive_leaves_opposite_signs_apart) {
  const ohlcv c = candles({{10, 11, 9, 10},
                           {11, 14, 10.8, 13.5},    // row 1 bullish: high[0] 11 < low[2] 12
                           {13.5, 14.5, 12, 12.2},  // row 2 bearish: low[1] 10.8 > high[3] 10.6
                           {10.5, 10.6, 9, 9.5},    // row 3: low[2] 12 > high[4] 12.5? no
                           {10, 12.5, 9.8, 12}});
  // Row 1 (Top 12): low[3] = 9 <= 12 -> 3. Row 2 (Bottom 10.6): high[4] = 12.5 >= 10.6 -> 4.
  for (const bool join : {false, true}) {
    SCOPED_TRACE(join);
    expect_fvg(fvg(c, join), {N, 1, -1, N, N}, {N, 12, 10.8, N, N}, {N, 11, 10.6, N, N},
               {N, 3, 4, N, N});
  }
}

TEST(fvg, doji_and_wrong_coloured_candles_never_qualify) {
  const ohlcv c = candles({{10, 11, 9, 10},
                           {12, 13, 10.5, 12},    // doji: 11 < low[2] 12, but close == open
                           {12.5, 14, 12, 13.5},  // row 2: high[1] 13 < low[3] 12.9? no
                           {15, 16, 12.9, 14.8},  // bearish candle, high[2] 14 < low[4] 15
                           {15, 17, 15, 16.5}});
  expect_fvg(fvg(c), {N, N, N, N, N}, {N, N, N, N, N}, {N, N, N, N, N}, {N, N, N, N, N});
}

TEST(fvg, fewer_than_three_candles) {
  const ohlcv c = candles({{10, 11, 9, 10.5}, {10.5, 13, 12, 12.8}});
  expect_fvg(fvg(c), {N, N}, {N, N}, {N, N}, {N, N});
  EXPECT_EQ(fvg(ohlcv{}).front().values.size(), 0u);
}

// The reference's steps as the spec words them: detection, the join walk, then a forward
// search per gap.
table fvg_as_written(const ohlcv& c, bool join) {
  const std::size_t n = c.size();
  std::vector<double> gap(n, N), top(n, N), bottom(n, N), mitigated(n, N);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    if (c.high[i - 1] < c.low[i + 1] && c.close[i] > c.open[i]) {
      gap[i] = 1, top[i] = c.low[i + 1], bottom[i] = c.high[i - 1];
    } else if (c.low[i - 1] > c.high[i + 1] && c.close[i] < c.open[i]) {
      gap[i] = -1, top[i] = c.low[i - 1], bottom[i] = c.high[i + 1];
    }
  }
  for (std::size_t k = 0; join && k + 1 < n; ++k) {
    if (gap[k] == gap[k + 1]) {
      top[k + 1] = std::max(top[k], top[k + 1]);
      bottom[k + 1] = std::min(bottom[k], bottom[k + 1]);
      gap[k] = top[k] = bottom[k] = N;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(gap[i])) continue;
    mitigated[i] = 0;
    for (std::size_t j = i + 2; j < n; ++j) {
      if (gap[i] > 0 ? c.low[j] <= top[i] : c.high[j] >= bottom[i]) {
        mitigated[i] = static_cast<double>(j);
        break;
      }
    }
  }
  return {column{"FVG", column_kind::float64, gap}, column{"Top", column_kind::float64, top},
          column{"Bottom", column_kind::float64, bottom},
          column{"MitigatedIndex", column_kind::float64, mitigated}};
}

TEST(fvg, agrees_with_the_reference_steps_as_written) {
  const unsigned seed = std::random_device{}();
  std::printf("fvg random test seed %u\n", seed);
  std::mt19937 rng(seed);
  for (int round = 0; round < 400; ++round) {
    const ohlcv c = random_candles(rng, rng() % 80);
    for (const bool join : {false, true}) {
      SCOPED_TRACE(::testing::Message()
                   << "seed " << seed << " round " << round << " join " << join);
      const table want = fvg_as_written(c, join);
      const table got = fvg(c, join);
      for (const column& w : want) expect_column(got, w.name, w.kind, w.values);
      if (HasFailure()) return;
    }
  }
}

TEST(fvg, through_the_registry) {
  params joined = with({{"join_consecutive", "True"}});
  const table t = compute_indicator("fvg", falling(), joined);
  expect_fvg(t, {N, N, N, -1, N}, {N, N, N, 19, N}, {N, N, N, 15.5, N}, {N, N, N, 0, N});

  params wrong = with({{"swing_length", "5"}});
  expect_invalid_argument(
      [&] { compute_indicator("fvg", falling(), wrong); },
      "indicator fvg has no parameter swing_length (it takes: join_consecutive)");
}

}  // namespace
}  // namespace tb::ictsmc
