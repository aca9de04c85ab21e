#pragma once
// The start-up market scan: a DataService over the exchange plugin with the universe loaded
// (open_market_data), then every planned interval's klines for every symbol (scan_market),
// each scan summarised in the log. The caller owns the DataService: it keeps it while the
// strategies read its candle store, and destroys it before the exchange plugin stops.
#include <cstdint>
#include <memory>
#include <vector>

#include <spdlog/logger.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "app/scan_plan.hpp"
#include "config/settings.hpp"
#include "services/data_service.hpp"

namespace tb::host {

// A DataService over the first running exchange, keeping `capacity` closed candles per
// series, with its universe loaded. Null when there is no exchange or its universe could not
// be loaded; the reason is logged and the data health component says it.
std::unique_ptr<data_service> open_market_data(core_services& services, const plugin_set& plugins,
                                               const bot_settings& settings,
                                               std::uint32_t capacity, spdlog::logger& log);

// Fetches every interval of the plan, with its lookback, for the whole universe; one summary
// line per interval (a warning naming the first failure when symbols failed). Returns each
// interval's report, in the plan's order.
std::vector<scan_report> scan_market(data_service& data, const scan_plan& plan,
                                     spdlog::logger& log);

}  // namespace tb::host
