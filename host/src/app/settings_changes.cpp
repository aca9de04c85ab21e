#include "app/settings_changes.hpp"

namespace tb::host {
namespace {

// `running` with every setting the loop reads on each cycle taken from `loaded`: the strategy,
// the monitoring thresholds and the service's scan_every, scan_delay and stop_timeout. The
// rest is built into services at start-up: the alert forwarder with monitoring.notify_every,
// the watcher and the reloader with the other service settings.
bot_settings with_live_changes(const bot_settings& running, const bot_settings& loaded) {
  bot_settings live = running;
  live.strategy = loaded.strategy;
  live.monitoring = loaded.monitoring;
  live.monitoring.notify_every = running.monitoring.notify_every;
  live.service.scan_every = loaded.service.scan_every;
  live.service.scan_delay = loaded.service.scan_delay;
  live.service.stop_timeout = loaded.service.stop_timeout;
  return live;
}

template <class Setting>
void note(const char* name, const Setting& from, const Setting& to, std::vector<std::string>& list) {
  if (!(from == to)) list.emplace_back(name);
}

}  // namespace

settings_changes compare_settings(const bot_settings& running, const bot_settings& loaded) {
  const bot_settings live = with_live_changes(running, loaded);
  settings_changes out;
  // What the reload applies.
  note("strategy", running.strategy, live.strategy, out.applied);
  note("service", running.service, live.service, out.applied);
  note("monitoring", running.monitoring, live.monitoring, out.applied);
  // What still differs from the file: only a restart applies it.
  auto& restart = out.need_restart;
  note("mode", live.mode, loaded.mode, restart);
  note("state_dir", live.state_dir, loaded.state_dir, restart);
  note("logging", live.logging, loaded.logging, restart);
  note("plugins", live.plugins, loaded.plugins, restart);
  note("rate_limits", live.rate_limits, loaded.rate_limits, restart);
  note("circuit_breakers", live.circuit_breakers, loaded.circuit_breakers, restart);
  note("cache", live.cache, loaded.cache, restart);
  note("alerts", live.alerts, loaded.alerts, restart);
  note("data", live.data, loaded.data, restart);
  note("risk", live.risk, loaded.risk, restart);
  note("positions", live.positions, loaded.positions, restart);
  note("backtest", live.backtest, loaded.backtest, restart);
  note("service.strategy_reload", live.service.strategy_reload, loaded.service.strategy_reload,
       restart);
  note("service.reload_debounce", live.service.reload_debounce, loaded.service.reload_debounce,
       restart);
  note("service.reload_probation_faults", live.service.reload_probation_faults,
       loaded.service.reload_probation_faults, restart);
  note("api", live.api, loaded.api, restart);
  note("monitoring.notify_every", live.monitoring.notify_every, loaded.monitoring.notify_every,
       restart);
  return out;
}

void apply_live_changes(bot_settings& running, const bot_settings& loaded) {
  running = with_live_changes(running, loaded);
}

}  // namespace tb::host
