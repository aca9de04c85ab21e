#include "app/market_scan.hpp"

#include <algorithm>

#include "services/data_config.hpp"

namespace tb::host {
namespace {

void log_report(const scan_report& report, std::uint32_t lookback, spdlog::logger& log) {
  const auto level = report.failed.empty() ? spdlog::level::info : spdlog::level::warn;
  log.log(level,
          "scan {}: {} symbols ok, {} failed, {} stale; lookback {}, {} requests ({} from "
          "cache), weight {}, {} ms",
          report.interval, report.ok.size(), report.failed.size(), report.stale.size(), lookback,
          report.requests, report.cache_hits, report.weight, report.duration_ns / 1'000'000);
  if (!report.failed.empty()) {
    log.warn("scan {}: first failure: {} ({})", report.interval, report.failed.front().symbol,
             report.failed.front().status.describe());
  }
}

}  // namespace

std::unique_ptr<data_service> open_market_data(core_services& services, const plugin_set& plugins,
                                               const bot_settings& settings,
                                               std::uint32_t capacity, spdlog::logger& log) {
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  if (exchanges.empty()) {
    log.warn("market scan skipped: no exchange plugin is running");
    return nullptr;
  }
  data_service_config config = make_data_service_config(settings.data);
  config.lookback = std::max(config.lookback, capacity);
  // A scan heavier than a minute's weight runs in waves instead of timing out. The bucket is
  // the Binance plugin's. A simulated exchange counts no weight, and under a virtual clock a
  // wave would wait for a minute that never passes: no pacing there.
  const bool simulated = settings.mode == run_mode::demo || settings.mode == run_mode::backtest;
  config.weight_budget_per_minute =
      simulated ? 0 : scan_weight_budget(settings.rate_limits, "binance.ip_weight");
  auto data = std::make_unique<data_service>(services.time(), &services.metrics(),
                                             &services.health(), &services.cache(),
                                             *exchanges.front(), config);
  const exchange_status universe = data->load_universe();
  if (!universe.ok()) {
    log.warn("market scan skipped: the universe could not be loaded from {}: {}",
             exchanges.front()->name(), universe.describe());
    services.health().update("data", health_state::unhealthy, universe.describe());
    return nullptr;
  }
  log.info("universe: {} symbols from {}", data->universe().size(), exchanges.front()->name());
  return data;
}

std::vector<scan_report> scan_market(data_service& data, const scan_plan& plan,
                                     spdlog::logger& log) {
  const auto symbols = data.universe();
  std::vector<scan_report> reports;
  for (const auto& planned : plan.intervals) {
    reports.push_back(data.fetch_klines_batch(symbols, planned.interval, planned.lookback));
    log_report(reports.back(), planned.lookback, log);
  }
  return reports;
}

}  // namespace tb::host
