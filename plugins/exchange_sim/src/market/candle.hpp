// One candle of the synthetic market, in the shape Binance's kline endpoint gives it.
#pragma once

#include <cstdint>

namespace tb::exchange_sim {

struct candle {
  std::int64_t open_time_ms = 0;   // UTC, a multiple of the interval length
  std::int64_t close_time_ms = 0;  // open_time_ms + interval length - 1
  double open = 0;                 // prices are multiples of the symbol's tick size
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;        // base asset, a multiple of the symbol's step size
  double quote_volume = 0;  // quote asset (USDT)
  std::uint64_t trade_count = 0;

  friend bool operator==(const candle&, const candle&) = default;
};

}  // namespace tb::exchange_sim
