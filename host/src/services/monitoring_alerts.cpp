#include "services/monitoring_alerts.hpp"

#include <spdlog/fmt/fmt.h>

#include "services/monitoring_service.hpp"

namespace tb::host {
namespace {

std::int64_t to_ms(std::int64_t ns) { return ns / 1'000'000; }

}  // namespace

std::chrono::milliseconds slow_scan_limit(const monitoring_settings& s,
                                          std::chrono::milliseconds scan_period) {
  return s.max_scan_time.count() > 0 ? s.max_scan_time : scan_period / 2;
}

std::chrono::milliseconds stale_data_limit(const monitoring_settings& s,
                                           std::chrono::milliseconds scan_period) {
  return s.stale_data_after.count() > 0 ? s.stale_data_after : scan_period * 3;
}

double drawdown_percent(double equity, double peak) {
  if (!(peak > 0) || equity >= peak) return 0;
  return (peak - equity) / peak * 100.0;
}

std::optional<monitor_alert> drawdown_alert(double equity, double peak, double max_percent) {
  const double drawdown = drawdown_percent(equity, peak);
  if (!(max_percent > 0) || !(drawdown > max_percent)) return std::nullopt;
  return monitor_alert{"monitor:drawdown", alert_severity::critical, "Drawdown over the limit",
                       fmt::format("equity {:.2f} is {:.2f}% below its peak {:.2f} (limit {:g}%)",
                                   equity, drawdown, peak, max_percent)};
}

std::optional<monitor_alert> error_rate_alert(const error_rate_window::rate& rate,
                                              double max_per_minute) {
  if (!(max_per_minute > 0) || !(rate.per_minute > max_per_minute)) return std::nullopt;
  std::string sources;
  for (const auto& [source, count] : rate.by_source) {
    sources += fmt::format("{}{} {:g}", sources.empty() ? "" : ", ", source, count);
  }
  return monitor_alert{
      "monitor:error_rate", alert_severity::warning, "Many errors",
      fmt::format("{:.1f} errors per minute over the last 5 minutes (limit {:g}): {}",
                  rate.per_minute, max_per_minute, sources)};
}

std::optional<monitor_alert> slow_scan_alert(std::int64_t total_ns,
                                             std::chrono::milliseconds limit) {
  if (limit.count() <= 0 || to_ms(total_ns) <= limit.count()) return std::nullopt;
  return monitor_alert{"monitor:slow_scan", alert_severity::warning, "Slow scan",
                       fmt::format("the last scan took {}, over the {} limit",
                                   duration_text(to_ms(total_ns)), duration_text(limit.count()))};
}

std::optional<monitor_alert> breaker_open_alert(std::string_view breaker, std::int64_t open_for_ns,
                                                std::chrono::milliseconds limit) {
  if (limit.count() > 0 && to_ms(open_for_ns) <= limit.count()) return std::nullopt;
  return monitor_alert{
      fmt::format("monitor:breaker_open{{{}}}", breaker), alert_severity::warning,
      fmt::format("Circuit breaker {} open", breaker),
      fmt::format("calls through '{}' have been stopped for {} (alerting after {})", breaker,
                  duration_text(to_ms(open_for_ns)), duration_text(limit.count()))};
}

std::optional<monitor_alert> stale_data_alert(std::int64_t newest_close_ms, std::int64_t now_ms,
                                              std::chrono::milliseconds limit) {
  const std::int64_t age = now_ms - newest_close_ms;
  if (limit.count() <= 0 || age <= limit.count()) return std::nullopt;
  return monitor_alert{"monitor:stale_data", alert_severity::warning, "Market data is stale",
                       fmt::format("the newest closed candle seen is {} old (limit {})",
                                   duration_text(age), duration_text(limit.count()))};
}

std::optional<monitor_alert> stopless_alert(const position_view& position,
                                            std::int64_t stopless_for_ns,
                                            std::chrono::milliseconds limit) {
  if (position.stop_price) return std::nullopt;
  if (limit.count() > 0 && to_ms(stopless_for_ns) <= limit.count()) return std::nullopt;
  return monitor_alert{fmt::format("monitor:stopless{{{}}}", position.symbol),
                       alert_severity::critical,
                       fmt::format("{} has no stop", position.symbol),
                       fmt::format("the {} {} position of {:g} at {:g} has had no working stop "
                                   "order for {} (limit {})",
                                   position.symbol, position.side, position.quantity,
                                   position.entry_price, duration_text(to_ms(stopless_for_ns)),
                                   duration_text(limit.count()))};
}

std::optional<monitor_alert> strategy_fault_alert(std::string_view strategy,
                                                  std::uint32_t faults_in_a_row,
                                                  std::string_view last_problem,
                                                  std::uint32_t limit) {
  if (limit == 0 || faults_in_a_row < limit) return std::nullopt;
  return monitor_alert{fmt::format("monitor:strategy_fault{{{}}}", strategy),
                       alert_severity::warning, fmt::format("Strategy {} is failing", strategy),
                       fmt::format("{} failed scans in a row (limit {}); the last: {}",
                                   faults_in_a_row, limit,
                                   last_problem.empty() ? "no detail" : last_problem)};
}

std::string duration_text(std::int64_t ms) {
  if (ms < 0) return "-" + duration_text(-ms);
  if (ms < 1'000) return fmt::format("{} ms", ms);
  if (ms < 60'000) return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
  const std::int64_t s = ms / 1000;
  if (s < 3600) return fmt::format("{}m {:02}s", s / 60, s % 60);
  if (s < 86'400) return fmt::format("{}h {:02}m", s / 3600, s % 3600 / 60);
  return fmt::format("{}d {:02}h", s / 86'400, s % 86'400 / 3600);
}

}  // namespace tb::host
