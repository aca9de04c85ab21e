// The strategy's signal rules, run causally over one symbol's candles (docs/strategy-ictsmc.md,
// "Signal rules"). Every candle is processed once, in order, and a decision at candle t reads
// only candles up to t and bias candles that closed by t's close: the setups found at t are
// the same whether or not later candles exist (the causal property test holds this).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "settings.hpp"
#include "signals/kill_zones.hpp"
#include "signals/liquidity_pools.hpp"
#include "signals/market_structure.hpp"

namespace tb::ictsmc {

// One series and its interval; ohlcv.time_ms are open times, so a candle closes at
// time_ms + interval_ms.
struct timed_candles {
  const ohlcv& candles;
  std::int64_t interval_ms;
};

struct trade_setup {
  std::size_t index = 0;  // the entry-timeframe candle decided on
  std::int64_t close_time_ms = 0;
  int side = 0;           // +1 long, -1 short
  double entry = 0.0;     // that candle's close
  double stop = 0.0;
  double take_profit = 0.0;
  double reward_risk = 0.0;
  double confidence = 0.0;

  // The confluences.
  structure_break bias;          // the bias timeframe's last break, in the side's direction
  bool order_block = false;      // the retested zones include an order block
  bool fair_value_gap = false;   // ... a fair-value gap
  double zone_top = 0.0;         // the retested zones' outer bounds
  double zone_bottom = 0.0;
  double range_high = 0.0;       // the dealing range the retracement is measured in
  double range_low = 0.0;
  double retracement = 0.0;      // 0.5..1: how deep into discount (long) or premium (short)
  bool ote = false;
  std::optional<liquidity_sweep> sweep;  // opposite-side liquidity swept lately
  std::string kill_zone;         // empty when outside every configured kill zone
  bool structure = false;        // the entry timeframe's trend agrees
};

// The setups found on `entry` with bias from `bias`, for candles at index report_from or
// later (every candle is analysed either way: the state of later candles depends on it).
std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, std::size_t report_from = 0);
// The same with config.kill_zones already parsed, for callers that run it on many symbols.
std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, const kill_zones& sessions,
                                     std::size_t report_from);

// A readable list of the setup's confluences, and the same as a JSON object.
std::string describe(const trade_setup& setup, const settings& config);
std::string describe_json(const trade_setup& setup);

}  // namespace tb::ictsmc
