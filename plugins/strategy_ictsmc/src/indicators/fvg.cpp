// fvg: spec section 1. One pass over the candles: at candle j the gap of the middle candle
// j-1 is decided, an adjacent same-sign gap at j-2 is joined into it (join_consecutive), and
// the gap at j-2, now final, starts waiting for mitigation from candle j on.
//
// The waiting gaps form two stacks. A bullish gap of row i has Top = low[i+1] (or more when
// joined) and starts waiting after candle i+1 has mitigated every waiting gap with a Top of
// at least low[i+1]: its Top exceeds every waiting one. So the bullish stack is sorted by Top
// and a candle mitigates a suffix of it; the bearish stack likewise by Bottom. O(n) however
// long gaps stay open (a per-gap forward scan is quadratic on trending data).
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {

table fvg(const ohlcv& candles, bool join_consecutive) {
  const std::size_t n = candles.size();
  const std::vector<double>& open = candles.open;
  const std::vector<double>& high = candles.high;
  const std::vector<double>& low = candles.low;
  const std::vector<double>& close = candles.close;

  std::vector<double> gap(n, nan), top(n, nan), bottom(n, nan), mitigated(n, nan);

  // Rows of waiting gaps: bullish with Top increasing, bearish with Bottom decreasing.
  std::vector<std::size_t> bullish, bearish;

  auto start_waiting = [&](std::size_t row) {
    if (gap[row] != gap[row]) return;  // no gap (NaN)
    mitigated[row] = 0;                // "never mitigated" until a touch is found
    (gap[row] > 0 ? bullish : bearish).push_back(row);
  };

  for (std::size_t j = 2; j < n; ++j) {
    const std::size_t i = j - 1;  // the middle candle
    if (high[i - 1] < low[j] && close[i] > open[i]) {
      gap[i] = 1;
      top[i] = low[j];
      bottom[i] = high[i - 1];
    } else if (low[i - 1] > high[j] && close[i] < open[i]) {
      gap[i] = -1;
      top[i] = low[i - 1];
      bottom[i] = high[j];
    }
    if (join_consecutive && gap[i - 1] == gap[i]) {  // NaN never equals
      top[i] = std::max(top[i - 1], top[i]);
      bottom[i] = std::min(bottom[i - 1], bottom[i]);
      gap[i - 1] = top[i - 1] = bottom[i - 1] = nan;
    }
    start_waiting(i - 1);  // its search starts at (i-1)+2 = j

    while (!bullish.empty() && low[j] <= top[bullish.back()]) {
      mitigated[bullish.back()] = static_cast<double>(j);
      bullish.pop_back();
    }
    while (!bearish.empty() && high[j] >= bottom[bearish.back()]) {
      mitigated[bearish.back()] = static_cast<double>(j);
      bearish.pop_back();
    }
  }
  if (n >= 3) start_waiting(n - 2);  // its search would start past the end: stays 0

  return {column{"FVG", column_kind::float64, std::move(gap)},
          column{"Top", column_kind::float64, std::move(top)},
          column{"Bottom", column_kind::float64, std::move(bottom)},
          column{"MitigatedIndex", column_kind::float64, std::move(mitigated)}};
}

}  // namespace tb::ictsmc
