#pragma once
// `tradingbot run` in paper or live mode as a long-running service (docs/operations.md):
// a scan at every close of the strategies' shortest interval (or every service.scan_every),
// each one fetch -> analyze and rank -> execute (no new entries while paused), with the
// open positions followed on the position monitor's thread in between; the MonitoringService
// fed after every scan and its alerts checked every monitoring.check_every; the admin API,
// systemd readiness and watchdog pings; SIGHUP, POST /api/reload and (service.strategy_reload:
// watch) a change in a plugin directory reload the YAML and the strategies between scans;
// SIGTERM or SIGINT stop it in order within service.stop_timeout.
#include <spdlog/logger.h>

#include <memory>

#include "app/alert_forwarder.hpp"
#include "app/trade_notifier.hpp"
#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "app/trading_pass.hpp"
#include "config/settings.hpp"

namespace tb::host {

// Runs until a stop is asked for; returns the process exit code (exit_ok after an orderly
// stop, exit_config when the admin API cannot listen). The caller owns the plugins and
// stops them afterwards; `settings` is the running copy: a reload applies live changes to it.
// `forwarder` hands alerts to the notifiers; the loop releases its held resolutions. `trades`
// (the trading pass's trade listener) gets each ended UTC day's summary from the loop.
int run_service(core_services& services, plugin_set& plugins, bot_settings& settings,
                trading_pass& trading, alert_forwarder& forwarder, trade_notifier& trades);

}  // namespace tb::host
