// The plain data of the matching engine: a symbol's trading rules, the engine's settings, and
// the events it emits (what the plugin later pushes to the host's sinks, in order).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/fixed_point.hpp"
#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::exchange_sim {

// Filters in engine units (prices 1e-10, quantities 1e-8, money 1e-8).
struct symbol_rules {
  std::string name;
  std::int64_t tick = 1;
  std::int64_t step = 1;
  std::int64_t min_qty = 1;
  std::int64_t max_qty = 0;
  std::int64_t min_notional = 0;  // money
};

// Rates are in 1e-8 units (0.0005 -> 50'000), money in 1e-8.
struct engine_settings {
  std::int64_t initial_balance = 10'000 * money_scale;
  std::int64_t maker_fee = 20'000;
  std::int64_t taker_fee = 50'000;
  std::int64_t slippage = 20'000;  // 2 bps as a rate
  std::int64_t maintenance_margin_rate = 400'000;
  std::int32_t max_leverage = 125;
  std::int32_t default_leverage = 20;
  std::string quote_asset = "USDT";
};

// Everything the engine reports, in the order it happened.
using account_event = std::variant<sdk::order_state, sdk::position, sdk::balance>;
using account_events = std::vector<account_event>;

}  // namespace tb::exchange_sim
