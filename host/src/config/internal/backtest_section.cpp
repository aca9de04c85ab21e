#include <string>

#include <candle_files/utc_time.hpp>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

// The years a backtest period may lie in: 2000-01-01 up to the end of 2100.
constexpr std::int64_t earliest_ms = 946'684'800'000;
constexpr std::int64_t after_latest_ms = 4'133'980'800'000;

bool read_utc_time(reader& r, const field& f, std::int64_t& out) {
  const auto value = r.get_scalar(f, "a UTC date or time (2024-01-31 or 2024-01-31T06:00)");
  if (!value) return false;
  const auto parsed = candle_files::parse_utc_time(value->text);
  if (!parsed || *parsed < earliest_ms || *parsed >= after_latest_ms) {
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
