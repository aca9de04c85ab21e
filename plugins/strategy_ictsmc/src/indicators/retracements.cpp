// retracements: how far price has pulled back into the last swing leg, in percent, then
// shifted one row later and blanked until the third change of direction (spec section 8).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

// Python round(np.float64, 1) is numpy's: scale, round half to even, unscale.
double round_1(double x) { return std::nearbyint(x * 10.0) / 10.0; }

// Rotate right by one: row i takes row i-1's value, row 0 the last row's.
void rotate_right(std::vector<double>& values) {
  if (!values.empty()) std::rotate(values.rbegin(), values.rbegin() + 1, values.rend());
}

}  // namespace

table retracements(const ohlcv& candles, const swing_points& swings) {
  const std::size_t n = candles.size();
  check_swings("retracements", candles, swings);
  std::vector<double> dir(n, 0.0), cur(n, 0.0), deep(n, 0.0);
  double top = 0.0, bottom = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    // At i = 0 the reference reads index -1, the last row, which is still 0 then.
    const std::size_t prev = i > 0 ? i - 1 : n - 1;
    if (swings.high_low[i] == 1.0) {
      dir[i] = 1.0;
      top = swings.level[i];
    } else if (swings.high_low[i] == -1.0) {
      dir[i] = -1.0;
      bottom = swings.level[i];
    } else {
      dir[i] = i > 0 ? dir[prev] : 0.0;
    }
    if (dir[prev] == 1.0) {
      const double divisor = top - bottom;
      cur[i] = divisor != 0.0 ? round_1(100.0 - ((candles.low[i] - bottom) / divisor) * 100.0) : 0.0;
      deep[i] = std::max(deep[prev], cur[i]);
    }
    if (dir[i] == -1.0) {
      const double divisor = bottom - top;
      cur[i] = divisor != 0.0 ? round_1(100.0 - ((candles.high[i] - top) / divisor) * 100.0) : 0.0;
      deep[i] = std::max(dir[prev] == -1.0 ? deep[prev] : 0.0, cur[i]);
    }
  }

  rotate_right(dir);
  rotate_right(cur);
  rotate_right(deep);

  int changes = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (dir[i] != dir[i + 1]) ++changes;
    dir[i] = cur[i] = deep[i] = 0.0;
    if (changes == 3) {
      dir[i + 1] = cur[i + 1] = deep[i + 1] = 0.0;
      break;
    }
  }
  return {{"Direction", column_kind::int32, std::move(dir)},
          {"CurrentRetracement%", column_kind::float64, std::move(cur)},
          {"DeepestRetracement%", column_kind::float64, std::move(deep)}};
}

}  // namespace tb::ictsmc
