// account_book's conditional (algo) orders, POST/GET/DELETE /fapi/v1/algoOrder and friends:
// STOP_MARKET and TAKE_PROFIT_MARKET, triggered on the last price, placing a MARKET child.
#include <cmath>
#include <regex>

#include "account/account_book.hpp"
#include "market/market_json.hpp"
#include "server/ws_hub.hpp"
#include "util/decimal.hpp"

namespace tb::fake {
namespace {

using nlohmann::json;

rest_response missing(const std::string& name) {
  return error_response(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
}

bool fires(const algo_record& a, double price, double trigger) {
  const bool stop = a.type == "STOP_MARKET";
  if (a.side == "BUY") return stop ? price >= trigger : price <= trigger;
  return stop ? price <= trigger : price >= trigger;
}

double tick_of(const symbol_spec& s) { return static_cast<double>(s.tick_units) * std::pow(10.0, -s.price_decimals); }

}  // namespace

rest_response account_book::place_algo(const rest_request& r) {
  if (r.p.get("algoType").value_or("") != "CONDITIONAL") return missing("algoType");
  const auto symbol = r.p.get("symbol");
  if (!symbol) return missing("symbol");
  const auto* spec = ctx_.catalog.find(*symbol);
  if (spec == nullptr) return error_response(400, -1121, "Invalid symbol.");
  algo_record a;
  a.symbol = spec->symbol;
  a.side = r.p.get("side").value_or("");
  a.type = r.p.get("type").value_or("");
  if (a.side != "BUY" && a.side != "SELL") return error_response(400, -1117, "Invalid side.");
  if (a.type != "STOP_MARKET" && a.type != "TAKE_PROFIT_MARKET") return error_response(400, -1116, "Invalid orderType.");
  if (r.p.get("positionSide").value_or("BOTH") != "BOTH")
    return error_response(400, -4061, "Order's position side does not match user's setting.");
  a.close_position = r.p.get("closePosition").value_or("false") == "true";
  a.reduce_only = r.p.get("reduceOnly").value_or("false") == "true";
  a.working_type = r.p.get("workingType").value_or("CONTRACT_PRICE");
  const auto trigger = r.p.get("triggerPrice");
  if (!trigger) return missing("triggerPrice");
  const auto td = parse_decimal(*trigger);
  if (!td) return missing("triggerPrice");
  const auto tu = rescale(*td, spec->price_decimals);
  if (!tu) return error_response(400, -1111, "Precision is over the maximum defined for this asset.");
  a.trigger_ticks = *tu / spec->tick_units;
  if (a.trigger_ticks < spec->min_price_ticks) return error_response(400, -4013, "Price less than min price.");
  const auto qty = r.p.get("quantity");
  if (a.close_position && (qty || a.reduce_only))
    return error_response(400, -1106, "Parameter 'quantity' or 'reduceOnly' sent when not required.");
  if (!a.close_position) {
    if (!qty) return missing("quantity");
    const auto qd = parse_decimal(*qty);
    if (!qd) return missing("quantity");
    const auto qu = rescale(*qd, spec->qty_decimals);
    if (!qu) return error_response(400, -1111, "Precision is over the maximum defined for this asset.");
    if (*qu <= 0) return error_response(400, -4003, "Quantity less than or equal to zero.");
    if (*qu > spec->market_max_steps) return error_response(400, -4005, "Quantity greater than max quantity.");
    a.qty_steps = *qu;
  }
  a.client_algo_id = r.p.get("clientAlgoId").value_or("");
  if (a.client_algo_id.size() > 36) return error_response(400, -4015, "Client order id length should be less than 36 chars");
  const std::int64_t now = ctx_.clock.now_ms();
  const double last = last_price(*spec, now);
  if (fires(a, last, static_cast<double>(a.trigger_ticks) * tick_of(*spec)))
    return error_response(400, -2021, "Order would immediately trigger.");
  std::lock_guard lock(mutex_);
  match_locked(now);
  int open = 0;
  for (const auto& [id, other] : algos_) {
    if (other.status != "NEW") continue;
    ++open;
    if (!a.client_algo_id.empty() && other.client_algo_id == a.client_algo_id)
      return error_response(400, -4116, "ClientOrderId is duplicated.");
  }
  if (open >= 200) return error_response(400, -2025, "Reach max open order limit.");
  const auto counts = count_order_locked();
  if (!counts)
    return error_response(429, -1015, "Too many new orders; current limit is " + std::to_string(ctx_.options.order_limit_10s) +
                                          " orders per 10 SECOND.");
  a.algo_id = next_algo_id_++;
  if (a.client_algo_id.empty()) a.client_algo_id = "fake-algo-" + std::to_string(a.algo_id);
  a.create_time = a.update_time = now;
  const auto& stored = algos_.emplace(a.algo_id, a).first->second;
  emit_algo_update(stored, now);
  rest_response resp = with_order_counts(json_response(200, algo_json(stored, false).dump()), *counts);
  resp.lose_after_execution = ctx_.faults.take_lost_order_response();
  return resp;
}

void account_book::trigger_locked(algo_record& a, double price, std::int64_t now) {
  a.status = "TRIGGERING";
  a.trigger_time = a.update_time = now;
  emit_algo_update(a, now);
  auto& pos = positions_[a.symbol];
  std::int64_t qty = a.qty_steps;
  if (a.close_position || a.reduce_only) {
    const bool reduces = (a.side == "SELL" && pos.amt_steps > 0) || (a.side == "BUY" && pos.amt_steps < 0);
    qty = reduces ? (a.close_position ? std::abs(pos.amt_steps) : std::min(qty, std::abs(pos.amt_steps))) : 0;
  }
  if (qty == 0) {
    a.status = "EXPIRED";
    emit_algo_update(a, now);
    return;
  }
  order_record o;
  o.id = next_order_id_++;
  o.client_id = a.client_algo_id;
  o.symbol = a.symbol;
  o.side = a.side;
  o.type = "MARKET";
  o.qty_steps = qty;
  o.reduce_only = a.reduce_only || a.close_position;
  o.time = o.update_time = now;
  auto& child = orders_.emplace(o.id, o).first->second;
  emit_order_update(child, "NEW", nullptr, now);
  a.status = "TRIGGERED";
  a.actual_order_id = child.id;
  a.actual_price = price;
  a.qty_steps = qty;
  emit_algo_update(a, now);
  fill_locked(child, qty, price, false, now);
  a.status = "FINISHED";
  a.update_time = now;
  emit_algo_update(a, now);
}

json account_book::algo_json(const algo_record& a, bool full) const {
  const auto* spec = ctx_.catalog.find(a.symbol);
  json j{{"algoId", a.algo_id}, {"clientAlgoId", a.client_algo_id}, {"algoType", "CONDITIONAL"},
         {"orderType", a.type}, {"symbol", a.symbol}, {"side", a.side}, {"positionSide", "BOTH"},
         {"timeInForce", "GTC"}, {"quantity", format_qty(*spec, a.qty_steps)}, {"algoStatus", a.status},
         {"triggerPrice", format_price(*spec, a.trigger_ticks)}, {"price", "0"}, {"icebergQuantity", nullptr},
         {"selfTradePreventionMode", "EXPIRE_MAKER"}, {"workingType", a.working_type}, {"priceMatch", "NONE"},
         {"closePosition", a.close_position}, {"priceProtect", false}, {"reduceOnly", a.reduce_only},
         {"activatePrice", ""}, {"callbackRate", ""}, {"createTime", a.create_time}, {"updateTime", a.update_time},
         {"triggerTime", a.trigger_time}, {"goodTillDate", 0}};
  if (full) {
    j["actualOrderId"] = a.actual_order_id == 0 ? "" : std::to_string(a.actual_order_id);
    j["actualPrice"] = a.actual_order_id == 0 ? "" : format_double(a.actual_price, spec->price_decimals);
  }
  return j;
}

algo_record* account_book::find_algo_locked(const rest_request& r) {
  const auto id = r.p.get("algoId");
  const auto client = r.p.get("clientAlgoId");
  for (auto it = algos_.rbegin(); it != algos_.rend(); ++it) {
    if (id && std::to_string(it->second.algo_id) == *id) return &it->second;
    if (!id && client && it->second.client_algo_id == *client) return &it->second;
  }
  return nullptr;
}

rest_response account_book::cancel_algo(const rest_request& r) {
  if (!r.p.has("algoId") && !r.p.has("clientAlgoId"))
    return error_response(400, -1102, "Either algoId or clientAlgoId must be sent.");
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);
  auto* a = find_algo_locked(r);
  if (a == nullptr || a->status != "NEW") return error_response(400, -2011, "Unknown order sent.");
  a->status = "CANCELED";
  a->update_time = now;
  emit_algo_update(*a, now);
  return json_response(200, json{{"algoId", a->algo_id}, {"clientAlgoId", a->client_algo_id}, {"code", "200"}, {"msg", "success"}}.dump());
}

rest_response account_book::query_algo(const rest_request& r) {
  if (!r.p.has("algoId") && !r.p.has("clientAlgoId"))
    return error_response(400, -1102, "Either algoId or clientAlgoId must be sent.");
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  const auto* a = find_algo_locked(r);
  if (a == nullptr) return error_response(400, -2013, "Order does not exist.");
  return json_response(200, algo_json(*a, true).dump());
}

rest_response account_book::open_algos(const rest_request& r) {
  const auto symbol = r.p.get("symbol");
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  json out = json::array();
  for (const auto& [id, a] : algos_)
    if (a.status == "NEW" && (!symbol || a.symbol == *symbol)) out.push_back(algo_json(a, false));
  return json_response(200, out.dump());
}

rest_response account_book::cancel_all_algos(const rest_request& r) {
  const auto symbol = r.p.get("symbol");
  if (!symbol) return missing("symbol");
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  for (auto& [id, a] : algos_) {
    if (a.status != "NEW" || a.symbol != *symbol) continue;
    a.status = "CANCELED";
    a.update_time = now;
    emit_algo_update(a, now);
  }
  return json_response(200, R"({"code":200,"msg":"The operation of cancel all open order is done."})");
}

void account_book::tick() {
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  const std::int64_t wall = sim_clock::wall_ms();
  if (!listen_key_.empty() && wall >= listen_key_expiry_) {
    ctx_.hub->broadcast_user(listen_key_, json{{"e", "listenKeyExpired"}, {"E", wall}, {"listenKey", listen_key_}}.dump());
    listen_key_.clear();
  }
}

std::string account_book::active_listen_key() {
  std::lock_guard lock(mutex_);
  return sim_clock::wall_ms() < listen_key_expiry_ ? listen_key_ : std::string{};
}

}  // namespace tb::fake
