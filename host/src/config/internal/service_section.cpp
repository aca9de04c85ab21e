#include <chrono>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

void read_service(reader& r, const field& f, service_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  using std::chrono::seconds;
  map_reader section(r, f);
  section.allow_only({"scan_every", "scan_delay", "stop_timeout", "strategy_reload",
                      "reload_debounce", "reload_probation_faults"});
  if (auto v = section.get("scan_every")) {
    std::chrono::milliseconds every{0};
    // 0 (the strategies' candle closes) or a period of 10s..24h.
    if (read_duration(r, *v, milliseconds{0}, hours{24}, every)) {
      if (every.count() != 0 && every < seconds{10}) {
        r.error(v->value.Mark(), v->path + ": expected 0 (every candle close) or 10s..24h");
      } else {
        out.scan_every = every;
      }
    }
  }
  if (auto v = section.get("scan_delay")) read_duration(r, *v, milliseconds{0}, minutes{5}, out.scan_delay);
  if (auto v = section.get("stop_timeout")) read_duration(r, *v, seconds{1}, minutes{10}, out.stop_timeout);
  if (auto v = section.get("strategy_reload")) read_enum(r, *v, reload_mode_names, out.strategy_reload);
  if (auto v = section.get("reload_debounce")) {
    read_duration(r, *v, milliseconds{50}, minutes{1}, out.reload_debounce);
  }
  if (auto v = section.get("reload_probation_faults")) {
    read_integer<std::uint32_t>(r, *v, 1, 100, out.reload_probation_faults);
  }
}

}  // namespace tb::host::config_internal
