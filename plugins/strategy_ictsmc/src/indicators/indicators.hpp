// The eight functions of the reference library (smartmoneyconcepts 0.0.27), with its
// parameters and defaults; each returns the reference's columns, in its order, cell for cell
// (docs/strategy-ictsmc.md). These are the reference ("look-ahead") forms: a swing is marked
// at its own candle using later candles. The strategy's causal forms are separate.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "indicators/table.hpp"

namespace tb::ictsmc {

// swing_highs_lows' result, which bos_choch, ob, liquidity and retracements take as input.
struct swing_points {
  std::vector<double> high_low;  // +1 swing high, -1 swing low, NaN
  std::vector<double> level;     // high or low of the swing candle, NaN
};

swing_points swing_highs_lows(const ohlcv& candles, int swing_length = 50);
table to_table(const swing_points& swings);  // columns HighLow, Level
// Throws std::invalid_argument (naming `who`) unless swings has one row per candle, as
// swing_highs_lows on these same candles gives.
void check_swings(const char* who, const ohlcv& candles, const swing_points& swings);

table fvg(const ohlcv& candles, bool join_consecutive = false);
table bos_choch(const ohlcv& candles, const swing_points& swings, bool close_break = true);
table ob(const ohlcv& candles, const swing_points& swings, bool close_mitigation = false);
table liquidity(const ohlcv& candles, const swing_points& swings, double range_percent = 0.01);
table previous_high_low(const ohlcv& candles, const std::string& time_frame = "1D");
table sessions(const ohlcv& candles, const std::string& session,
               const std::string& start_time = "", const std::string& end_time = "",
               const std::string& time_zone = "UTC");
// A named session of the reference ("London open kill zone", ...): its start and end in
// minutes after midnight UTC, both inclusive (start after end wraps past midnight).
std::optional<std::pair<int, int>> session_minutes(const std::string& name);

table retracements(const ohlcv& candles, const swing_points& swings);

}  // namespace tb::ictsmc
