#pragma once
// One bar in integer ticks (prices) and integer steps (volumes), so aggregating 1m bars into any
// longer interval is exact.
#include <algorithm>
#include <cstdint>

namespace tb::fake {

struct candle {
  std::int64_t open_time = 0;
  std::int64_t open = 0, high = 0, low = 0, close = 0;  // ticks
  std::int64_t volume = 0, taker_buy_volume = 0;       // steps
  std::int64_t trades = 0;
  std::int64_t first_trade_id = 0;
  double quote_volume = 0, taker_buy_quote = 0;
  bool empty = true;

  // Appends a later bar.
  void fold(const candle& later) {
    if (later.empty) return;
    if (empty) {
      const auto t = open_time;
      *this = later;
      open_time = t;
      return;
    }
    high = std::max(high, later.high);
    low = std::min(low, later.low);
    close = later.close;
    volume += later.volume;
    taker_buy_volume += later.taker_buy_volume;
    trades += later.trades;
    quote_volume += later.quote_volume;
    taker_buy_quote += later.taker_buy_quote;
  }
};

}  // namespace tb::fake
