#include "server/account_endpoints.hpp"

#include "account/auth.hpp"

namespace tb::fake {

bool account_endpoints::matches(const rest_request& r, std::int64_t& weight) const {
  const auto& p = r.path;
  const auto& m = r.method;
  const bool has_symbol = r.p.has("symbol");
  if (m == "GET" && (p == "/fapi/v2/account" || p == "/fapi/v3/account" || p == "/fapi/v2/balance" ||
                     p == "/fapi/v3/balance" || p == "/fapi/v2/positionRisk" || p == "/fapi/v3/positionRisk"))
    weight = 5;
  else if (p == "/fapi/v1/userTrades" && m == "GET") weight = 5;
  else if ((p == "/fapi/v1/order" || p == "/fapi/v1/algoOrder") && m == "POST") weight = 0;
  else if (p == "/fapi/v1/algoOrder" && (m == "GET" || m == "DELETE")) weight = 1;
  else if (p == "/fapi/v1/algoOpenOrders" && m == "DELETE") weight = 1;
  else if (p == "/fapi/v1/openAlgoOrders" && m == "GET") weight = has_symbol ? 1 : 40;
  else if (p == "/fapi/v1/order" && (m == "GET" || m == "DELETE")) weight = 1;
  else if (p == "/fapi/v1/openOrders" && m == "GET") weight = has_symbol ? 1 : 40;
  else if ((p == "/fapi/v1/leverage" || p == "/fapi/v1/marginType") && m == "POST") weight = 1;
  else if (p == "/fapi/v1/listenKey" && (m == "POST" || m == "PUT" || m == "DELETE")) weight = 1;
  else return false;
  return true;
}

rest_response account_endpoints::handle(const rest_request& r) {
  const auto& p = r.path;
  const auto& m = r.method;
  if (p == "/fapi/v1/listenKey") {
    if (auto e = check_api_key(ctx_, r)) return *e;
    return book_.listen_key(m);
  }
  if (auto e = check_signed(ctx_, r)) return *e;
  const int version = p.rfind("/fapi/v3/", 0) == 0 ? 3 : 2;
  if (p.ends_with("/account")) return book_.account(version);
  if (p.ends_with("/balance")) return book_.balance();
  if (p.ends_with("/positionRisk")) return book_.position_risk(r, version);
  if (p == "/fapi/v1/order") {
    if (m == "POST") return book_.place_order(r);
    if (m == "DELETE") return book_.cancel_order(r);
    return book_.query_order(r);
  }
  if (p == "/fapi/v1/openOrders") return book_.open_orders(r);
  if (p == "/fapi/v1/userTrades") return book_.user_trades(r);
  if (p == "/fapi/v1/algoOrder") {
    if (m == "POST") return book_.place_algo(r);
    if (m == "DELETE") return book_.cancel_algo(r);
    return book_.query_algo(r);
  }
  if (p == "/fapi/v1/openAlgoOrders") return book_.open_algos(r);
  if (p == "/fapi/v1/algoOpenOrders") return book_.cancel_all_algos(r);
  if (p == "/fapi/v1/leverage") return book_.set_leverage(r);
  return book_.set_margin_type(r);
}

}  // namespace tb::fake
