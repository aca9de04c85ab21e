#pragma once

#include <string>
#include <vector>

#include "services/candle_store.hpp"
#include "services/symbol_table.hpp"

namespace tb::host {

// The (symbol id, interval) of every symbol at every interval, for
// candle_store::with_series_set(): symbols in the order given, each symbol's intervals
// together in the order given. A symbol the table does not know has no candles and is left
// out.
std::vector<candle_store::series_id> universe_series(const std::vector<std::string>& symbols,
                                                     const std::vector<std::string>& intervals,
                                                     const symbol_table& table);

}  // namespace tb::host
