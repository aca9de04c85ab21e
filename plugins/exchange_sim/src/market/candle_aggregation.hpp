// Candles of a longer interval from one-minute candles: open of the first, highest high,
// lowest low, close of the last, summed volume, quote volume and trade count.
#pragma once

#include <span>

#include "market/candle.hpp"
#include "market/interval.hpp"

namespace tb::exchange_sim {

// The `iv` candle made of `minutes` (non-empty, consecutive, the first opening on the
// interval's boundary). A span shorter than the interval gives the forming candle so far;
// close_time_ms is always open_time_ms + interval length - 1, as Binance reports it.
candle aggregate(std::span<const candle> minutes, interval iv) noexcept;

}  // namespace tb::exchange_sim
