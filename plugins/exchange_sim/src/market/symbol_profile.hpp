// What makes one synthetic symbol different from another: its price level, how much it moves,
// its price and quantity grids and its turnover.
#pragma once

#include <string>

namespace tb::exchange_sim {

struct symbol_profile {
  std::string name;                    // "BTCUSDT"
  double base_price = 0;               // price at the market's origin, and its long-run anchor
  double annual_volatility = 0;        // sd of one year's log return, e.g. 0.6 for 60 %
  double tick_size = 0;                // price grid; a power of ten or an exact binary fraction
  double step_size = 0;                // quantity grid of orders and of the candles' volume
  double daily_quote_volume = 0;       // average turnover per day, in USDT
};

}  // namespace tb::exchange_sim
