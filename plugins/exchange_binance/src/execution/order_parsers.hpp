// Parsing of Binance's account and order payloads into the SDK's types. Decimal fields stay
// the exchange's exact text. Every function throws parse_error on malformed input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "market_data/parsers.hpp"
#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::binance {

// One regular order (POST/GET/DELETE /fapi/v1/order, openOrders entries).
sdk::order_state parse_order(std::string_view body);
std::vector<sdk::order_state> parse_orders(std::string_view body);
// One conditional order (POST/GET /fapi/v1/algoOrder, openAlgoOrders entries).
sdk::order_state parse_algo_order(std::string_view body);
std::vector<sdk::order_state> parse_algo_orders(std::string_view body);
// Which order's executions to list for an order (GET /fapi/v1/order) or a conditional order
// (GET /fapi/v1/algoOrder: the market order its trigger placed, empty before it fired), and
// when it last changed (0: not said).
struct execution_ref {
  std::string order_id;
  std::int64_t time_ms = 0;
};
execution_ref parse_execution_ref(std::string_view body, bool algo);
// GET /fapi/v1/userTrades, as fills of the order named `client_id`.
std::vector<sdk::fill> parse_fills(std::string_view body, const std::string& client_id);
// GET /fapi/v2/balance.
std::vector<sdk::balance> parse_balances(std::string_view body);
// GET /fapi/v2/positionRisk: only non-zero positions.
std::vector<sdk::position> parse_positions(std::string_view body);

// Binance's order type words as sdk::order_type; 0 for a type this plugin never places
// (LIQUIDATION, a LIMIT-after-trigger STOP, ...).
sdk::order_type order_type_of(std::string_view type);
// "0" and "" mean "none" in Binance's order payloads: such a value becomes "".
std::string nonzero(std::string value);
// Binance's status words as TB_ORDER_STATE_* (0 when unknown).
sdk::order_status order_status_of(std::string_view status);
// An algo order's status; FINISHED means its child order ran: filled when anything executed,
// expired otherwise (the REST answer tells this by an actual order id, the stream by "aq").
sdk::order_status algo_status_of(std::string_view status, bool executed);

}  // namespace tb::binance
