// ob (spec section 4) with swings given by hand (plus one run through the registry with
// computed swings). A close beyond the last swing high (low) strictly before candle i marks
// the lowest-low (highest-high) candle between them; mitigation is checked from i+1 on.
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

// Swings at the given positions (+1 high, -1 low), with the level read from the candle.
swing_points swings(const ohlcv& c, std::initializer_list<std::pair<std::size_t, int>> marks) {
  swing_points s{std::vector<double>(c.size(), nan), std::vector<double>(c.size(), nan)};
  for (const auto& [pos, type] : marks) {
    s.high_low[pos] = type;
    s.level[pos] = type > 0 ? c.high[pos] : c.low[pos];
  }
  return s;
}

ohlcv first(const ohlcv& c, std::size_t n) {
  ohlcv out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(c.time_ms[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]);
  }
  return out;
}

// One order block at `row`, or none (row == npos).
void expect_ob(const table& t, std::size_t n, std::size_t row, double kind, double top,
               double bottom, double volume, double mitigated, double percentage) {
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"OB", "Top", "Bottom", "OBVolume",
                                                       "MitigatedIndex", "Percentage"}));
  auto only = [&](double v) {
    std::vector<double> out(n, N);
    if (row < n) out[row] = v;
    return out;
  };
  expect_column(t, "OB", column_kind::float64, only(kind));
  expect_column(t, "Top", column_kind::float32, only(top));
  expect_column(t, "Bottom", column_kind::float32, only(bottom));
  expect_column(t, "OBVolume", column_kind::float32, only(volume));
  expect_column(t, "MitigatedIndex", column_kind::float64, only(mitigated));
  expect_column(t, "Percentage", column_kind::float32, only(percentage));
}

constexpr std::size_t none = static_cast<std::size_t>(-1);

// Swing high at 2 (high 20).
ohlcv rising() {
  return candles({{15, 16, 14, 15.5, 1},
                  {15.5, 18, 15, 17.5, 1},
                  {17.5, 20, 17, 18, 1},  // swing high
                  {18, 18.5, 16, 16.5, 2},
                  {16.5, 17, 15, 16.8, 3},      // low 15
                  {16.8, 19, 15, 18.8, 4},      // low 15 again: the latest wins
                  {18.8, 21, 14.9, 20.5, 5},    // close 20.5 > 20: crossing at 6
                  {20.5, 21, 16, 20.6, 1},      // close > 20 again: swing 2 is already crossed
                  {16.2, 16.5, 15, 15.2, 1},    // low 15 == Bottom: not below
                  {15.2, 15.4, 14, 15.1, 1},    // low 14 < 15; min(open, close) 15.1 is not
                  {15, 15.2, 14.5, 14.8, 1},    // min(open, close) 14.8 < 15
                  {14.8, 19.5, 14.7, 19, 1}});  // high 19.5 > Top 19: the breaker is erased
}

TEST(ob, bullish_block_volumes_and_mitigation_at_i_minus_1) {
  // Crossing at 6: candles 3..5 have lows 16, 15, 15 -> candle 5 (Top 19, Bottom 15).
  // Candle 6's low 14.9 is never checked (the check starts at 7). Volumes v0..v2 = 5, 4, 3:
  // OBVolume 12, high 9, low 3: float32(3/9) * 100 -> 33.333336 (33.333332 in double).
  // Candle 7 crosses swing 2 again: no second block (candle 6 would have been chosen).
  // Mitigation at candle 9 (low 14 < 15) is recorded as 9 - 1 = 8.
  const ohlcv c = first(rising(), 10);
  const table t = ob(c, swings(c, {{2, 1}}));
  expect_ob(t, 10, 5, 1, 19, 15, 12, 8, 33.333335876464844);
}

TEST(ob, close_mitigation_uses_the_body) {
  // Candle 9's body (min 15.1) stays above 15; candle 10's (14.8) does not: 10 - 1 = 9.
  const ohlcv c = first(rising(), 11);
  expect_ob(ob(c, swings(c, {{2, 1}}), true), 11, 5, 1, 19, 15, 12, 9, 33.333335876464844);
  expect_ob(ob(c, swings(c, {{2, 1}}), false), 11, 5, 1, 19, 15, 12, 8, 33.333335876464844);
}

TEST(ob, a_reclaimed_breaker_is_erased) {
  // Candle 11's high 19.5 > Top 19 after the block became a breaker: gone, in both modes.
  const ohlcv c = rising();
  expect_ob(ob(c, swings(c, {{2, 1}})), 12, none, 0, 0, 0, 0, 0, 0);
  expect_ob(ob(c, swings(c, {{2, 1}}), true), 12, none, 0, 0, 0, 0, 0, 0);
  // Without the swing nothing is ever crossed.
  expect_ob(ob(c, swings(c, {})), 12, none, 0, 0, 0, 0, 0, 0);
}

// Swing low at 2 (low 10).
ohlcv falling() {
  return candles({{14, 15, 13, 13.5, 1},
                  {13.5, 14, 11, 11.5, 1},
                  {11.5, 12, 10, 11, 2},  // swing low
                  {11, 13, 10.5, 12.5, 1},
                  {12.5, 14, 12, 12.2, 2},  // high 14
                  {12.2, 14, 11, 11.2, 6},  // high 14 again: the latest wins
                  {11.2, 15, 9, 9.5, 3},    // close 9.5 < 10: crossing at 6
                  {9.5, 13.5, 9.2, 13, 1},
                  {13, 14.5, 12.8, 13.8, 1},      // high 14.5 > 14; max(open, close) 13.8 is not
                  {13.8, 14.6, 13.5, 14.2, 1},    // max(open, close) 14.2 > 14
                  {14.2, 14.3, 10.5, 10.8, 1}});  // low 10.5 < Bottom 11: the breaker is erased
}

TEST(ob, bearish_block_mirrors_with_mitigation_at_i) {
  // Crossing at 6: highs 13, 14, 14 -> candle 5 (Top 14, Bottom 11); candle 6's high 15 is
  // not checked. v0..v2 = 3, 6, 2: OBVolume 11, low 9, high 2: float32(2/9) * 100.
  // Default: candle 8's high 14.5 > 14 -> mitigated 8 (i itself); close_mitigation: 9.
  const ohlcv c = first(falling(), 10);
  expect_ob(ob(c, swings(c, {{2, -1}})), 10, 5, -1, 14, 11, 11, 8, 22.22222328186035);
  expect_ob(ob(c, swings(c, {{2, -1}}), true), 10, 5, -1, 14, 11, 11, 9, 22.22222328186035);
  const ohlcv all = falling();
  expect_ob(ob(all, swings(all, {{2, -1}})), 11, none, 0, 0, 0, 0, 0, 0);
}

TEST(ob, default_block_after_the_row_0_swing_is_swapped_and_float32) {
  // Swing high on row 0 (high 1.3); candle 1 closes above it: i - t == 1, so the block is
  // candle 0 with Top = its low 1.1 and Bottom = its high 1.3, both stored as float32
  // (1.10000002384, 1.29999995232). v0 = 3, v1 = 2 and no v2 (i < 2): OBVolume 5, high 5,
  // low 0: Percentage 0 (reading volume[-1] = 7 would give 12 and 5/7).
  // Candle 2's low 1.29999999 is below 1.3 but not below the stored 1.29999995; candle 3's
  // 1.2999999 is: breaker, mitigated 3 - 1 = 2.
  const ohlcv c = candles({{1.2, 1.3, 1.1, 1.25, 2},
                           {1.25, 1.5, 1.24, 1.45, 3},
                           {1.45, 1.5, 1.29999999, 1.4, 0},
                           {1.4, 1.45, 1.2999999, 1.35, 7}});
  expect_ob(ob(c, swings(c, {{0, 1}})), 4, 0, 1, as_float32(1.1), as_float32(1.3), 5, 2, 0);
}

TEST(ob, zero_volume_gives_100_percent_and_bearish_default_is_not_swapped) {
  // Swing low on row 0 (low 1.0); candle 1 closes below: block on candle 0 with Top = high
  // 1.2, Bottom = low 1.0 (no swap on this side). All volumes 0: OBVolume 0, Percentage 100.
  const ohlcv c =
      candles({{1.1, 1.2, 1.0, 1.05, 0}, {1.05, 1.06, 0.9, 0.95, 0}, {0.95, 1.0, 0.9, 0.92, 0}});
  expect_ob(ob(c, swings(c, {{0, -1}})), 3, 0, -1, as_float32(1.2), 1.0, 0, 0, 100);
}

// Swing low at 1 (9), swing high at 2 (15); candle 3 is an outside bar (25 / 8).
ohlcv overwritten() {
  return candles({{11, 12, 10, 11.5, 1},
                  {10.5, 11, 9, 10, 1},
                  {11, 15, 11, 14, 1},
                  {14, 25, 8, 12, 1},
                  {12, 17, 10, 16.5, 2},   // bullish crossing (16.5 > 15): block on 3 (25 / 8)
                  {16.5, 17, 7.5, 10, 3},  // low 7.5 < 8: bullish breaker, mitigated 4
                  {10, 11, 8.5, 8.7, 4},   // bearish crossing (8.7 < 9): highs 15, 25, 17, 17 -> 3
                  {8.7, 9, 7, 7.5, 1}});   // low 7 < Bottom 8
}

TEST(ob, bearish_block_overwrites_and_inherits_the_breaker) {
  // The bearish pass (after the whole bullish pass) overwrites candle 3: OB -1, Top 25,
  // Bottom 8, volumes of candles 6, 5, 4 = 4, 3, 2: OBVolume 9, low 7, high 2 ->
  // float32(2/7) * 100. MitigatedIndex keeps the bullish pass's 4 (choosing never resets it).
  const ohlcv c = first(overwritten(), 7);
  expect_ob(ob(c, swings(c, {{1, -1}, {2, 1}})), 7, 3, -1, 25, 8, 9, 4, 28.571430206298828);
  // With candle 7 the inherited breaker flag makes low 7 < 8 an erasure (a fresh bearish
  // block would only have been mitigated by a high above 25).
  const ohlcv all = overwritten();
  expect_ob(ob(all, swings(all, {{1, -1}, {2, 1}})), 8, none, 0, 0, 0, 0, 0, 0);
}

// The reference's algorithm word for word (spec section 4): a snapshot of each pass's
// active list walked on every candle, the first occurrence removed on erasure. ob() uses
// heaps instead; this checks that they agree on random candles and swings.
table ob_as_written(const ohlcv& k, const swing_points& swings, bool close_mitigation) {
  const std::size_t n = k.size();
  std::vector<int> kind(n, 0);
  std::vector<float> top(n, 0), bottom(n, 0), volume(n, 0), percentage(n, 0);
  std::vector<std::size_t> mitigated(n, 0);
  std::vector<bool> crossed(n, false), breaker(n, false);
  for (const int sign : {1, -1}) {
    const bool bull = sign > 0;
    std::vector<std::size_t> active;
    for (std::size_t i = 0; i < n; ++i) {
      const std::vector<std::size_t> snapshot = active;
      for (const std::size_t c : snapshot) {
        if (breaker[c]) {
          if (bull ? k.high[i] > top[c] : k.low[i] < bottom[c]) {
            kind[c] = 0;
            top[c] = bottom[c] = volume[c] = percentage[c] = 0;
            mitigated[c] = 0;
            active.erase(std::find(active.begin(), active.end(), c));
          }
        } else if (bull
                       ? (close_mitigation ? std::min(k.open[i], k.close[i]) : k.low[i]) < bottom[c]
                       : (close_mitigation ? std::max(k.open[i], k.close[i]) : k.high[i]) >
                             top[c]) {
          breaker[c] = true;
          mitigated[c] = bull ? i - 1 : i;
        }
      }
      std::size_t t = n;
      for (std::size_t j = 0; j < i; ++j) {
        if (swings.high_low[j] == sign) t = j;
      }
      if (t == n || crossed[t] || !(bull ? k.close[i] > k.high[t] : k.close[i] < k.low[t]))
        continue;
      crossed[t] = true;
      std::size_t c = i - 1;
      double hi = bull ? k.low[c] : k.high[c], lo = bull ? k.high[c] : k.low[c];
      if (i - t > 1) {
        for (std::size_t j = t + 1; j < i; ++j) {
          if (j == t + 1 || (bull ? k.low[j] <= k.low[c] : k.high[j] >= k.high[c])) c = j;
        }
        hi = k.high[c];
        lo = k.low[c];
      }
      const double v0 = k.volume[i], v1 = k.volume[i - 1], v2 = i >= 2 ? k.volume[i - 2] : 0;
      const float hv = static_cast<float>(bull ? v0 + v1 : v2);
      const float lv = static_cast<float>(bull ? v2 : v0 + v1);
      kind[c] = sign;
      top[c] = static_cast<float>(hi);
      bottom[c] = static_cast<float>(lo);
      volume[c] = static_cast<float>(v0 + v1 + v2);
      percentage[c] = std::max(hv, lv) == 0
                          ? 100.0f
                          : static_cast<float>(
                                static_cast<double>(std::min(hv, lv) / std::max(hv, lv)) * 100.0);
      active.push_back(c);
    }
  }
  table out = {column{"OB", column_kind::float64, {}},
               column{"Top", column_kind::float32, {}},
               column{"Bottom", column_kind::float32, {}},
               column{"OBVolume", column_kind::float32, {}},
               column{"MitigatedIndex", column_kind::float64, {}},
               column{"Percentage", column_kind::float32, {}}};
  for (std::size_t i = 0; i < n; ++i) {
    const bool set = kind[i] != 0;
    out[0].values.push_back(set ? kind[i] : N);
    out[1].values.push_back(set ? top[i] : N);
    out[2].values.push_back(set ? bottom[i] : N);
    out[3].values.push_back(set ? volume[i] : N);
    out[4].values.push_back(set ? static_cast<double>(mitigated[i]) : N);
    out[5].values.push_back(set ? percentage[i] : N);
  }
  return out;
}

TEST(ob, agrees_with_the_reference_algorithm_as_written) {
  // Random walks on a coarse price grid (so that ties happen) with random swings, including
  // rows 0 and n-1; volumes 0..3.
  const unsigned seed = std::random_device{}();
  std::printf("ob random test seed %u\n", seed);
  std::mt19937 rng(seed);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 2 + rng() % 60;
    const ohlcv c = random_candles(rng, n);
    swing_points s{std::vector<double>(n, N), std::vector<double>(n, N)};
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned r = rng() % 6;
      if (r == 0) s.high_low[i] = 1;
      if (r == 1) s.high_low[i] = -1;
    }
    for (const bool close_mitigation : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " round " << round
                                        << " close_mitigation " << close_mitigation);
      const table want = ob_as_written(c, s, close_mitigation);
      const table got = ob(c, s, close_mitigation);
      ASSERT_EQ(got.size(), want.size());
      for (std::size_t col = 0; col < want.size(); ++col) {
        expect_column(got, want[col].name, want[col].kind, want[col].values);
      }
      if (HasFailure()) return;
    }
  }
}

TEST(ob, swings_must_match_the_candles) {
  EXPECT_THROW(ob(rising(), swings(falling(), {})), std::invalid_argument);
}

TEST(ob, through_the_registry) {
  // Swings with s = 1 (see swing_highs_lows' registry test): highs 0 (14), 3 (20), 7 (25);
  // lows 1 (10), 5 (15), 9 (14). Bullish: i=2 closes 15 > 14 (swing 0): block on candle 1
  // (Top 12, Bottom 10); i=7 closes 24 > 20 (swing 3): lows 16, 15, 17 of 4..6 -> candle 5
  // (Top 17, Bottom 15). Candle 9's low 14 < 15 -> mitigated 8; its body (19..20) is not
  // below, so with close_mitigation block 5 stays unmitigated. Bearish: closes after the
  // lows (>= 15 after swing 1, >= 19 after swing 5) never go below them. Volumes are 0: 100 %.
  const ohlcv c = registry_zigzag();
  for (const bool close_mitigation : {false, true}) {
    SCOPED_TRACE(close_mitigation);
    params p =
        with({{"swing_length", "1"}, {"close_mitigation", close_mitigation ? "true" : "false"}});
    const table t = compute_indicator("ob", c, p);
    expect_column(t, "OB", column_kind::float64, {N, 1, N, N, N, 1, N, N, N, N});
    expect_column(t, "Top", column_kind::float32, {N, 12, N, N, N, 17, N, N, N, N});
    expect_column(t, "Bottom", column_kind::float32, {N, 10, N, N, N, 15, N, N, N, N});
    expect_column(t, "OBVolume", column_kind::float32, {N, 0, N, N, N, 0, N, N, N, N});
    expect_column(t, "MitigatedIndex", column_kind::float64,
                  {N, 0, N, N, N, close_mitigation ? 0.0 : 8.0, N, N, N, N});
    expect_column(t, "Percentage", column_kind::float32, {N, 100, N, N, N, 100, N, N, N, N});
  }

  params wrong = with({{"close_break", "true"}});
  expect_invalid_argument([&] { compute_indicator("ob", c, wrong); },
                          "indicator ob has no parameter close_break (it takes: swing_length, "
                          "close_mitigation)");
}

}  // namespace
}  // namespace tb::ictsmc
