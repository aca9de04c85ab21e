#include <chrono>
#include <limits>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

void read_monitoring(reader& r, const field& f, monitoring_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  map_reader section(r, f);
  section.allow_only({"check_every", "max_drawdown_percent", "max_errors_per_minute",
                      "max_scan_time", "stale_data_after", "breaker_open_for", "stopless_after",
                      "strategy_faults", "notify_every"});
  if (auto v = section.get("check_every")) read_duration(r, *v, seconds{1}, hours{1}, out.check_every);
  if (auto v = section.get("max_drawdown_percent")) read_number(r, *v, 0, 100, out.max_drawdown_percent);
  if (auto v = section.get("max_errors_per_minute")) read_number(r, *v, 0, 1e6, out.max_errors_per_minute);
  if (auto v = section.get("max_scan_time")) read_duration(r, *v, milliseconds{0}, hours{1}, out.max_scan_time);
  if (auto v = section.get("stale_data_after")) {
    read_duration(r, *v, milliseconds{0}, hours{7 * 24}, out.stale_data_after);
  }
  if (auto v = section.get("breaker_open_for")) {
    read_duration(r, *v, milliseconds{0}, hours{1}, out.breaker_open_for);
  }
  if (auto v = section.get("stopless_after")) read_duration(r, *v, seconds{1}, hours{1}, out.stopless_after);
  if (auto v = section.get("strategy_faults")) {
    read_integer<std::uint32_t>(r, *v, 1, 1000, out.strategy_faults);
  }
  if (auto v = section.get("notify_every")) read_duration(r, *v, milliseconds{0}, hours{24}, out.notify_every);
}

}  // namespace tb::host::config_internal
