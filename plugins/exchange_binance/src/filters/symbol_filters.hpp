// One symbol's exchangeInfo filters, kept as the exchange's exact decimal text, and the
// client-side order checks made against them before anything is sent.
#pragma once

#include <cstdint>
#include <string>

#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::binance {

struct symbol_filters {
  std::string symbol;
  std::string status; // "TRADING", "BREAK", ...
  std::string base_asset;
  std::string quote_asset;
  std::string contract_type;
  std::string tick_size, min_price, max_price;         // PRICE_FILTER
  std::string step_size, min_qty, max_qty;             // LOT_SIZE
  std::string market_step_size, market_min_qty, market_max_qty; // MARKET_LOT_SIZE
  std::string min_notional;                            // MIN_NOTIONAL.notional
  std::int32_t price_precision = 0;
  std::int32_t quantity_precision = 0;
};

// Why `request` breaks the filters, or an empty string when it passes. `reference_price` is
// the price used for the notional check of a MARKET order (empty: not checked). Nothing is
// rounded: a value off the grid is refused.
std::string order_problem(const symbol_filters& filters, const sdk::order_request& request,
                          const std::string& reference_price);

}  // namespace tb::binance
