// The candles an indicator reads, as columns (the reference library works on columns too).
// Prices and volume are float64, as pandas reads them; time is the candle's open time in
// epoch milliseconds, UTC (only previous_high_low and sessions look at it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tb::ictsmc {

struct ohlcv {
  std::vector<std::int64_t> time_ms;
  std::vector<double> open, high, low, close, volume;

  std::size_t size() const noexcept { return close.size(); }
  void reserve(std::size_t n) {
    time_ms.reserve(n);
    open.reserve(n);
    high.reserve(n);
    low.reserve(n);
    close.reserve(n);
    volume.reserve(n);
  }
  void push_back(std::int64_t t, double o, double h, double l, double c, double v) {
    time_ms.push_back(t);
    open.push_back(o);
    high.push_back(h);
    low.push_back(l);
    close.push_back(c);
    volume.push_back(v);
  }
};

}  // namespace tb::ictsmc
