#pragma once
// Candles for the download tests: a deterministic 1m series with awkward numbers.
#include <tradingbot/tb_abi.h>

#include <cstdint>

namespace tb::host::downloader::test_data {

inline constexpr std::int64_t minute_ms = 60'000;
inline constexpr std::int64_t jan_1_2024_ms = 1'704'067'200'000;

inline tb_candle candle_at(std::int64_t open_ms, std::int64_t length_ms = minute_ms) {
  const double k = static_cast<double>((open_ms / length_ms) % 9973);
  tb_candle c{};
  c.open_time_ms = open_ms;
  c.close_time_ms = open_ms + length_ms - 1;
  c.open = 42000.1 + k * 0.1;
  c.high = c.open + 1.0 / 3.0;
  c.low = c.open - 0.3;
  c.close = c.open + 0.07;
  c.volume = 1e-8 + k / 7.0;
  c.quote_volume = c.volume * c.close;
  c.trade_count = static_cast<std::uint64_t>(k) * 3;
  c.flags = TB_CANDLE_CLOSED;
  return c;
}

}  // namespace tb::host::downloader::test_data
