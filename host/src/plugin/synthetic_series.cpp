#include "plugin/synthetic_series.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace tb::host {

std::optional<std::uint32_t> interval_seconds(std::string_view code) {
  if (code.size() < 2) return std::nullopt;
  std::uint32_t count = 0;
  const char* first = code.data();
  const char* last = code.data() + code.size() - 1;
  const auto [end, ec] = std::from_chars(first, last, count);
  if (ec != std::errc{} || end != last || count == 0) return std::nullopt;
  std::uint64_t unit = 0;
  switch (*last) {
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    case 'M':
      unit = 30 * 86400;
      break;
    default:
      return std::nullopt;
  }
  const std::uint64_t seconds = unit * count;
  if (seconds > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(seconds);
}

synthetic_series::synthetic_series(std::string symbol, std::uint32_t symbol_id,
                                   std::string interval, std::uint32_t interval_s,
                                   std::size_t count)
    : symbol_(std::move(symbol)),
      symbol_id_(symbol_id),
      interval_(std::move(interval)),
      interval_s_(interval_s) {
  // 2023-11-14 00:00 UTC, a day boundary, so every interval up to 1d lines up.
  constexpr std::int64_t end_ms = 1'699'920'000'000;
  const std::int64_t step_ms = static_cast<std::int64_t>(interval_s_) * 1000;
  candles_.resize(count);
  double previous_close = 30000.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i);
    const double close = 30000.0 * (1.0 + 0.03 * std::sin(t / 9.0) + 0.0004 * t);
    tb_candle& c = candles_[i];
    c.open_time_ms = end_ms - static_cast<std::int64_t>(count - i) * step_ms;
    c.close_time_ms = c.open_time_ms + step_ms - 1;
    c.open = previous_close;
    c.close = close;
    c.high = std::max(c.open, c.close) * 1.002;
    c.low = std::min(c.open, c.close) * 0.998;
    c.volume = 100.0 + static_cast<double>(i % 17);
    c.quote_volume = c.volume * close;
    c.trade_count = 1000 + i % 101;
    c.flags = TB_CANDLE_CLOSED;
    previous_close = close;
  }
}

tb_series synthetic_series::view() const noexcept {
  tb_series s{};
  s.struct_size = sizeof(tb_series);
  s.symbol_id = symbol_id_;
  s.symbol = symbol_.c_str();
  s.interval = interval_.c_str();
  s.interval_s = interval_s_;
  s.candle_stride = sizeof(tb_candle);
  s.count = candles_.size();
  s.candles = candles_.data();
  return s;
}

}  // namespace tb::host
