// liquidity: groups of swing highs (or lows) whose levels lie within pip of the first one,
// where pip is range_percent of the whole frame's high-low range (spec section 5).
#include <algorithm>
#include <cstddef>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

struct liquidity_columns {
  std::vector<double> liquidity, level, end, swept;
};

// One side: sign +1 groups swing highs (swept by a high at or above the band), -1 swing lows
// (swept by a low at or below it). hl is the shared working copy of HighLow; members of a group
// are consumed (set to 0) so that they cannot start or join another group.
void group_side(const ohlcv& candles, const swing_points& swings, double pip, double sign,
                std::vector<double>& hl, liquidity_columns& out) {
  const std::size_t n = candles.size();
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < n; ++i) {
    if (hl[i] == sign) positions.push_back(i);
  }
  for (std::size_t a = 0; a < positions.size(); ++a) {
    const std::size_t i = positions[a];
    if (hl[i] != sign) continue;
    const double level = swings.level[i];
    const double band_low = level - pip;
    const double band_high = level + pip;

    std::size_t swept = 0;  // 0 = never swept, as the reference stores it
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool hit = sign > 0 ? candles.high[j] >= band_high : candles.low[j] <= band_low;
      if (hit) {
        swept = j;
        break;
      }
    }

    double sum = level;
    std::size_t count = 1;
    std::size_t end = i;
    for (std::size_t b = a + 1; b < positions.size(); ++b) {
      const std::size_t j = positions[b];
      if (swept != 0 && j >= swept) break;
      const double other = swings.level[j];
      if (hl[j] == sign && band_low <= other && other <= band_high) {
        sum += other;
        ++count;
        end = j;
        hl[j] = 0;
      }
    }

    if (count >= 2) {
      out.liquidity[i] = sign;
      out.level[i] = as_float32(sum / static_cast<double>(count));
      out.end[i] = as_float32(static_cast<double>(end));
      out.swept[i] = as_float32(static_cast<double>(swept));
    }
  }
}

}  // namespace

table liquidity(const ohlcv& candles, const swing_points& swings, double range_percent) {
  const std::size_t n = candles.size();
  check_swings("liquidity", candles, swings);
  liquidity_columns out{std::vector<double>(n, nan), std::vector<double>(n, nan),
                        std::vector<double>(n, nan), std::vector<double>(n, nan)};
  if (n > 0) {
    const double highest = *std::max_element(candles.high.begin(), candles.high.end());
    const double lowest = *std::min_element(candles.low.begin(), candles.low.end());
    const double pip = (highest - lowest) * range_percent;
    std::vector<double> hl = swings.high_low;
    group_side(candles, swings, pip, +1.0, hl, out);
    group_side(candles, swings, pip, -1.0, hl, out);
  }
  return {{"Liquidity", column_kind::float32, std::move(out.liquidity)},
          {"Level", column_kind::float32, std::move(out.level)},
          {"End", column_kind::float32, std::move(out.end)},
          {"Swept", column_kind::float32, std::move(out.swept)}};
}

}  // namespace tb::ictsmc
