// Builds a coarser candle from base candles: open of the first, highest high, lowest low,
// close of the last, summed volumes and trades (Binance's own aggregation).
#pragma once

#include <cstdint>

#include "tradingbot/tb_abi.h"

namespace tb::exchange_sim {

// Starts `out` as the candle of [open_ms, open_ms + length_ms) from its first base candle.
inline void fold_start(tb_candle& out, const tb_candle& base, std::int64_t open_ms, std::int64_t length_ms) {
  out = base;
  out.open_time_ms = open_ms;
  out.close_time_ms = open_ms + length_ms - 1;
  out.flags = 0;
}

inline void fold_add(tb_candle& out, const tb_candle& base) {
  if (base.high > out.high) out.high = base.high;
  if (base.low < out.low) out.low = base.low;
  out.close = base.close;
  out.volume += base.volume;
  out.quote_volume += base.quote_volume;
  out.trade_count += base.trade_count;
}

}  // namespace tb::exchange_sim
