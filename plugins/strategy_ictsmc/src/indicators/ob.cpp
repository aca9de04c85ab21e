// ob: spec section 4. Two passes (bullish, then bearish) over shared work arrays, as in the
// reference: the bearish pass may overwrite a bullish block, and the crossed and breaker
// flags are never cleared.
#include <algorithm>
#include <cstddef>
#include <queue>
#include <utility>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

// The reference's work arrays that outlive a crossing; the float ones are its float32 arrays
// (compared with float64 prices after widening, as numpy does).
struct ob_state {
  explicit ob_state(std::size_t n)
      : ob(n, 0),
        top(n, 0),
        bottom(n, 0),
        volume(n, 0),
        percentage(n, 0),
        mitigated(n, 0),
        crossed(n, false),
        breaker(n, false) {}

  void erase(std::size_t c) {
    ob[c] = 0;
    top[c] = bottom[c] = volume[c] = percentage[c] = 0;
    mitigated[c] = 0;
  }

  std::vector<int> ob;
  std::vector<float> top, bottom, volume, percentage;
  std::vector<std::size_t> mitigated;
  std::vector<bool> crossed, breaker;
};

// One pass: bullish (sign +1, swing highs, crossing above) or bearish (sign -1, mirror).
//
// The reference walks a snapshot of its active list on every candle. A candle is chosen at
// most once per pass (a later crossing belongs to a later swing, which lies after every
// candle the earlier crossing could choose), so the list never holds duplicates, an active
// block's Top/Bottom never change, and each block is checked against its own state at the
// start of the candle. Heaps keyed by the edge each block waits for give the same result in
// O(n log n): first erase reclaimed breakers, then turn mitigated blocks into breakers.
void ob_pass(const ohlcv& k, const swing_points& swings, bool close_mitigation, int sign,
             ob_state& st) {
  const std::size_t n = k.size();
  const bool bull = sign > 0;
  // Max-heaps of (key, candle). Bullish: waiting key = Bottom (mitigated when price < it),
  // breaker key = -Top (erased when high > Top). Bearish: waiting key = -Top (mitigated when
  // price > Top), breaker key = Bottom (erased when low < Bottom).
  using entry = std::pair<float, std::size_t>;
  std::priority_queue<entry> waiting, breakers;
  auto push_breaker = [&](std::size_t c) { breakers.emplace(bull ? -st.top[c] : st.bottom[c], c); };
  std::size_t last_swing = n;  // n = none yet; the last swing of this side strictly before i
  for (std::size_t i = 0; i < n; ++i) {
    while (!breakers.empty() &&
           (bull ? k.high[i] > -breakers.top().first : k.low[i] < breakers.top().first)) {
      st.erase(breakers.top().second);
      breakers.pop();
    }
    if (bull) {
      const double price = close_mitigation ? std::min(k.open[i], k.close[i]) : k.low[i];
      while (!waiting.empty() && price < waiting.top().first) {
        const std::size_t c = waiting.top().second;
        waiting.pop();
        st.breaker[c] = true;
        st.mitigated[c] = i - 1;  // i-1 here, i in the bearish pass (reference quirk)
        push_breaker(c);
      }
    } else {
      const double price = close_mitigation ? std::max(k.open[i], k.close[i]) : k.high[i];
      while (!waiting.empty() && price > -waiting.top().first) {
        const std::size_t c = waiting.top().second;
        waiting.pop();
        st.breaker[c] = true;
        st.mitigated[c] = i;
        push_breaker(c);
      }
    }

    if (i > 0 && swings.high_low[i - 1] == sign) last_swing = i - 1;
    if (last_swing == n) continue;
    const std::size_t t = last_swing;
    const bool crosses = bull ? k.close[i] > k.high[t] : k.close[i] < k.low[t];
    if (!crosses || st.crossed[t]) continue;
    st.crossed[t] = true;

    std::size_t c = i - 1;
    double top = 0, bottom = 0;
    if (i - t > 1) {
      // Lowest low (bullish) / highest high (bearish) in t+1 .. i-1, the latest on ties.
      c = t + 1;
      for (std::size_t p = t + 2; p < i; ++p) {
        if (bull ? k.low[p] <= k.low[c] : k.high[p] >= k.high[c]) c = p;
      }
      top = k.high[c];
      bottom = k.low[c];
    } else if (bull) {
      top = k.low[c];  // swapped in the reference's default (only after the row-0 swing)
      bottom = k.high[c];
    } else {
      top = k.high[c];
      bottom = k.low[c];
    }

    const double v0 = k.volume[i], v1 = k.volume[i - 1], v2 = i >= 2 ? k.volume[i - 2] : 0.0;
    st.ob[c] = sign;
    st.top[c] = static_cast<float>(top);
    st.bottom[c] = static_cast<float>(bottom);
    st.volume[c] = static_cast<float>(v0 + v1 + v2);
    // lowVolume / highVolume are float32 arrays in the reference, read back only here.
    const float lv = static_cast<float>(bull ? v2 : v0 + v1);
    const float hv = static_cast<float>(bull ? v0 + v1 : v2);
    const float most = std::max(hv, lv);
    // float32 quotient, then x100 in float64 (numpy 1.x scalar promotion), stored as float32.
    st.percentage[c] =
        most == 0 ? 100.0f
                  : static_cast<float>(static_cast<double>(std::min(hv, lv) / most) * 100.0);
    if (st.breaker[c]) {
      push_breaker(c);  // a bearish block on a bullish breaker's candle inherits the flag
    } else {
      waiting.emplace(bull ? st.bottom[c] : -st.top[c], c);
    }
  }
}

}  // namespace

table ob(const ohlcv& candles, const swing_points& swings, bool close_mitigation) {
  const std::size_t n = candles.size();
  check_swings("ob", candles, swings);
  ob_state st(n);
  ob_pass(candles, swings, close_mitigation, 1, st);
  ob_pass(candles, swings, close_mitigation, -1, st);

  std::vector<double> kind(n, nan), top(n, nan), bottom(n, nan), volume(n, nan), mitigated(n, nan),
      percentage(n, nan);
  for (std::size_t i = 0; i < n; ++i) {
    if (st.ob[i] == 0) continue;
    kind[i] = st.ob[i];
    top[i] = st.top[i];
    bottom[i] = st.bottom[i];
    volume[i] = st.volume[i];
    mitigated[i] = static_cast<double>(st.mitigated[i]);
    percentage[i] = st.percentage[i];
  }
  return {column{"OB", column_kind::float64, std::move(kind)},
          column{"Top", column_kind::float32, std::move(top)},
          column{"Bottom", column_kind::float32, std::move(bottom)},
          column{"OBVolume", column_kind::float32, std::move(volume)},
          column{"MitigatedIndex", column_kind::float64, std::move(mitigated)},
          column{"Percentage", column_kind::float32, std::move(percentage)}};
}

}  // namespace tb::ictsmc
