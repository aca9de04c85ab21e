// Helpers for the tests of the time-based indicators (previous_high_low, sessions): candles at
// given UTC times, from their high and low.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>

#include "indicators/ohlcv.hpp"

namespace tb::ictsmc::testing {

// Epoch ms of a UTC date and time of day.
inline std::int64_t utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0,
                        int second = 0) {
  const std::chrono::sys_days date =
      std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
  return std::chrono::duration_cast<std::chrono::milliseconds>(date.time_since_epoch()).count() +
         ((hour * 60LL + minute) * 60 + second) * 1'000;
}

struct timed {
  std::int64_t time;
  double high, low;
};

// Bullish candles (open at the low, close at the high), volume 1.
inline ohlcv candles_at(std::initializer_list<timed> rows) {
  ohlcv out;
  for (const timed& r : rows) out.push_back(r.time, r.low, r.high, r.low, r.high, 1);
  return out;
}

}  // namespace tb::ictsmc::testing
