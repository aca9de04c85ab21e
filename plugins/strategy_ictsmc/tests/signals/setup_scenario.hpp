// A hand-built long setup on two timeframes, shared by the setup-finder and causality tests.
//
// Bias (4h, swing length 1), open times from 2024-01-01 04:00 UTC:
//   b1's high 12 is a swing high (above b0's 10, not below b2's 11), confirmed at b2;
//   b3 closes at 12.5 > 12: a bullish break of structure. All four have closed by the
//   first entry candle's close, so the bias is bullish throughout.
// Entry (1h, swing length 1), opening 16 hours after the bias (candle 10 closes at
// 2024-01-02 07:00 UTC, inside the London-open kill zone):
//   0-3   swing high 107 at 1 (confirmed at 2), swing low 100 at 2 (confirmed at 3)
//   4     low 99 under the pool at 100, close 101.5 back above: sell-side liquidity swept
//   5     confirms the swing low 99 at 4
//   6     closes 108 above the swing high 107: bullish BOS. Its order block is the lowest-low
//         candle between the swing (1) and the break (6): candle 4, 99-103. Its low 103.5
//         above candle 4's high 103 leaves a bullish fair-value gap 103-103.5.
//   7, 8  more gaps, 104-107.5 and 108.5-109; candle 9 closes through both (invalid)
//   9     confirms the swing high 113 at 8: buy-side liquidity, the target
//   10    low 102.8 retests the gap (top 103.5) and the block (top 103), close 103.5:
//         range 99 (candle 4) to 113 (candle 8), retracement (113 - 103.5) / 14 = 0.6786,
//         discount and inside the OTE band; stop 99 (range low = block bottom = sweep wick,
//         no buffer); risk 4.5, reward 9.5, R:R 2.111.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "../hand_candles.hpp"
#include "settings.hpp"

namespace tb::ictsmc::testing {

constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t bias_start_ms = 1'704'081'600'000;  // 2024-01-01 04:00:00 UTC
constexpr std::int64_t entry_start_ms = bias_start_ms + 16 * hour_ms;

inline ohlcv timed(std::int64_t start_ms, std::int64_t step_ms, std::initializer_list<row> rows) {
  ohlcv out;
  std::int64_t t = start_ms;
  for (const row& r : rows) {
    out.push_back(t, r.open, r.high, r.low, r.close, r.volume);
    t += step_ms;
  }
  return out;
}

inline ohlcv scenario_bias() {
  return timed(bias_start_ms, 4 * hour_ms,
               {{9, 10, 8, 9}, {9, 12, 9, 11}, {11, 11, 9.5, 10}, {10, 13, 10, 12.5}});
}

inline ohlcv scenario_entry() {
  return timed(entry_start_ms, hour_ms,
               {{105, 106, 104, 105},
                {105, 107, 103, 104},
                {104, 105, 100, 101},
                {101.5, 103, 101.5, 102.5},
                {102.5, 103, 99, 101.5},
                {101.5, 104, 101, 103.5},
                {104, 108.5, 103.5, 108},
                {108, 110, 107.5, 109.5},
                {109.5, 113, 109, 110},
                {110, 111, 106, 106.5},
                {106.5, 107, 102.8, 103.5}});
}

// Swing lengths 1, no kill-zone filter, no stop buffer; the rest at their defaults.
inline settings scenario_settings() {
  settings s;
  s.entry_swing_length = 1;
  s.bias_swing_length = 1;
  s.kill_zones.clear();
  s.stop_buffer_atr = 0;
  return s;
}

// The rules loosened so that random series give many setups: any hour, no sweep needed, a
// lower reward-to-risk, shorter swings.
inline settings loose_settings() {
  settings s;
  s.kill_zones.clear();
  s.require_sweep = false;
  s.min_reward_risk = 1.0;
  s.entry_swing_length = 2;
  s.bias_swing_length = 2;
  return s;
}

// Every price p becomes 200 - p (highs and lows swap): the same story, short.
inline ohlcv mirrored(const ohlcv& c) {
  ohlcv out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    out.push_back(c.time_ms[i], 200 - c.open[i], 200 - c.low[i], 200 - c.high[i], 200 - c.close[i],
                  c.volume[i]);
  }
  return out;
}

}  // namespace tb::ictsmc::testing
