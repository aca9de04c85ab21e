#pragma once

#include <array>
#include <string_view>

#include "core/metric_handles.hpp"
#include "core/metrics_registry.hpp"

namespace tb::host {

// The stages of one scan cycle, in order; `total` is the whole cycle.
enum class scan_stage { fetch, analyze, rank, execute, total };
inline constexpr std::array<scan_stage, 5> scan_stages = {
    scan_stage::fetch, scan_stage::analyze, scan_stage::rank, scan_stage::execute,
    scan_stage::total};
std::string_view to_string(scan_stage stage) noexcept;

// The MonitoringService's own metric handles (names in monitoring_service.hpp), registered
// once at construction.
struct monitoring_metrics {
  explicit monitoring_metrics(metrics_registry& registry);

  histogram& stage(scan_stage s) { return stage_seconds[static_cast<std::size_t>(s)]; }

  std::array<histogram, scan_stages.size()> stage_seconds;
  counter scans_ok;
  counter scans_failed;
  counter scans_missed;
  counter signals_found;
  counter signals_taken;
  gauge equity;
  gauge equity_peak;
  gauge drawdown_percent;
  gauge today_pnl;
  gauge unrealized_pnl;
  gauge open_positions;
  gauge positions_without_stop;
  gauge market_data_age_seconds;
  gauge errors_per_minute;
  gauge paused;
};

}  // namespace tb::host
