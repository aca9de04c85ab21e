#include "app/settings_changes.hpp"

namespace tb::host {
namespace {

// The service settings the loop reads on every cycle; strategy_reload, reload_debounce and
// reload_probation_faults shape the watcher and the reloader made at start-up.
service_settings live_part(const service_settings& s) {
  service_settings live;
  live.scan_every = s.scan_every;
  live.scan_delay = s.scan_delay;
  live.stop_timeout = s.stop_timeout;
  return live;
}

template <class Section>
void compare(const char* name, const Section& running, const Section& loaded, bool live,
             settings_changes& out) {
  if (running == loaded) return;
  (live ? out.applied : out.need_restart).emplace_back(name);
}

}  // namespace

settings_changes compare_settings(const bot_settings& running, const bot_settings& loaded) {
  settings_changes out;
  compare("mode", running.mode, loaded.mode, false, out);
  compare("state_dir", running.state_dir, loaded.state_dir, false, out);
  compare("logging", running.logging, loaded.logging, false, out);
  compare("plugins", running.plugins, loaded.plugins, false, out);
  compare("rate_limits", running.rate_limits, loaded.rate_limits, false, out);
  compare("circuit_breakers", running.circuit_breakers, loaded.circuit_breakers, false, out);
  compare("cache", running.cache, loaded.cache, false, out);
  compare("alerts", running.alerts, loaded.alerts, false, out);
  compare("data", running.data, loaded.data, false, out);
  compare("strategy", running.strategy, loaded.strategy, true, out);
  compare("risk", running.risk, loaded.risk, false, out);
  compare("positions", running.positions, loaded.positions, false, out);
  compare("backtest", running.backtest, loaded.backtest, false, out);
  compare("service", live_part(running.service), live_part(loaded.service), true, out);
  compare("service.strategy_reload", running.service.strategy_reload,
          loaded.service.strategy_reload, false, out);
  compare("service.reload_debounce", running.service.reload_debounce,
          loaded.service.reload_debounce, false, out);
  compare("service.reload_probation_faults", running.service.reload_probation_faults,
          loaded.service.reload_probation_faults, false, out);
  compare("api", running.api, loaded.api, false, out);
  // The alert forwarder is made at start-up with its notify_every.
  monitoring_settings live_monitoring = loaded.monitoring;
  live_monitoring.notify_every = running.monitoring.notify_every;
  compare("monitoring", running.monitoring, live_monitoring, true, out);
  compare("monitoring.notify_every", running.monitoring.notify_every,
          loaded.monitoring.notify_every, false, out);
  return out;
}

void apply_live_changes(bot_settings& running, const bot_settings& loaded) {
  running.strategy = loaded.strategy;
  const auto notify_every = running.monitoring.notify_every;
  running.monitoring = loaded.monitoring;
  running.monitoring.notify_every = notify_every;
  const service_settings live = live_part(loaded.service);
  running.service.scan_every = live.scan_every;
  running.service.scan_delay = live.scan_delay;
  running.service.stop_timeout = live.stop_timeout;
}

}  // namespace tb::host
