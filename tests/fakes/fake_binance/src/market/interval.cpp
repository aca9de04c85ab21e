#include "market/interval.hpp"

#include <array>
#include <utility>

namespace tb::fake {
namespace {

constexpr std::int64_t week_ms = 7 * day_ms;
constexpr std::int64_t monday_offset_ms = 4 * day_ms;  // 1970-01-05 was a Monday

// Howard Hinnant's civil-calendar conversions.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3U : 9U)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
}

}  // namespace

std::int64_t interval::open_of(std::int64_t t) const {
  if (monthly()) {
    std::int64_t y = 0;
    unsigned m = 0;
    civil_from_days(floor_div(t, day_ms), y, m);
    return days_from_civil(y, m, 1) * day_ms;
  }
  if (ms == week_ms) return floor_div(t - monday_offset_ms, week_ms) * week_ms + monday_offset_ms;
  return floor_div(t, ms) * ms;
}

std::int64_t interval::next(std::int64_t open) const {
  if (!monthly()) return open + ms;
  std::int64_t y = 0;
  unsigned m = 0;
  civil_from_days(floor_div(open, day_ms), y, m);
  if (m == 12) return days_from_civil(y + 1, 1, 1) * day_ms;
  return days_from_civil(y, m + 1, 1) * day_ms;
}

std::int64_t interval::prev(std::int64_t open) const {
  if (!monthly()) return open - ms;
  return open_of(open - 1);
}

std::optional<interval> parse_interval(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::int64_t>, 15> table{{
      {"1m", minute_ms}, {"3m", 3 * minute_ms}, {"5m", 5 * minute_ms}, {"15m", 15 * minute_ms},
      {"30m", 30 * minute_ms}, {"1h", hour_ms}, {"2h", 2 * hour_ms}, {"4h", 4 * hour_ms},
      {"6h", 6 * hour_ms}, {"8h", 8 * hour_ms}, {"12h", 12 * hour_ms}, {"1d", day_ms},
      {"3d", 3 * day_ms}, {"1w", week_ms}, {"1M", 0},
  }};
  for (const auto& [n, ms] : table)
    if (n == name) return interval{std::string(n), ms};
  return std::nullopt;
}

}  // namespace tb::fake
