#pragma once
// UTC days and times for limits, reports and log lines (epoch milliseconds).
#include <cstdint>
#include <string>

namespace tb::host {

inline constexpr std::int64_t day_ms = 86'400'000;

// The day number since 1970-01-01 (UTC), rounding down for times before it.
std::int64_t utc_day(std::int64_t ms) noexcept;
// 00:00 UTC of the day `ms` falls in.
inline std::int64_t start_of_utc_day(std::int64_t ms) noexcept { return utc_day(ms) * day_ms; }
// "2023-11-14 16:00:00 UTC"
std::string utc_text(std::int64_t ms);

}  // namespace tb::host
