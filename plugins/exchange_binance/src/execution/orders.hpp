// Orders and account over signed REST. Regular MARKET/LIMIT orders go to /fapi/v1/order,
// STOP_MARKET/TAKE_PROFIT_MARKET to the algo-order endpoint (/fapi/v1/algoOrder, section 9.9
// of the protocol notes). Every order is checked against the symbol's filters before it is
// sent, and one intent (client order id) never becomes two orders: after a lost answer the
// order is looked up by its client id, and only a definite answer is returned.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/rest_client.hpp"
#include "market_data/market_data.hpp"
#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::binance {

class orders {
 public:
  orders(sdk::host host, rest_client& rest, market_data& market);

  sdk::order_state place(const sdk::order_request& request, sdk::deadline until);
  sdk::order_state query(const std::string& symbol, const std::string& client_id,
                         sdk::deadline until);
  sdk::order_state cancel(const std::string& symbol, const std::string& client_id,
                          sdk::deadline until);
  std::vector<sdk::order_state> open_orders(const std::optional<std::string>& symbol,
                                            sdk::deadline until);

  std::vector<sdk::balance> balances(sdk::deadline until);
  std::vector<sdk::position> positions(sdk::deadline until);
  void set_leverage(const std::string& symbol, std::int32_t leverage, sdk::deadline until);
  void set_margin_type(const std::string& symbol, sdk::margin_type type, sdk::deadline until);

 private:
  sdk::order_state send_order(const sdk::order_request& request, bool algo, sdk::deadline until);
  std::optional<sdk::order_state> find(const std::string& symbol, const std::string& client_id,
                                       bool algo, sdk::deadline until);
  std::string mark_price(const std::string& symbol, sdk::deadline until);
  bool known_algo(const std::string& client_id);

  sdk::host host_;
  rest_client& rest_;
  market_data& market_;
  std::mutex mutex_;
  std::set<std::string> algo_ids_; // client ids this instance placed as algo orders
};

// Empty when `id` is a valid Binance client order id (^[.A-Z:/a-z0-9_-]{1,36}$).
std::string client_id_problem(const std::string& id);

}  // namespace tb::binance
