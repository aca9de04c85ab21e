#pragma once
// Kline intervals and their UTC boundaries: fixed-length intervals align to the Unix epoch,
// weeks to Monday 00:00 UTC, months to the calendar.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::fake {

constexpr std::int64_t minute_ms = 60'000;
constexpr std::int64_t hour_ms = 60 * minute_ms;
constexpr std::int64_t day_ms = 24 * hour_ms;

// a / b rounded towards negative infinity.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct interval {
  std::string name;     // "1m" ... "1M"
  std::int64_t ms = 0;  // length, 0 for 1M (calendar months)

  bool monthly() const { return ms == 0; }
  // Open time of the bar containing t.
  std::int64_t open_of(std::int64_t t) const;
  // Open time of the bar after the one opening at `open`.
  std::int64_t next(std::int64_t open) const;
  // Open time of the bar before the one opening at `open`.
  std::int64_t prev(std::int64_t open) const;
};

// The futures intervals; "1s" and anything else are empty (-1120).
std::optional<interval> parse_interval(std::string_view name);

}  // namespace tb::fake
