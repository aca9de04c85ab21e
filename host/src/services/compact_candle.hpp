#pragma once

#include <tradingbot/tb_abi.h>

#include <cstdint>

namespace tb::host {

// A closed candle as a candle_series stores it: 40 bytes instead of tb_candle's 80, so that
// 648 symbols x 3 intervals x 500 candles take 39 MB instead of 78 MB.
//
// Precision, field by field:
// - open_time_ms: exact. close_time_ms: exact as open + close_span_ms (a span outside
//   0..2^32-1 ms, which no Binance interval has, is clamped).
// - open, high, low, close: integers in units of 10^-scale, scale chosen per series
//   (price_codec). Klines carry decimal strings with at most the symbol's tick decimals, so a
//   price parsed from one comes back bit-identical (units / 10^scale is the correctly rounded
//   double of the same decimal) as long as it has at most 9 decimals and fits 2^31 - 1 units:
//   true of every USD-M symbol today (e.g. BTC 95596.1 at scale 1, a 0.00001234 price at
//   scale 8). Otherwise the series drops to a scale that fits, and prices are rounded to 10^-scale
//   (still 9 or more significant digits, against float32's 7).
// - volume, quote_volume: float32, ~7 significant digits (relative error <= 6e-8), as the
//   reference SMC library keeps its float32 columns; strategies use volumes for comparisons
//   and ratios, not for order sizes.
// - trade_count: exact below 2^32 (saturates). flags: not stored (every stored candle is
//   closed).
struct compact_candle {
  std::int64_t open_time_ms = 0;
  std::uint32_t close_span_ms = 0;
  std::uint32_t trade_count = 0;
  std::int32_t open = 0, high = 0, low = 0, close = 0;
  float volume = 0;
  float quote_volume = 0;
};
static_assert(sizeof(compact_candle) == 40, "compact_candle is meant to stay 40 bytes");

// Encodes prices as integers of 10^-scale (scale in [min_scale, max_scale]).
class price_codec {
 public:
  static constexpr int min_scale = -9;
  static constexpr int max_scale = 9;

  // The fewest decimals (<= max_scale) that represent every price of `c` exactly;
  // max_scale when one needs more.
  static int decimals_needed(const tb_candle& c) noexcept;
  // Whether |price| <= max_abs fits the int32 units at `scale`.
  static bool fits(double max_abs, int scale) noexcept;
  static double largest_price(const tb_candle& c) noexcept;

  static std::int32_t encode(double price, int scale) noexcept;
  static double decode(std::int32_t units, int scale) noexcept;

  static compact_candle pack(const tb_candle& c, int scale) noexcept;
  // Always flagged TB_CANDLE_CLOSED.
  static tb_candle unpack(const compact_candle& c, int scale) noexcept;
};

}  // namespace tb::host
