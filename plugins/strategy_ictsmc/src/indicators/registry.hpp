// Indicators by name, with their parameters read from key=value text (tradingbot analyze).
#pragma once

#include <string>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "indicators/params.hpp"
#include "indicators/table.hpp"

namespace tb::ictsmc {

const std::vector<std::string>& indicator_names();

// Throws std::invalid_argument for an unknown indicator, a bad value, or a parameter the
// indicator does not take (naming it and listing the ones it takes).
table compute_indicator(const std::string& name, const ohlcv& candles, params& given);

}  // namespace tb::ictsmc
