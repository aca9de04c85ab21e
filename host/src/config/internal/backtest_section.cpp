#include <chrono>
#include <cstdio>
#include <string>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

// "2024-01-31", "2024-01-31T06:30", "2024-01-31 06:30:15" with an optional trailing "Z":
// an instant in UTC (no other offset: a backtest period is in exchange time).
std::optional<std::int64_t> parse_utc_time(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
  const char* s = text.c_str();
  if (std::sscanf(s, "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 || used != 10) {
    return std::nullopt;
  }
  std::string rest = text.substr(10);
  if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    int n = 0;
    const int got = std::sscanf(rest.c_str() + 1, "%2d:%2d%n:%2d%n", &hour, &minute, &n, &second, &n);
    if (got < 2 || static_cast<std::size_t>(n) + 1 != rest.size() || hour > 23 || minute > 59 ||
        second > 59 || hour < 0 || minute < 0 || second < 0) {
      return std::nullopt;
    }
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || year < 2000 || year > 2100) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((days * 24 + hour) * 60 + minute) * 60'000LL + second * 1'000LL;
}

bool read_utc_time(reader& r, const field& f, std::int64_t& out) {
  const auto value = r.get_scalar(f, "a UTC date or time (2024-01-31 or 2024-01-31T06:00)");
  if (!value) return false;
  const auto parsed = parse_utc_time(value->text);
  if (!parsed) {
    r.error(value->mark, f.path + ": expected a UTC date or time (2024-01-31 or "
                                   "2024-01-31T06:00), got " + value->shown());
    return false;
  }
  out = *parsed;
  return true;
}

}  // namespace

void read_backtest(reader& r, const field& f, backtest_settings& out) {
  using std::chrono::hours;
  using std::chrono::minutes;
  map_reader section(r, f);
  section.allow_only({"start", "end", "step", "output_dir", "chart_symbols", "progress"});
  const auto start = section.require("start", "a UTC date or time (2024-01-31)");
  const auto end = section.require("end", "a UTC date or time (2024-03-31)");
  const bool have_start = start && read_utc_time(r, *start, out.start_ms);
  const bool have_end = end && read_utc_time(r, *end, out.end_ms);
  if (have_start && have_end && out.end_ms <= out.start_ms) {
    r.error(end->key_mark, end->path + ": the backtest must end after it starts");
  }
  if (auto v = section.get("step")) read_duration(r, *v, minutes{1}, hours{24}, out.step);
  if (auto v = section.get("output_dir")) read_path(r, *v, out.output_dir);
  if (auto v = section.get("chart_symbols")) {
    read_integer<std::uint32_t>(r, *v, 0, 100, out.chart_symbols);
  }
  if (auto v = section.get("progress")) read_bool(r, *v, out.progress);
}

}  // namespace tb::host::config_internal
