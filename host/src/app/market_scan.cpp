#include "app/market_scan.hpp"

#include "services/data_config.hpp"
#include "services/data_service.hpp"

namespace tb::host {
namespace {

void log_report(const scan_report& report, spdlog::logger& log) {
  const auto level = report.failed.empty() ? spdlog::level::info : spdlog::level::warn;
  log.log(level,
          "scan {}: {} symbols ok, {} failed, {} stale; {} requests ({} from cache), weight {}, "
          "{} ms",
          report.interval, report.ok.size(), report.failed.size(), report.stale.size(),
          report.requests, report.cache_hits, report.weight, report.duration_ns / 1'000'000);
  if (!report.failed.empty()) {
    log.warn("scan {}: first failure: {} ({})", report.interval, report.failed.front().symbol,
             report.failed.front().status.describe());
  }
}

}  // namespace

bool run_market_scan(core_services& services, const plugin_set& plugins,
                     const bot_settings& settings, spdlog::logger& log) {
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  if (exchanges.empty()) {
    log.warn("market scan skipped: no exchange plugin is running");
    return false;
  }
  data_service_config config = make_data_service_config(settings.data);
  // A scan heavier than a minute's weight runs in waves instead of timing out. The bucket is
  // the Binance plugin's, the only exchange so far.
  config.weight_budget_per_minute = scan_weight_budget(settings.rate_limits, "binance.ip_weight");
  data_service data(services.time(), &services.metrics(), &services.health(), &services.cache(),
                    *exchanges.front(), config);
  const exchange_status universe = data.load_universe();
  if (!universe.ok()) {
    log.warn("market scan skipped: the universe could not be loaded from {}: {}",
             exchanges.front()->name(), universe.describe());
    services.health().update("data", health_state::unhealthy, universe.describe());
    return false;
  }
  log.info("universe: {} symbols from {}", data.universe().size(), exchanges.front()->name());
  for (const auto& interval : settings.data.intervals) {
    log_report(data.fetch_klines_batch(data.universe(), interval, settings.data.lookback), log);
  }
  return true;
}

}  // namespace tb::host
