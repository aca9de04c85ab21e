#pragma once
// The MonitoringService's built-in alert rules, each a pure function of what was observed:
// the alert its condition calls for now, or nothing (below its threshold, or turned off).
// Keys, severities and thresholds are listed in monitoring_service.hpp.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "core/alert_manager.hpp"
#include "services/error_rate_window.hpp"

namespace tb::host {

struct position_view;

struct monitor_alert {
  std::string key;
  alert_severity severity = alert_severity::warning;
  std::string title;
  std::string detail;
};

// The thresholds whose 0 means a default derived from the scan period.
std::chrono::milliseconds slow_scan_limit(const monitoring_settings& s,
                                          std::chrono::milliseconds scan_period);
std::chrono::milliseconds stale_data_limit(const monitoring_settings& s,
                                           std::chrono::milliseconds scan_period);

// Percent of the peak; 0 when there is no positive peak.
double drawdown_percent(double equity, double peak);

std::optional<monitor_alert> drawdown_alert(double equity, double peak, double max_percent);
std::optional<monitor_alert> error_rate_alert(const error_rate_window::rate& rate,
                                              double max_per_minute);
std::optional<monitor_alert> slow_scan_alert(std::int64_t total_ns,
                                             std::chrono::milliseconds limit);
std::optional<monitor_alert> breaker_open_alert(std::string_view breaker, std::int64_t open_for_ns,
                                                std::chrono::milliseconds limit);
std::optional<monitor_alert> stale_data_alert(std::int64_t newest_close_ms, std::int64_t now_ms,
                                              std::chrono::milliseconds limit);
std::optional<monitor_alert> stopless_alert(const position_view& position,
                                            std::int64_t stopless_for_ns,
                                            std::chrono::milliseconds limit);
std::optional<monitor_alert> strategy_fault_alert(std::string_view strategy,
                                                  std::uint32_t faults_in_a_row,
                                                  std::string_view last_problem,
                                                  std::uint32_t limit);

// "850 ms", "12.5 s", "4m 05s", "3h 02m", "2d 04h": for alert details and the status text.
std::string duration_text(std::int64_t ms);

}  // namespace tb::host
