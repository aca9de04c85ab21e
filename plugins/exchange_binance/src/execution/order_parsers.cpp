#include "execution/order_parsers.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace tb::binance {
namespace {

using json = nlohmann::json;

std::string text(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};
}

std::int64_t number(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

sdk::side side_of(const std::string& s) { return s == "SELL" ? sdk::side::short_ : sdk::side::long_; }

sdk::order_state order_from(const json& o) {
  if (!o.is_object() || !o.contains("clientOrderId") || !o.contains("status")) {
    throw parse_error("order: expected an order object with clientOrderId and status");
  }
  sdk::order_state s;
  s.status = order_status_of(text(o, "status"));
  s.direction = side_of(text(o, "side"));
  s.type = order_type_of(text(o, "origType").empty() ? text(o, "type") : text(o, "origType"));
  s.symbol = text(o, "symbol");
  s.client_order_id = text(o, "clientOrderId");
  s.exchange_order_id = text(o, "orderId");
  s.quantity = text(o, "origQty");
  s.filled_quantity = text(o, "executedQty");
  s.average_price = nonzero(text(o, "avgPrice"));
  s.stop_price = nonzero(text(o, "stopPrice"));
  s.update_time_ms = number(o, "updateTime");
  return s;
}

sdk::order_state algo_from(const json& o) {
  if (!o.is_object() || !o.contains("clientAlgoId")) {
    throw parse_error("algoOrder: expected an algo order object with clientAlgoId");
  }
  sdk::order_state s;
  s.status = algo_status_of(text(o, "algoStatus"), !text(o, "actualOrderId").empty());
  s.direction = side_of(text(o, "side"));
  s.type = order_type_of(text(o, "orderType"));
  s.symbol = text(o, "symbol");
  s.client_order_id = text(o, "clientAlgoId");
  s.exchange_order_id = text(o, "algoId");
  s.quantity = text(o, "quantity");
  s.stop_price = nonzero(text(o, "triggerPrice"));
  s.average_price = nonzero(text(o, "actualPrice"));
  s.update_time_ms = number(o, "updateTime");
  return s;
}

template <class Parse>
auto list_of(std::string_view body, const char* what, Parse parse) {
  const json root = parse_json(body, what);
  if (!root.is_array()) throw parse_error(std::string(what) + ": expected an array");
  std::vector<sdk::order_state> out;
  for (const json& item : root) out.push_back(parse(item));
  return out;
}

}  // namespace

sdk::order_type order_type_of(std::string_view t) {
  if (t == "MARKET") return sdk::order_type::market;
  if (t == "LIMIT") return sdk::order_type::limit;
  if (t == "STOP_MARKET") return sdk::order_type::stop_market;
  if (t == "TAKE_PROFIT_MARKET") return sdk::order_type::take_profit_market;
  return static_cast<sdk::order_type>(0);
}

std::string nonzero(std::string value) {
  if (value.find_first_not_of("0.") == std::string::npos) return {};
  return value;
}

sdk::order_status order_status_of(std::string_view s) {
  if (s == "NEW") return sdk::order_status::new_;
  if (s == "PARTIALLY_FILLED") return sdk::order_status::partially_filled;
  if (s == "FILLED") return sdk::order_status::filled;
  if (s == "CANCELED") return sdk::order_status::canceled;
  if (s == "REJECTED") return sdk::order_status::rejected;
  if (s == "EXPIRED" || s == "EXPIRED_IN_MATCH") return sdk::order_status::expired;
  return static_cast<sdk::order_status>(0);
}

sdk::order_status algo_status_of(std::string_view s, bool executed) {
  if (s == "NEW" || s == "TRIGGERING") return sdk::order_status::new_;
  if (s == "TRIGGERED") return sdk::order_status::triggered;
  if (s == "FINISHED") return executed ? sdk::order_status::filled : sdk::order_status::expired;
  if (s == "CANCELED") return sdk::order_status::canceled;
  if (s == "REJECTED") return sdk::order_status::rejected;
  if (s == "EXPIRED") return sdk::order_status::expired;
  return static_cast<sdk::order_status>(0);
}

sdk::order_state parse_order(std::string_view body) { return order_from(parse_json(body, "order")); }

std::vector<sdk::order_state> parse_orders(std::string_view body) {
  return list_of(body, "openOrders", order_from);
}

sdk::order_state parse_algo_order(std::string_view body) {
  return algo_from(parse_json(body, "algoOrder"));
}

std::vector<sdk::order_state> parse_algo_orders(std::string_view body) {
  const json root = parse_json(body, "openAlgoOrders");
  // Documented as an array; tolerate an {"orders":[...]} wrapper as well.
  const json& list = root.is_object() && root.contains("orders") ? root["orders"] : root;
  if (!list.is_array()) throw parse_error("openAlgoOrders: expected an array");
  std::vector<sdk::order_state> out;
  for (const json& item : list) out.push_back(algo_from(item));
  return out;
}

execution_ref parse_execution_ref(std::string_view body, bool algo) {
  const json o = parse_json(body, algo ? "algoOrder" : "order");
  if (!o.is_object()) throw parse_error(algo ? "algoOrder: expected an object" : "order: expected an object");
  execution_ref ref;
  ref.order_id = nonzero(text(o, algo ? "actualOrderId" : "orderId"));
  ref.time_ms = number(o, "updateTime");
  return ref;
}

std::vector<sdk::fill> parse_fills(std::string_view body, const std::string& client_id) {
  const json root = parse_json(body, "userTrades");
  if (!root.is_array()) throw parse_error("userTrades: expected an array");
  std::vector<sdk::fill> out;
  for (const json& t : root) {
    if (!t.is_object() || !t.contains("id") || !t.contains("qty") || !t.contains("price")) {
      throw parse_error("userTrades: an entry lacks id, qty or price");
    }
    sdk::fill f;
    f.direction = side_of(text(t, "side"));
    f.symbol = text(t, "symbol");
    f.client_order_id = client_id;
    f.trade_id = text(t, "id");
    f.quantity = text(t, "qty");
    f.price = text(t, "price");
    f.commission = text(t, "commission");
    f.commission_asset = text(t, "commissionAsset");
    f.realized_pnl = text(t, "realizedPnl");
    const auto maker = t.find("maker");
    f.maker = maker != t.end() && maker->is_boolean() && maker->get<bool>();
    f.time_ms = number(t, "time");
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<sdk::balance> parse_balances(std::string_view body) {
  const json root = parse_json(body, "balance");
  if (!root.is_array()) throw parse_error("balance: expected an array");
  std::vector<sdk::balance> out;
  for (const json& b : root) {
    if (!b.is_object() || !b.contains("asset")) throw parse_error("balance: an entry has no asset");
    sdk::balance x;
    x.asset = text(b, "asset");
    x.wallet_balance = text(b, "balance");
    x.available_balance = text(b, "availableBalance");
    x.unrealized_pnl = text(b, "crossUnPnl");
    x.update_time_ms = number(b, "updateTime");
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<sdk::position> parse_positions(std::string_view body) {
  const json root = parse_json(body, "positionRisk");
  if (!root.is_array()) throw parse_error("positionRisk: expected an array");
  std::vector<sdk::position> out;
  for (const json& p : root) {
    if (!p.is_object() || !p.contains("symbol")) throw parse_error("positionRisk: an entry has no symbol");
    sdk::position x;
    x.quantity = text(p, "positionAmt");
    if (x.quantity.empty() || x.quantity.find_first_not_of("-0.") == std::string::npos) continue;
    x.symbol = text(p, "symbol");
    x.entry_price = text(p, "entryPrice");
    x.mark_price = text(p, "markPrice");
    x.unrealized_pnl = text(p, "unRealizedProfit");
    x.liquidation_price = text(p, "liquidationPrice");
    x.margin = text(p, "marginType") == "isolated" ? sdk::margin_type::isolated : sdk::margin_type::cross;
    const std::string leverage = text(p, "leverage");
    x.leverage = leverage.empty() ? 0 : static_cast<std::int32_t>(to_double(leverage));
    x.update_time_ms = number(p, "updateTime");
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace tb::binance
