#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "config/settings.hpp"
#include "services/data_service.hpp"

namespace tb::host {

// The validated YAML `data:` section as the DataService's configuration.
data_service_config make_data_service_config(const data_settings& settings);

// The request weight per minute that scans may spend from the named `rate_limits` bucket:
// its capacity per minute less its critical reserve (what the bulk lane may take), e.g.
// 1,080 for `binance.ip_weight` at 1,200. 0 when there is no such bucket. For
// data_service_config::weight_budget_per_minute.
std::uint64_t scan_weight_budget(const std::vector<rate_limit_bucket>& limits,
                                 std::string_view bucket);

}  // namespace tb::host
