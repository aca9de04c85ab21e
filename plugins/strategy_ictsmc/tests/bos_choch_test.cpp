// bos_choch (spec section 3) with swings given by hand (plus one run through the registry
// with computed swings). With the last four swings A, B, C, D the result sits on B's candle;
// the break is searched from B's candle + 2.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <random>
#include <tuple>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

struct mark {
  std::size_t pos;
  double type, level;
};

swing_points swings(std::size_t n, std::initializer_list<mark> marks) {
  swing_points s{std::vector<double>(n, nan), std::vector<double>(n, nan)};
  for (const mark& m : marks) {
    s.high_low[m.pos] = m.type;
    s.level[m.pos] = m.level;
  }
  return s;
}

void expect_bos(const table& t, const std::vector<double>& bos, const std::vector<double>& choch,
                const std::vector<double>& level, const std::vector<double>& broken) {
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"BOS", "CHOCH", "Level", "BrokenIndex"}));
  expect_column(t, "BOS", column_kind::float64, bos);
  expect_column(t, "CHOCH", column_kind::float64, choch);
  expect_column(t, "Level", column_kind::float32, level);
  expect_column(t, "BrokenIndex", column_kind::float64, broken);
}

// Nine candles around a level b broken in direction dir (+1 up, -1 down): every close sits
// 0.5 on the unbroken side except candle 4 (= B + 1, too early to count: 2 beyond) and
// candle 6 (1 beyond: the close break); candle 5's high (up) / low (down) pokes 0.5 beyond,
// so with close_break=false the break is at 5, with close_break=true at 6.
ohlcv around(double b, int dir) {
  ohlcv c;
  for (std::size_t j = 0; j < 9; ++j) {
    double close = b - dir * 0.5;
    if (j == 4) close = b + dir * 2.0;
    if (j == 6) close = b + dir * 1.0;
    double high = close + 0.25, low = close - 0.25;
    if (j == 5 && dir > 0) high = b + 0.5;
    if (j == 5 && dir < 0) low = b - 0.5;
    c.push_back(static_cast<std::int64_t>(j) * 60'000, close, high, low, close, 0);
  }
  return c;
}

TEST(bos_choch, each_pattern_on_swing_b_and_both_break_modes) {
  struct pattern {
    const char* name;
    double types[4];
    double levels[4];  // a, b, c, d
    double bos, choch;
  };
  const pattern patterns[] = {
      {"bullish BOS a<c<b<d", {-1, 1, -1, 1}, {10, 20, 15, 25}, 1, N},
      {"bearish BOS a>c>b>d", {1, -1, 1, -1}, {30, 20, 25, 15}, -1, N},
      {"bullish CHOCH d>b>a>c", {-1, 1, -1, 1}, {15, 20, 10, 25}, N, 1},
      {"bearish CHOCH d<b<a<c", {1, -1, 1, -1}, {25, 20, 30, 15}, N, -1},
  };
  for (const pattern& p : patterns) {
    SCOPED_TRACE(p.name);
    const int dir = p.types[1] > 0 ? 1 : -1;  // B's type: a high is broken upwards
    const ohlcv c = around(p.levels[1], dir);
    const swing_points s = swings(9, {{1, p.types[0], p.levels[0]},
                                      {3, p.types[1], p.levels[1]},
                                      {5, p.types[2], p.levels[2]},
                                      {7, p.types[3], p.levels[3]}});
    // Only B (row 3) is ever evaluated; the first swing and the last two are not.
    expect_bos(bos_choch(c, s), {N, N, N, p.bos, N, N, N, N, N}, {N, N, N, p.choch, N, N, N, N, N},
               {N, N, N, 20, N, N, N, N, N}, {N, N, N, 6, N, N, N, N, N});
    expect_bos(bos_choch(c, s, false), {N, N, N, p.bos, N, N, N, N, N},
               {N, N, N, p.choch, N, N, N, N, N}, {N, N, N, 20, N, N, N, N, N},
               {N, N, N, 5, N, N, N, N, N});
  }
}

TEST(bos_choch, level_conditions_are_strict) {
  const ohlcv c = around(20, 1);
  // L,H,L,H with d == b: neither a<c<b<d nor d>b>a>c holds.
  expect_bos(bos_choch(c, swings(9, {{1, -1, 10}, {3, 1, 20}, {5, -1, 15}, {7, 1, 20}})),
             std::vector<double>(9, N), std::vector<double>(9, N), std::vector<double>(9, N),
             std::vector<double>(9, N));
  // Right levels, wrong types (H,H,L,H): nothing.
  expect_bos(bos_choch(c, swings(9, {{1, 1, 10}, {3, 1, 20}, {5, -1, 15}, {7, 1, 25}})),
             std::vector<double>(9, N), std::vector<double>(9, N), std::vector<double>(9, N),
             std::vector<double>(9, N));
}

TEST(bos_choch, a_break_far_away_is_found_wherever_it_is) {
  // Bullish BOS on 3 (level 20) among 700 closes of 19; one close of 20.5 at `at` breaks it.
  // The positions straddle the break search's 256-candle blocks.
  for (const std::size_t at : {5u, 255u, 256u, 257u, 511u, 512u, 699u, 700u}) {
    SCOPED_TRACE(at);
    ohlcv c;
    for (std::size_t j = 0; j < 700; ++j) {
      const double v = j == at ? 20.5 : 19;
      c.push_back(0, v, v, v, v, 0);
    }
    std::vector<double> bos(700, N), level(700, N), broken(700, N);
    if (at < 700) {  // 700: never broken, so cleared
      bos[3] = 1;
      level[3] = 20;
      broken[3] = static_cast<double>(at);
    }
    expect_bos(bos_choch(c, swings(700, {{1, -1, 10}, {3, 1, 20}, {5, -1, 15}, {7, 1, 25}})), bos,
               std::vector<double>(700, N), level, broken);
  }
}

TEST(bos_choch, swings_must_match_the_candles) {
  EXPECT_THROW(bos_choch(around(20, 1), swings(8, {})), std::invalid_argument);
}

TEST(bos_choch, level_is_float32_and_compared_widened) {
  // Bullish BOS on b = 1.1 (a=1.0 < c=1.05 < b < d=1.2), stored as float32(1.1) =
  // 1.10000002384. Close 1.1000000001 at 5 is above 1.1 but not above the stored level;
  // 1.1000001 at 6 is.
  ohlcv c;
  const double closes[] = {1.0, 1.0, 1.05, 1.1, 1.0, 1.1000000001, 1.1000001, 1.2, 1.15};
  for (std::size_t j = 0; j < 9; ++j) c.push_back(0, closes[j], closes[j], closes[j], closes[j], 0);
  const table t = bos_choch(c, swings(9, {{1, -1, 1.0}, {3, 1, 1.1}, {5, -1, 1.05}, {7, 1, 1.2}}));
  expect_bos(t, {N, N, N, 1, N, N, N, N, N}, std::vector<double>(9, N),
             {N, N, N, as_float32(1.1), N, N, N, N, N}, {N, N, N, 6, N, N, N, N, N});
  EXPECT_NE(find_column(t, "Level").values[3], 1.1);
}

// Swings L10@1, H20@2, L15@3, H25@4, L18@5, H30@6, L12@7 give (on arrival of the 4th, 6th,
// 7th swing) a bullish BOS on 2 (10<15<20<25), a bullish BOS on 4 (15<18<25<30) and a
// bearish CHOCH on 5 (12<18<25<30); the 5th swing (L18) finds H20,L15,H25,L18: nothing on 3.
swing_points staircase() {
  return swings(
      10, {{1, -1, 10}, {2, 1, 20}, {3, -1, 15}, {4, 1, 25}, {5, -1, 18}, {6, 1, 30}, {7, -1, 12}});
}

ohlcv closes(std::initializer_list<double> values) {
  ohlcv c;
  for (const double v : values) c.push_back(0, v, v, v, v, 0);
  return c;
}

TEST(bos_choch, a_later_break_at_or_before_supersedes_but_keeps_broken_index) {
  // Row 2 (level 20) from 4: 19, 18.5, then 26 at 6. Row 4 (level 25) from 6: 26 -> 6.
  // Row 4's break (6) is at or before row 2's (6): row 2's BOS and Level are cleared, its
  // BrokenIndex 6 stays. Row 5 (bearish, 18) from 7: 27, 28, 29 never below: cleared.
  const ohlcv c = closes({15, 10, 20, 15, 19, 18.5, 26, 27, 28, 29});
  expect_bos(bos_choch(c, staircase()), {N, N, N, N, 1, N, N, N, N, N}, std::vector<double>(10, N),
             {N, N, N, N, 25, N, N, N, N, N}, {N, N, 6, N, 6, N, N, N, N, N});
}

TEST(bos_choch, an_earlier_break_is_not_superseded) {
  // Now row 2 breaks at 4 (21 > 20), before row 4's break at 6: both stay.
  // Row 5 (bearish, 18) from 7: 17 < 18 -> 7, after both: nothing superseded.
  const ohlcv c = closes({15, 10, 20, 15, 21, 18.5, 26, 17, 28, 29});
  expect_bos(bos_choch(c, staircase()), {N, N, 1, N, 1, N, N, N, N, N},
             {N, N, N, N, N, -1, N, N, N, N}, {N, N, 20, N, 25, 18, N, N, N, N},
             {N, N, 4, N, 6, 7, N, N, N, N});
}

// The reference's steps as the spec words them: the pattern pass over growing lists, a
// forward search per flag, the supersede loop over every earlier flag, the clean-up.
table bos_choch_as_written(const ohlcv& c, const swing_points& sw, bool close_break) {
  const std::size_t n = c.size();
  std::vector<int> bos(n, 0), choch(n, 0);
  std::vector<float> level(n, 0);
  std::vector<std::size_t> broken(n, 0), pos;
  std::vector<double> types, levels;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(sw.high_low[i])) continue;
    types.push_back(sw.high_low[i]);
    levels.push_back(sw.level[i]);
    if (types.size() >= 4) {
      const std::size_t m = types.size();
      const double a = levels[m - 4], b = levels[m - 3], cc = levels[m - 2], d = levels[m - 1];
      const bool up =
          types[m - 4] == -1 && types[m - 3] == 1 && types[m - 2] == -1 && types[m - 1] == 1;
      const bool down =
          types[m - 4] == 1 && types[m - 3] == -1 && types[m - 2] == 1 && types[m - 1] == -1;
      const std::size_t at = pos[pos.size() - 2];
      bos[at] = choch[at] = 0;
      if (up && a < cc && cc < b && b < d) bos[at] = 1;
      if (down && a > cc && cc > b && b > d) bos[at] = -1;
      if (up && d > b && b > a && a > cc) choch[at] = 1;
      if (down && d < b && b < a && a < cc) choch[at] = -1;
      level[at] = bos[at] != 0 || choch[at] != 0 ? static_cast<float>(b) : 0.0f;
    }
    pos.push_back(i);
  }
  std::vector<std::size_t> flagged;
  for (std::size_t i = 0; i < n; ++i) {
    if (bos[i] != 0 || choch[i] != 0) flagged.push_back(i);
  }
  for (const std::size_t i : flagged) {
    const bool bull = bos[i] == 1 || choch[i] == 1;
    for (std::size_t j = i + 2; j < n; ++j) {
      const bool hit = bull ? (close_break ? c.close[j] : c.high[j]) > level[i]
                            : (close_break ? c.close[j] : c.low[j]) < level[i];
      if (!hit) continue;
      broken[i] = j;
      for (const std::size_t k : flagged) {
        if (k < i && (bos[k] != 0 || choch[k] != 0) && broken[k] >= j) {
          bos[k] = choch[k] = 0;
          level[k] = 0;
        }
      }
      break;
    }
  }
  table out = {column{"BOS", column_kind::float64, {}}, column{"CHOCH", column_kind::float64, {}},
               column{"Level", column_kind::float32, {}},
               column{"BrokenIndex", column_kind::float64, {}}};
  for (std::size_t i = 0; i < n; ++i) {
    if ((bos[i] != 0 || choch[i] != 0) && broken[i] == 0) bos[i] = choch[i] = 0, level[i] = 0;
    out[0].values.push_back(bos[i] != 0 ? bos[i] : N);
    out[1].values.push_back(choch[i] != 0 ? choch[i] : N);
    out[2].values.push_back(level[i] != 0 ? level[i] : N);
    out[3].values.push_back(broken[i] != 0 ? static_cast<double>(broken[i]) : N);
  }
  return out;
}

TEST(bos_choch, agrees_with_the_reference_steps_as_written) {
  // Closes and levels on a 0.1 grid (equal values happen; most levels are not exact in
  // float32), swings that mostly alternate, both break modes.
  const unsigned seed = std::random_device{}();
  std::printf("bos_choch random test seed %u\n", seed);
  std::mt19937 rng(seed);
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = rng() % 150;
    ohlcv c;
    for (std::size_t i = 0; i < n; ++i) {
      const double close = 10 + static_cast<double>(rng() % 40) * 0.1;
      c.push_back(0, close, close + (rng() % 3) * 0.1, close - (rng() % 3) * 0.1, close, 0);
    }
    swing_points sw{std::vector<double>(n, N), std::vector<double>(n, N)};
    double type = 1;
    for (std::size_t i = 0; i < n; ++i) {
      if (rng() % 3 != 0) continue;
      type = rng() % 6 == 0 ? type : -type;
      sw.high_low[i] = type;
      sw.level[i] = 10 + static_cast<double>(rng() % 40) * 0.1;
    }
    for (const bool close_break : {true, false}) {
      SCOPED_TRACE(::testing::Message()
                   << "seed " << seed << " round " << round << " close_break " << close_break);
      const table want = bos_choch_as_written(c, sw, close_break);
      const table got = bos_choch(c, sw, close_break);
      for (const column& w : want) expect_column(got, w.name, w.kind, w.values);
      if (HasFailure()) return;
    }
  }
}

TEST(bos_choch, through_the_registry) {
  // Swings with s = 1 (worked out in swing_highs_lows' registry test): H14@0 (synthetic),
  // L10@1, H20@3, L15@5, H25@7, L14@9 (synthetic).
  // Arrival of 5: H14,L10,H20,L15: 14>20? no; 15<10? no. Arrival of 7: L10,H20,L15,H25:
  // bullish BOS on 3, level 20. Arrival of 9: H20,L15,H25,L14: 14<15<20<25: bearish CHOCH
  // on 5, level 15.
  // close_break=true: row 3 from 5: closes 16, 19.5, 24 -> 7; row 5 from 7: closes 24, 20, 19
  // never below 15: cleared.
  // close_break=false: row 3 highs 17, 22 -> 6; row 5 lows 21, 19, 14 -> 9 (row 3's 6 < 9).
  const ohlcv c = registry_zigzag();
  params by_close = with({{"swing_length", "1"}});
  expect_bos(compute_indicator("bos_choch", c, by_close), {N, N, N, 1, N, N, N, N, N, N},
             std::vector<double>(10, N), {N, N, N, 20, N, N, N, N, N, N},
             {N, N, N, 7, N, N, N, N, N, N});
  params by_wick = with({{"swing_length", "1"}, {"close_break", "False"}});
  expect_bos(compute_indicator("bos_choch", c, by_wick), {N, N, N, 1, N, N, N, N, N, N},
             {N, N, N, N, N, -1, N, N, N, N}, {N, N, N, 20, N, 15, N, N, N, N},
             {N, N, N, 6, N, 9, N, N, N, N});

  params wrong = with({{"swing_length", "1"}, {"close_mitigation", "true"}});
  expect_invalid_argument([&] { compute_indicator("bos_choch", c, wrong); },
                          "indicator bos_choch has no parameter close_mitigation (it takes: "
                          "swing_length, close_break)");
}

}  // namespace
}  // namespace tb::ictsmc
