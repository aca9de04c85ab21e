// The strategy_ictsmc settings, from the instance's `settings:` in the YAML (as JSON).
// docs/strategy-ictsmc.md explains each one; the defaults below are the documented ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::ictsmc {

// How much each confluence adds to a signal's confidence (clamped to 0..1 in the end).
struct confidence_weights {
  double base = 0.30;             // bias, discount/premium and a zone retest: every signal has them
  double order_block = 0.10;      // the retested zone is (or overlaps) an order block
  double fair_value_gap = 0.10;   // ... a fair-value gap
  double ote = 0.15;              // entry inside the optimal-trade-entry band
  double liquidity_sweep = 0.15;  // opposite-side liquidity swept within sweep_lookback
  double kill_zone = 0.05;        // decided inside a kill zone
  double structure = 0.10;        // the entry timeframe's own structure agrees with the bias
  double reward_risk = 0.05;      // scaled by how far reward/risk exceeds min_reward_risk (up to 2x)
};

struct settings {
  std::string entry_interval = "1h";  // the timeframe entries are decided on
  std::uint32_t entry_lookback = 200; // closed candles of it per symbol (1-1500)
  std::string bias_interval = "4h";   // the higher timeframe that sets the directional bias
  std::uint32_t bias_lookback = 200;  // closed candles of it per symbol (1-1500)

  std::uint32_t entry_swing_length = 3;  // candles each side of an entry-timeframe swing
  std::uint32_t bias_swing_length = 3;   // candles each side of a bias-timeframe swing
  std::uint32_t range_lookback = 50;     // candles searched for the dealing range's extreme
  std::uint32_t zone_max_age = 50;       // candles an order block or gap stays tradable
  bool use_order_blocks = true;
  bool use_fair_value_gaps = true;
  double ote_low = 0.62;   // optimal trade entry band, as a retracement of the dealing range
  double ote_high = 0.79;
  bool require_ote = false;
  std::uint32_t sweep_lookback = 10;  // candles back (signal candle included) a sweep counts
  bool require_sweep = true;
  std::vector<std::string> kill_zones{"london_open", "new_york"};  // empty: trade at any hour
  std::uint32_t atr_length = 14;
  double stop_buffer_atr = 0.25;  // stop this many ATRs beyond the protective level
  double min_reward_risk = 2.0;
  double min_confidence = 0.0;    // signals below are not emitted
  confidence_weights weights;

  std::vector<std::string> unknown_keys; // reported as a warning, then ignored
};

// Parses and validates every setting: intervals are Binance codes (1m ... 1M), the bias
// interval is longer than the entry interval, numbers are in range, kill zones are known.
// Throws tb::sdk::error(TB_E_INVALID_ARGUMENT) naming the setting.
settings parse_settings(std::string_view json);

// The interval's length in milliseconds (1M counts 30 days); 0 for an unknown code.
std::int64_t interval_ms(std::string_view interval);

}  // namespace tb::ictsmc
