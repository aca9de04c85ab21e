#include "candle_files/utc_time.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "candle_files/candle_time.hpp"

namespace tb::candle_files {

std::optional<std::int64_t> parse_utc_time(std::string_view text) {
  const bool has_date_separator = text.find('-') != std::string_view::npos;
  if (!has_date_separator) return std::nullopt;
  return parse_candle_time(text);
}

std::string format_utc_minute(std::int64_t epoch_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{epoch_ms}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<minutes>(t - day)};
  char text[32];
  const int hour = static_cast<int>(hms.hours().count());
  const int minute = static_cast<int>(hms.minutes().count());
  const int n = hour == 0 && minute == 0
                    ? std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                                    static_cast<unsigned>(ymd.month()),
                                    static_cast<unsigned>(ymd.day()))
                    : std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d",
                                    static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                    static_cast<unsigned>(ymd.day()), hour, minute);
  return std::string(text, static_cast<std::size_t>(std::max(n, 0)));
}

}  // namespace tb::candle_files
