#include "services/compact_candle.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::host {
namespace {

constexpr double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
constexpr double max_units = std::numeric_limits<std::int32_t>::max();

int decimals_of(double price) noexcept {
  if (!std::isfinite(price)) return 0;
  for (int d = 0; d <= price_codec::max_scale; ++d) {
    const double units = std::nearbyint(price * pow10[d]);
    if (units / pow10[d] == price) return d;
  }
  return price_codec::max_scale;
}

}  // namespace

int price_codec::decimals_needed(const tb_candle& c) noexcept {
  return std::max({decimals_of(c.open), decimals_of(c.high), decimals_of(c.low),
                   decimals_of(c.close)});
}

bool price_codec::fits(double max_abs, int scale) noexcept {
  const double units = scale >= 0 ? max_abs * pow10[scale] : max_abs / pow10[-scale];
  return std::nearbyint(units) <= max_units;
}

double price_codec::largest_price(const tb_candle& c) noexcept {
  const double m = std::max({std::fabs(c.open), std::fabs(c.high), std::fabs(c.low),
                             std::fabs(c.close)});
  return std::isfinite(m) ? m : 0.0;
}

std::int32_t price_codec::encode(double price, int scale) noexcept {
  if (!std::isfinite(price)) return 0;
  const double units =
      std::nearbyint(scale >= 0 ? price * pow10[scale] : price / pow10[-scale]);
  return static_cast<std::int32_t>(std::clamp(units, -max_units, max_units));
}

// A division by an exact power of ten: the correctly rounded double of units x 10^-scale.
double price_codec::decode(std::int32_t units, int scale) noexcept {
  return scale >= 0 ? static_cast<double>(units) / pow10[scale]
                    : static_cast<double>(units) * pow10[-scale];
}

compact_candle price_codec::pack(const tb_candle& c, int scale) noexcept {
  compact_candle out;
  out.open_time_ms = c.open_time_ms;
  const std::int64_t span = c.close_time_ms - c.open_time_ms;
  out.close_span_ms = static_cast<std::uint32_t>(
      std::clamp<std::int64_t>(span, 0, std::numeric_limits<std::uint32_t>::max()));
  out.trade_count = static_cast<std::uint32_t>(std::min<std::uint64_t>(
      c.trade_count, std::numeric_limits<std::uint32_t>::max()));
  out.open = encode(c.open, scale);
  out.high = encode(c.high, scale);
  out.low = encode(c.low, scale);
  out.close = encode(c.close, scale);
  out.volume = static_cast<float>(c.volume);
  out.quote_volume = static_cast<float>(c.quote_volume);
  return out;
}

tb_candle price_codec::unpack(const compact_candle& c, int scale) noexcept {
  tb_candle out{};
  out.open_time_ms = c.open_time_ms;
  out.close_time_ms = c.open_time_ms + static_cast<std::int64_t>(c.close_span_ms);
  out.open = decode(c.open, scale);
  out.high = decode(c.high, scale);
  out.low = decode(c.low, scale);
  out.close = decode(c.close, scale);
  out.volume = static_cast<double>(c.volume);
  out.quote_volume = static_cast<double>(c.quote_volume);
  out.trade_count = c.trade_count;
  out.flags = TB_CANDLE_CLOSED;
  return out;
}

}  // namespace tb::host
