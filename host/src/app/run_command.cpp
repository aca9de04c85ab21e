// `tradingbot run`: start-up, the state report, then the long-running service
// (bot_service.hpp), or with --once one reconciliation, market scan, strategy pass and
// execution; then an orderly shutdown.
#include <filesystem>
#include <iostream>
#include <system_error>

#include <spdlog/spdlog.h>

#include "app/alert_forwarder.hpp"
#include "app/bot_service.hpp"
#include "app/command_settings.hpp"
#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "app/market_scan.hpp"
#include "app/notifier_fanout.hpp"
#include "app/plugin_probe.hpp"
#include "app/plugin_set.hpp"
#include "app/scan_plan.hpp"
#include "app/shutdown_signals.hpp"
#include "app/strategy_pass.hpp"
#include "app/trade_notifier.hpp"
#include "app/trading_pass.hpp"
#include "config/diagnostic.hpp"
#include "config/load_settings.hpp"
#include "plugin/plugin_directories.hpp"

namespace tb::host {
namespace {

constexpr std::int64_t probe_timeout_ns = 10'000'000'000;  // per plugin, at start-up
constexpr std::int64_t notifier_flush_ns = 10'000'000'000;  // all notifiers, at shutdown

void report_plugins(const plugin_set& plugins, const bot_settings& settings,
                    core_services& services, spdlog::logger& log) {
  log.info("plugins ({} configured):", plugins.outcomes().size());
  for (const auto& outcome : plugins.outcomes()) {
    const std::string identity =
        outcome.info ? outcome.info->id + " " + outcome.info->version + " (" +
                           kind_name(outcome.info->kind) + ")"
                     : outcome.name;
    if (!outcome.running) {
      log.warn("  {}: {} ({})", identity, outcome.optional ? "skipped" : "failed", outcome.problem);
      continue;
    }
    log.info("  {}: running", identity);
  }
  for (std::int32_t kind : {TB_KIND_EXCHANGE, TB_KIND_STRATEGY, TB_KIND_NOTIFIER}) {
    for (const plugin_instance* instance : plugins.of_kind(kind)) {
      const auto deadline = services.time().monotonic_ns() + probe_timeout_ns;
      const probe_result probe = probe_plugin(*instance, settings.mode, deadline);
      log.log(probe.ok || probe.not_supported ? spdlog::level::info : spdlog::level::warn,
              "  {} state: {}", instance->name(), probe.detail);
      services.health().update("plugin." + instance->name(),
                               probe.ok || probe.not_supported ? health_state::healthy
                                                               : health_state::degraded,
                               probe.detail);
    }
  }
}

// Reconciliation with the exchange, the strategies' data needs, the market scan that covers
// them, one strategy pass over the scanned candles, and its ranked signals traded. The
// DataService outlives the pass (its store backs the series) and, like the engine and the
// trading pass, is gone before the plugins stop.
void run_pipeline(core_services& services, const plugin_set& plugins,
                  const bot_settings& settings, trading_pass& trading, spdlog::logger& log) {
  trading.reconcile();
  strategy_pass strategies(services, plugins);
  const scan_plan plan = plan_scan(settings.data, strategies.data_needs());
  for (const auto& problem : plan.problems) log.warn("market scan: {}", problem);
  const auto data = open_market_data(services, plugins, settings, plan.capacity, log);
  if (!data) {
    if (strategies.strategy_count() > 0) log.warn("strategy pass skipped: no market data");
    return;
  }
  scan_market(*data, plan, log);
  const rank_outcome ranked = strategies.run(*data, plan.strategy_intervals,
                                             settings.strategy.max_signals, trading.held_symbols());
  trading.execute(ranked);
  trading.follow(settings.positions.follow_for);
}

int run_with(bot_settings& settings, const run_options& options) {
  // Before any thread starts, so that only the service's signal thread takes them.
  if (!options.once) block_service_signals();
  core_services services(settings);
  if (!options.once) services.offer_bot();  // chat commands answer from the service
  auto log = services.logs().logger_for("host");
  log->info("TradingBot {} starting in {} mode with {}", version_string(),
            to_string(settings.mode), settings.source_file.string());
  log->info("state directory: {}", settings.state_dir.string());

  plugin_set plugins(services,
                     plugin_search_path(options.plugin_dirs, settings.plugins.directories));
  try {
    plugins.load(settings.plugins.load);
  } catch (const startup_error& e) {
    log->critical("start-up stopped: {}", e.what());
    services.write_metrics(settings.state_dir / "metrics.json", *log);
    return exit_config;
  }
  alert_forwarder forwarder(services.alerts(), plugins.of_kind(TB_KIND_NOTIFIER), services.time(),
                            settings.monitoring.notify_every);
  trade_notifier trades(plugins.of_kind(TB_KIND_NOTIFIER));
  report_plugins(plugins, settings, services, *log);

  int code = exit_ok;
  try {
    trading_pass trading(services, plugins, settings);
    trading.set_trade_listener(&trades);
    if (options.once) {
      run_pipeline(services, plugins, settings, trading, *log);
    } else {
      code = run_service(services, plugins, settings, trading, forwarder, trades);
    }
  } catch (const journal_error& e) {
    log->critical("start-up stopped: {}", e.what());
    plugins.stop_all();
    services.write_metrics(settings.state_dir / "metrics.json", *log);
    return exit_config;
  }
  log->info("overall health: {}", to_string(services.health().overall()));

  // Open positions keep their exchange-held stops and targets after the bot stops.
  log->info("{}; shutting down", options.once ? "run complete" : "service stopped");
  flush_all(plugins.of_kind(TB_KIND_NOTIFIER), services.time().monotonic_ns() + notifier_flush_ns,
            *log);
  plugins.stop_all();
  services.write_metrics(settings.state_dir / "metrics.json", *log);
  log->info("stopped cleanly");
  return code;
}

}  // namespace

int run_bot(const run_options& options) {
  const auto loaded = load_command_settings(options.config, "tradingbot", std::cerr);
  if (!loaded) return exit_config;
  bot_settings settings = *loaded;  // the running copy: a reload applies live changes to it
  if (settings.mode == run_mode::demo || settings.mode == run_mode::backtest) {
    // Nothing external: the whole bot on the simulated exchange, under a virtual clock.
    try {
      return run_backtest(settings, options, std::cout);
    } catch (const std::exception& e) {
      std::cerr << "tradingbot: " << e.what() << '\n';
      return exit_failure;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(settings.state_dir, ec);
  if (ec) {
    std::cerr << "tradingbot: cannot create the state directory " << settings.state_dir.string()
              << ": " << ec.message() << '\n';
    return exit_failure;
  }
  try {
    return run_with(settings, options);
  } catch (const std::exception& e) {
    std::cerr << "tradingbot: " << e.what() << '\n';
    return exit_failure;
  }
}

}  // namespace tb::host
