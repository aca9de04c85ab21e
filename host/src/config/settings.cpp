#include "config/settings.hpp"

#include "config/internal/enum_names.hpp"

namespace tb::host {

using namespace config_internal;

std::string_view to_string(run_mode value) { return name_of(run_mode_names, value); }
std::string_view to_string(log_level value) { return name_of(log_level_names, value); }
std::string_view to_string(log_format value) { return name_of(log_format_names, value); }
std::string_view to_string(plugin_kind value) { return name_of(plugin_kind_names, value); }
std::string_view to_string(severity_level value) { return name_of(alert_severity_names, value); }
std::string_view to_string(reload_mode value) { return name_of(reload_mode_names, value); }

std::vector<rate_limit_bucket> default_rate_limits() {
  using std::chrono::seconds;
  // The weight bucket keeps a tenth back so cancels and protective orders still get through
  // when market-data scans have used up the rest.
  return {
      {"binance.ip_weight", 2400, seconds{60}, 0.1},
      {"binance.orders_1m", 1200, seconds{60}, 0.0},
      {"binance.orders_10s", 300, seconds{10}, 0.0},
  };
}

}  // namespace tb::host
