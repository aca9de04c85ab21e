// Candle intervals, as Binance names them. Every interval divides one UTC day, so candles of
// any interval are aligned to multiples of their length since the Unix epoch and never
// straddle a day.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tb::exchange_sim {

enum class interval : std::uint8_t { m1, m3, m5, m15, m30, h1, h2, h4, h6, h8, h12, d1 };

inline constexpr std::array<interval, 12> all_intervals{
    interval::m1, interval::m3, interval::m5, interval::m15, interval::m30, interval::h1,
    interval::h2, interval::h4, interval::h6, interval::h8,  interval::h12, interval::d1};

inline constexpr std::int64_t minute_ms = 60'000;
inline constexpr std::int64_t hour_ms = 3'600'000;
inline constexpr std::int64_t day_ms = 86'400'000;
inline constexpr std::int64_t minutes_per_day = 1440;

// Length in minutes (1 for m1 ... 1440 for d1).
std::int64_t interval_minutes(interval iv) noexcept;
inline std::int64_t interval_ms(interval iv) noexcept { return interval_minutes(iv) * minute_ms; }

// "1m", "3m", ..., "1d".
std::string_view to_string(interval iv) noexcept;
// The inverse of to_string; nullopt for anything else.
std::optional<interval> parse_interval(std::string_view text) noexcept;

// Floor division for possibly negative times.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace tb::exchange_sim
