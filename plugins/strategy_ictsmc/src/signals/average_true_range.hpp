// Wilder's average true range, fed one candle at a time: the plain mean of the true ranges
// until `length` candles were seen, then Wilder's smoothing. The stop buffer is sized by it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "indicators/ohlcv.hpp"

namespace tb::ictsmc {

class average_true_range {
 public:
  explicit average_true_range(std::size_t length) : length_(length) {}

  // Candle i, after every candle before it.
  void update(const ohlcv& c, std::size_t i) {
    double range = c.high[i] - c.low[i];
    if (i > 0) {
      range = std::max({range, std::abs(c.high[i] - c.close[i - 1]),
                        std::abs(c.low[i] - c.close[i - 1])});
    }
    const double n = static_cast<double>(std::min(++seen_, length_));
    value_ += (range - value_) / n;
  }
  double value() const noexcept { return value_; }

 private:
  std::size_t length_;
  std::size_t seen_ = 0;
  double value_ = 0.0;
};

}  // namespace tb::ictsmc
