// Orders and account over signed REST. Regular MARKET/LIMIT orders go to /fapi/v1/order,
// STOP_MARKET/TAKE_PROFIT_MARKET to the algo-order endpoint (/fapi/v1/algoOrder, section 9.9
// of the protocol notes). Every order is checked against the symbol's filters before it is
// sent, and one intent (client order id) never becomes two orders: after a lost or unreadable
// answer the order is looked up by its client id, and a client id this instance has sent
// before is looked up before it is sent again (Binance refuses a duplicate id only while the
// first order is still open, so a filled MARKET order would otherwise be placed twice).
#pragma once

#include <map>
#include <mutex>
#include <optional>
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
  // Every fill of the order (for a conditional order, of the market order it placed), from
  // GET /fapi/v1/userTrades: the one exact source of commissions and realized PnL.
  std::vector<sdk::fill> fills(const std::string& symbol, const std::string& client_id,
                               sdk::deadline until);
  std::vector<sdk::order_state> open_orders(const std::optional<std::string>& symbol,
                                            sdk::deadline until);

  std::vector<sdk::balance> balances(sdk::deadline until);
  std::vector<sdk::position> positions(sdk::deadline until);
  void set_leverage(const std::string& symbol, std::int32_t leverage, sdk::deadline until);
  void set_margin_type(const std::string& symbol, sdk::margin_type type, sdk::deadline until);

 private:
  sdk::order_state send_order(const sdk::order_request& request, bool algo, sdk::deadline until);
  sdk::order_state reconcile(const sdk::order_request& request, bool algo, const rest_error& e,
                             sdk::deadline until);
  // The order's JSON by client id, asked as a regular or a conditional order, the kind this
  // instance sent it as first; TB_E_NOT_FOUND when the exchange knows neither.
  struct located {
    std::string body;
    bool algo = false;
  };
  located locate(const std::string& symbol, const std::string& client_id, sdk::deadline until);
  // The order's JSON by client id; nullopt when the exchange does not know it.
  std::optional<std::string> fetch(const std::string& symbol, const std::string& client_id,
                                   bool algo, sdk::deadline until);
  std::optional<sdk::order_state> find(const std::string& symbol, const std::string& client_id,
                                       bool algo, sdk::deadline until);
  std::string mark_price(const std::string& symbol, sdk::deadline until);
  // Whether this instance has sent `client_id` before (and as an algo order), remembering it.
  bool remember(const std::string& client_id, bool algo);
  bool known_algo(const std::string& client_id);

  sdk::host host_;
  rest_client& rest_;
  market_data& market_;
  std::mutex mutex_;
  std::map<std::string, bool> sent_; // client id -> sent as an algo order, by this instance
};

// Empty when `id` is a valid Binance client order id (^[.A-Z:/a-z0-9_-]{1,36}$).
std::string client_id_problem(const std::string& id);

}  // namespace tb::binance
