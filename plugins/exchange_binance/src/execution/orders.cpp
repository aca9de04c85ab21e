#include "execution/orders.hpp"

#include <nlohmann/json.hpp>

#include "execution/order_parsers.hpp"
#include "filters/symbol_filters.hpp"
#include "http/weights.hpp"

namespace tb::binance {
namespace {

template <class Parse>
auto parsed(const std::string& body, const char* what, Parse parse) -> decltype(parse(body)) {
  try {
    return parse(body);
  } catch (const parse_error& e) {
    throw rest_error(TB_E_IO, std::string(what) + ": " + e.what(), 0, 200, false);
  }
}

rest_call signed_call(const char* method, const char* path, std::uint32_t weight, sdk::lane lane,
                      const char* breaker) {
  rest_call call;
  call.method = method;
  call.path = path;
  call.auth = security::signed_;
  call.weight = weight;
  call.lane = lane;
  call.breaker = breaker;
  return call;
}

const char* type_name(sdk::order_type type) {
  switch (type) {
    case sdk::order_type::market: return "MARKET";
    case sdk::order_type::limit: return "LIMIT";
    case sdk::order_type::stop_market: return "STOP_MARKET";
    case sdk::order_type::take_profit_market: return "TAKE_PROFIT_MARKET";
  }
  return nullptr;
}

const char* tif_name(sdk::time_in_force tif) {
  switch (tif) {
    case sdk::time_in_force::gtc: return "GTC";
    case sdk::time_in_force::ioc: return "IOC";
    case sdk::time_in_force::fok: return "FOK";
    case sdk::time_in_force::gtx: return "GTX";
  }
  return nullptr;
}

// An order (GET /fapi/v1/order) or conditional order (GET /fapi/v1/algoOrder) answer.
sdk::order_state state_of(const std::string& body, bool algo) {
  return algo ? parsed(body, "GET /fapi/v1/algoOrder", parse_algo_order)
              : parsed(body, "GET /fapi/v1/order", parse_order);
}

}  // namespace

std::string client_id_problem(const std::string& id) {
  if (id.empty() || id.size() > 36) return "client_order_id must be 1 to 36 characters";
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
    if (!ok) return "client_order_id may hold only A-Z a-z 0-9 . : / _ -";
  }
  return {};
}

orders::orders(sdk::host host, rest_client& rest, market_data& market)
    : host_(host), rest_(rest), market_(market) {}

bool orders::remember(const std::string& client_id, bool algo) {
  std::lock_guard lock(mutex_);
  return !sent_.emplace(client_id, algo).second;
}

bool orders::known_algo(const std::string& client_id) {
  std::lock_guard lock(mutex_);
  const auto it = sent_.find(client_id);
  return it != sent_.end() && it->second;
}

std::string orders::mark_price(const std::string& symbol, sdk::deadline until) {
  rest_call call;
  call.path = "/fapi/v1/premiumIndex";
  call.params.add("symbol", symbol);
  call.lane = sdk::lane::normal;
  const std::string body = rest_.call(call, until);
  const auto value = nlohmann::json::parse(body, nullptr, false);
  if (!value.is_object() || !value.contains("markPrice") || !value["markPrice"].is_string()) {
    throw rest_error(TB_E_IO, "GET /fapi/v1/premiumIndex: no markPrice in the answer", 0, 200, false);
  }
  return value["markPrice"].get<std::string>();
}

sdk::order_state orders::place(const sdk::order_request& request, sdk::deadline until) {
  if (const std::string problem = client_id_problem(request.client_order_id); !problem.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, problem);
  }
  if (type_name(request.type) == nullptr) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "order type " + std::to_string(static_cast<int>(request.type)) +
                                                " is not one this plugin places");
  }
  if (request.type == sdk::order_type::limit && tif_name(request.tif) == nullptr) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "unknown time in force");
  }
  const symbol_filters filters = market_.filters_of(request.symbol, until);
  if (filters.status != "TRADING") {
    throw sdk::error(TB_E_REJECTED, request.symbol + " is not trading (status " + filters.status + ")");
  }
  std::string reference;
  if (request.type == sdk::order_type::market && !request.reduce_only()) {
    reference = mark_price(request.symbol, until);
  }
  if (const std::string problem = order_problem(filters, request, reference); !problem.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, problem + " (nothing was sent)");
  }
  const bool algo = request.type == sdk::order_type::stop_market ||
                    request.type == sdk::order_type::take_profit_market;
  if (remember(request.client_order_id, algo)) {
    // Sent before: the earlier attempt may have landed with its answer lost, and Binance takes
    // a reused id again once that order is filled, so look before sending.
    std::optional<sdk::order_state> found;
    try {
      found = find(request.symbol, request.client_order_id, algo, until);
    } catch (const sdk::error& e) {
      throw sdk::error(e.status(), "order " + request.client_order_id +
                                       " was sent before; looking it up failed, so nothing was sent: " +
                                       e.what(),
                       e.remote_code());
    }
    if (found) return *found;
  }
  try {
    return send_order(request, algo, until);
  } catch (const rest_error& e) {
    return reconcile(request, algo, e, until);
  }
}

// After a failed send: the order's state when it may exist after all, otherwise the error.
sdk::order_state orders::reconcile(const sdk::order_request& request, bool algo,
                                   const rest_error& e, sdk::deadline until) {
  // -4116: that client id is already an open order, so this intent was placed before.
  const bool duplicate = e.remote_code() == -4116;
  if (!e.may_have_taken_effect() && !duplicate) throw e;
  // The id and what to do come first: tb_error keeps 247 characters.
  const std::string unknown = "order " + request.client_order_id +
                              ": outcome unknown, query it by client id before resending (";
  std::optional<sdk::order_state> found;
  try {
    found = find(request.symbol, request.client_order_id, algo, until);
  } catch (const sdk::error& lookup) {
    throw sdk::error(TB_E_UNKNOWN_OUTCOME,
                     unknown + e.what() + "; the look-up failed too: " + lookup.what() + ")",
                     e.remote_code());
  }
  if (found) {
    host_.warn("exchange_binance: place_order " + request.client_order_id + ": " + e.what() +
               "; found the order by its client id");
    return *found;
  }
  if (duplicate) throw e;
  throw sdk::error(TB_E_UNKNOWN_OUTCOME,
                   unknown + e.what() + "; not visible by client id yet)", e.remote_code());
}

sdk::order_state orders::send_order(const sdk::order_request& r, bool algo, sdk::deadline until) {
  rest_call call = signed_call("POST", algo ? "/fapi/v1/algoOrder" : "/fapi/v1/order",
                               weight_order_post, algo ? sdk::lane::critical : sdk::lane::normal,
                               breaker_orders);
  call.counts_as_order = true;
  if (r.reduce_only() || r.close_position()) call.lane = sdk::lane::critical;
  binance::query& p = call.params;  // `query` alone names the member function
  if (algo) p.add("algoType", "CONDITIONAL");
  p.add("symbol", r.symbol).add("side", r.direction == sdk::side::short_ ? "SELL" : "BUY");
  p.add("type", type_name(r.type));
  if (r.type == sdk::order_type::limit) p.add("timeInForce", tif_name(r.tif)).add("price", r.price);
  if (algo) p.add("triggerPrice", r.stop_price);
  if (r.close_position()) {
    p.add("closePosition", "true");
  } else {
    p.add("quantity", r.quantity);
    if (r.reduce_only()) p.add("reduceOnly", "true");
  }
  p.add(algo ? "clientAlgoId" : "newClientOrderId", r.client_order_id);
  if (!algo) p.add("newOrderRespType", "RESULT");
  const std::string body = rest_.call(call, until);
  try {
    return algo ? parse_algo_order(body) : parse_order(body);
  } catch (const parse_error& e) {
    // A 2xx came back, so the order was accepted: only its answer is unreadable.
    throw rest_error(TB_E_IO, describe_call(call) + ": " + e.what(), 0, 200, true);
  }
}

std::optional<sdk::order_state> orders::find(const std::string& symbol,
                                             const std::string& client_id, bool algo,
                                             sdk::deadline until) {
  const auto body = fetch(symbol, client_id, algo, until);
  if (!body) return std::nullopt;
  return state_of(*body, algo);
}

orders::located orders::locate(const std::string& symbol, const std::string& client_id,
                               sdk::deadline until) {
  const bool algo_first = known_algo(client_id);
  for (const bool algo : {algo_first, !algo_first}) {
    if (auto body = fetch(symbol, client_id, algo, until)) return {std::move(*body), algo};
  }
  throw sdk::error(TB_E_NOT_FOUND, "no order or conditional order " + client_id + " on " + symbol);
}

std::optional<std::string> orders::fetch(const std::string& symbol, const std::string& client_id,
                                         bool algo, sdk::deadline until) {
  rest_call call = algo ? signed_call("GET", "/fapi/v1/algoOrder", weight_order_other,
                                      sdk::lane::critical, breaker_orders)
                        : signed_call("GET", "/fapi/v1/order", weight_order_other,
                                      sdk::lane::critical, breaker_orders);
  if (algo) {
    call.params.add("clientAlgoId", client_id);
  } else {
    call.params.add("symbol", symbol).add("origClientOrderId", client_id);
  }
  try {
    return rest_.call(call, until);
  } catch (const rest_error& e) {
    if (e.status() == TB_E_NOT_FOUND) return std::nullopt;
    throw;
  }
}

sdk::order_state orders::query(const std::string& symbol, const std::string& client_id,
                               sdk::deadline until) {
  const located at = locate(symbol, client_id, until);
  return state_of(at.body, at.algo);
}

std::vector<sdk::fill> orders::fills(const std::string& symbol, const std::string& client_id,
                                     sdk::deadline until) {
  const located at = locate(symbol, client_id, until);
  const execution_ref ref =
      parsed(at.body, at.algo ? "GET /fapi/v1/algoOrder" : "GET /fapi/v1/order",
             [&](std::string_view body) { return parse_execution_ref(body, at.algo); });
  if (ref.order_id.empty()) return {};  // a stop or target that has not fired
  rest_call call = signed_call("GET", "/fapi/v1/userTrades", weight_user_trades,
                               sdk::lane::normal, breaker_account);
  call.params.add("symbol", symbol).add("orderId", ref.order_id).add("limit", "1000");
  if (ref.time_ms > 0) {
    // Without a window Binance answers the last 7 days only, and a window spans 7 days at
    // most: one that ends just after the order's last change holds all of its fills.
    constexpr std::int64_t week_ms = 7LL * 24 * 3'600'000;
    const std::int64_t end = ref.time_ms + 60'000;
    call.params.add("startTime", std::to_string(end - week_ms + 1))
        .add("endTime", std::to_string(end));
  }
  return parsed(rest_.call(call, until), "GET /fapi/v1/userTrades",
                [&](std::string_view body) { return parse_fills(body, client_id); });
}

sdk::order_state orders::cancel(const std::string& symbol, const std::string& client_id,
                                sdk::deadline until) {
  const bool algo_first = known_algo(client_id);
  for (const bool algo : {algo_first, !algo_first}) {
    rest_call call = signed_call("DELETE", algo ? "/fapi/v1/algoOrder" : "/fapi/v1/order",
                                 weight_order_other, sdk::lane::critical, breaker_orders);
    if (algo) {
      call.params.add("clientAlgoId", client_id);
    } else {
      call.params.add("symbol", symbol).add("origClientOrderId", client_id);
    }
    std::string body;
    try {
      body = rest_.call(call, until);
    } catch (const rest_error& e) {
      if (e.status() == TB_E_NOT_FOUND) continue;
      if (!e.may_have_taken_effect()) throw;
      // The answer was lost: the cancel landed if the order is cancelled now.
      std::optional<sdk::order_state> found;
      try {
        found = find(symbol, client_id, algo, until);
      } catch (const sdk::error&) {
        throw e;
      }
      if (found && found->status == sdk::order_status::canceled) return *found;
      throw;
    }
    if (!algo) {
      try {
        return parse_order(body);
      } catch (const parse_error& e) {
        // A 2xx came back, so the cancel was accepted: the order's state is looked up below.
        host_.warn("exchange_binance: cancel_order " + client_id + ": DELETE /fapi/v1/order: " +
                   e.what() + "; looking the order up by its client id");
      }
    }
    // The algo cancel answers {"algoId","clientAlgoId","code":"200","msg":"success"}.
    if (auto found = find(symbol, client_id, algo, until)) return *found;
    sdk::order_state state;
    state.status = sdk::order_status::canceled;
    state.symbol = symbol;
    state.client_order_id = client_id;
    return state;
  }
  throw sdk::error(TB_E_NOT_FOUND, "no open order or conditional order " + client_id + " on " + symbol);
}

std::vector<sdk::order_state> orders::open_orders(const std::optional<std::string>& symbol,
                                                  sdk::deadline until) {
  const std::uint32_t weight = open_orders_weight(symbol.has_value());
  rest_call regular = signed_call("GET", "/fapi/v1/openOrders", weight, sdk::lane::normal, breaker_account);
  rest_call algo = signed_call("GET", "/fapi/v1/openAlgoOrders", weight, sdk::lane::normal, breaker_account);
  if (symbol) {
    regular.params.add("symbol", *symbol);
    algo.params.add("symbol", *symbol);
  }
  std::vector<sdk::order_state> out =
      parsed(rest_.call(regular, until), "GET /fapi/v1/openOrders", parse_orders);
  for (auto& o : parsed(rest_.call(algo, until), "GET /fapi/v1/openAlgoOrders", parse_algo_orders)) {
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<sdk::balance> orders::balances(sdk::deadline until) {
  const rest_call call = signed_call("GET", "/fapi/v2/balance", weight_account, sdk::lane::normal, breaker_account);
  return parsed(rest_.call(call, until), "GET /fapi/v2/balance", parse_balances);
}

std::vector<sdk::position> orders::positions(sdk::deadline until) {
  const rest_call call = signed_call("GET", "/fapi/v2/positionRisk", weight_account, sdk::lane::normal, breaker_account);
  return parsed(rest_.call(call, until), "GET /fapi/v2/positionRisk", parse_positions);
}

void orders::set_leverage(const std::string& symbol, std::int32_t leverage, sdk::deadline until) {
  if (leverage < 1 || leverage > 125) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "leverage " + std::to_string(leverage) + " is not in 1-125");
  }
  rest_call call = signed_call("POST", "/fapi/v1/leverage", weight_order_other, sdk::lane::normal, breaker_account);
  call.params.add("symbol", symbol).add("leverage", std::to_string(leverage));
  rest_.call(call, until);
}

void orders::set_margin_type(const std::string& symbol, sdk::margin_type type, sdk::deadline until) {
  if (type != sdk::margin_type::cross && type != sdk::margin_type::isolated) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "margin type must be 1 (cross) or 2 (isolated)");
  }
  rest_call call = signed_call("POST", "/fapi/v1/marginType", weight_order_other, sdk::lane::normal, breaker_account);
  call.params.add("symbol", symbol).add("marginType", type == sdk::margin_type::isolated ? "ISOLATED" : "CROSSED");
  try {
    rest_.call(call, until);
  } catch (const rest_error& e) {
    if (e.remote_code() != -4046) throw;  // -4046: already that margin type
  }
}

}  // namespace tb::binance
