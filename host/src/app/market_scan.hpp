#pragma once
// One market-data scan at start-up: the universe from the exchange plugin, then every
// configured interval's klines for every symbol through the DataService, each scan
// summarised in the log. The DataService lives only for the call, so it is gone before the
// exchange plugin stops.
#include <spdlog/logger.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"

namespace tb::host {

// False when there was no exchange to scan or its universe could not be loaded; the reason
// is logged and the data health component says it.
bool run_market_scan(core_services& services, const plugin_set& plugins,
                     const bot_settings& settings, spdlog::logger& log);

}  // namespace tb::host
