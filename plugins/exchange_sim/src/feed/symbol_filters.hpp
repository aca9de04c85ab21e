// The trading rules file_feed gives each symbol: from <directory>/symbols.json when it lists
// the symbol, else inferred from the symbol's candles.
//
// symbols.json is a JSON array of objects, Binance exchangeInfo's symbol filters flattened:
//   [{"symbol": "BTCUSDT", "tickSize": "0.10", "stepSize": "0.001", "minQty": "0.001",
//     "maxQty": "1000", "minNotional": "5"}, ...]
// Every key is required; values are decimal strings (or JSON numbers, copied as written).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "candle_files/candle_file.hpp"
#include "feed/candle_feed.hpp"

namespace tb::exchange_sim {

// The symbols.json entries by symbol; std::runtime_error naming the file (and the entry, or
// the line and column of a syntax error) when it is malformed.
std::map<std::string, feed_symbol> read_symbols_json(const std::filesystem::path& path);

// Filters inferred from the data when symbols.json does not give them: the tick is the finest
// decimal step seen in the prices (10^-d for the most decimals d any open/high/low/close has,
// at most 8), the quantity step and minimum "0.001", the maximum "1000000" and the minimum
// notional "5" USDT (Binance USDT-M's usual values; the data says nothing about them).
feed_symbol infer_filters(const std::string& symbol, const candle_files::candle_columns& candles);

}  // namespace tb::exchange_sim
