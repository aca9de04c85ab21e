#include "signals/causal_swings.hpp"

#include <algorithm>

namespace tb::ictsmc {

swing_confirmation confirm_swings(const ohlcv& candles, std::size_t i, std::size_t length) {
  swing_confirmation out;
  if (length == 0 || i < 2 * length) return out;
  const std::size_t at = i - length;
  // Strictly beyond the candles before, at least level with those after: a flat top or
  // bottom is one swing, at its first candle. Whole windows, no early exit: the loops then
  // branch the same way every time.
  double left_high = candles.high[at - length], left_low = candles.low[at - length];
  for (std::size_t k = at - length + 1; k < at; ++k) {
    left_high = std::max(left_high, candles.high[k]);
    left_low = std::min(left_low, candles.low[k]);
  }
  double right_high = candles.high[at + 1], right_low = candles.low[at + 1];
  for (std::size_t k = at + 2; k <= i; ++k) {
    right_high = std::max(right_high, candles.high[k]);
    right_low = std::min(right_low, candles.low[k]);
  }
  const double high = candles.high[at];
  const double low = candles.low[at];
  const bool is_high = high > left_high && high >= right_high;
  const bool is_low = low < left_low && low <= right_low;
  if (is_high) out.high = confirmed_swing{at, high};
  if (is_low) out.low = confirmed_swing{at, low};
  return out;
}

}  // namespace tb::ictsmc
