#include "account/account_book.hpp"

#include <cmath>

#include "market/market_json.hpp"
#include "util/decimal.hpp"
#include "util/rng.hpp"

namespace tb::fake {
namespace {

using nlohmann::json;

double tick_of(const symbol_spec& s) { return static_cast<double>(s.tick_units) * std::pow(10.0, -s.price_decimals); }
double step_of(const symbol_spec& s) { return std::pow(10.0, -s.qty_decimals); }
std::string money(double v) { return format_double(v, 8); }
std::string money_units(std::int64_t units) { return format_fixed(units, 8); }

}  // namespace

account_book::account_book(exchange_context& ctx)
    : ctx_(ctx), wallet_units_(std::llround(ctx.options.balance * 1e8)) {}

double account_book::last_price(const symbol_spec& spec, std::int64_t now) {
  return static_cast<double>(ctx_.prices.last_price(spec, now)) * tick_of(spec);
}

double account_book::unrealized_locked(std::int64_t now) {
  double total = 0;
  for (const auto& [symbol, p] : positions_) {
    if (p.amt_steps == 0) continue;
    const auto* spec = ctx_.catalog.find(symbol);
    total += (last_price(*spec, now) - p.entry_price) * static_cast<double>(p.amt_steps) * step_of(*spec);
  }
  return total;
}

// Fills happen on the tick grid (a slipped MARKET price snaps to the nearest tick), so a trade's
// price times its quantity is its quote quantity exactly.
void account_book::fill_locked(order_record& o, std::int64_t steps, double raw_price, bool maker, std::int64_t now) {
  const auto* spec = ctx_.catalog.find(o.symbol);
  const std::int64_t ticks = std::llround(raw_price / tick_of(*spec));
  const double price = static_cast<double>(ticks) * tick_of(*spec);
  auto& pos = positions_[o.symbol];
  const std::int64_t signed_steps = o.side == "BUY" ? steps : -steps;
  const double step = step_of(*spec);
  double realized = 0;
  if (pos.amt_steps == 0 || (pos.amt_steps > 0) == (signed_steps > 0)) {
    const double total = static_cast<double>(pos.amt_steps + signed_steps);
    pos.entry_price = (pos.entry_price * static_cast<double>(pos.amt_steps) + price * static_cast<double>(signed_steps)) / total;
    pos.amt_steps += signed_steps;
  } else {
    const std::int64_t closing = std::min(std::abs(signed_steps), std::abs(pos.amt_steps));
    const double direction = pos.amt_steps > 0 ? 1.0 : -1.0;
    realized = (price - pos.entry_price) * static_cast<double>(closing) * step * direction;
    pos.amt_steps += signed_steps;
    if (pos.amt_steps == 0) pos.entry_price = 0;
    else if ((pos.amt_steps > 0) != (direction > 0)) pos.entry_price = price;  // flipped
  }
  pos.update_time = now;
  // The quote quantity from integers: ticks x steps at price + quantity decimals.
  const double notional = static_cast<double>(ticks * spec->tick_units * steps) /
                          static_cast<double>(pow10(spec->price_decimals + spec->qty_decimals));
  trade_record t;
  t.id = next_trade_id_++;
  t.order_id = o.id;
  t.symbol = o.symbol;
  t.side = o.side;
  t.price_ticks = ticks;
  t.qty_steps = steps;
  t.realized_units = std::llround(realized * 1e8);
  t.commission_units = std::llround(notional * (maker ? ctx_.options.maker_fee : ctx_.options.taker_fee) * 1e8);
  t.maker = maker;
  t.time = now;
  wallet_units_ += t.realized_units - t.commission_units;
  o.executed_steps += steps;
  o.cum_quote += notional;
  o.status = o.executed_steps >= o.qty_steps ? "FILLED" : "PARTIALLY_FILLED";
  o.update_time = now;
  trades_.push_back(t);
  emit_order_update(o, "TRADE", &trades_.back(), now);
}

// Resting LIMIT orders fill at their price once the last price reaches it.
void account_book::match_locked(std::int64_t now) {
  for (auto& [id, o] : orders_) {
    if (hold_limits_ || o.type != "LIMIT" || (o.status != "NEW" && o.status != "PARTIALLY_FILLED")) continue;
    const auto* spec = ctx_.catalog.find(o.symbol);
    const double price = static_cast<double>(o.price_ticks) * tick_of(*spec);
    const double last = last_price(*spec, now);
    if ((o.side == "BUY" && last <= price) || (o.side == "SELL" && last >= price))
      fill_locked(o, o.qty_steps - o.executed_steps, price, true, now);
  }
  for (auto& [id, a] : algos_) {
    if (a.status != "NEW") continue;
    const auto* spec = ctx_.catalog.find(a.symbol);
    const double trigger = static_cast<double>(a.trigger_ticks) * tick_of(*spec);
    const double last = last_price(*spec, now);
    const bool stop = a.type == "STOP_MARKET";
    const bool fire = a.side == "BUY" ? (stop ? last >= trigger : last <= trigger) : (stop ? last <= trigger : last >= trigger);
    if (fire) trigger_locked(a, last, now);
  }
}

json account_book::order_json(const order_record& o, bool full) const {
  const auto* spec = ctx_.catalog.find(o.symbol);
  json j{{"orderId", o.id}, {"symbol", o.symbol}, {"status", o.status}, {"clientOrderId", o.client_id},
         {"price", o.type == "LIMIT" ? format_price(*spec, o.price_ticks) : "0"},
         {"origQty", format_qty(*spec, o.qty_steps)}, {"executedQty", format_qty(*spec, o.executed_steps)},
         {"cumQty", format_qty(*spec, o.executed_steps)}, {"reduceOnly", o.reduce_only}, {"side", o.side},
         {"positionSide", "BOTH"}, {"stopPrice", "0"}, {"closePosition", false}, {"timeInForce", o.tif},
         {"type", o.type}, {"origType", o.type}, {"updateTime", o.update_time}, {"workingType", "CONTRACT_PRICE"},
         {"priceProtect", false}, {"priceMatch", "NONE"}, {"selfTradePreventionMode", "EXPIRE_MAKER"},
         {"goodTillDate", 0}};
  const double avg = o.executed_steps > 0 ? o.cum_quote / (static_cast<double>(o.executed_steps) * step_of(*spec)) : 0.0;
  j["avgPrice"] = format_double(avg, spec->price_decimals + 3);
  j["cumQuote"] = format_double(o.cum_quote, 5);
  if (full) j["time"] = o.time;
  return j;
}

order_record* account_book::find_locked(const rest_request& r, const std::string& symbol) {
  const auto id = r.p.get("orderId");
  const auto client = r.p.get("origClientOrderId");
  for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {
    auto& o = it->second;
    if (o.symbol != symbol) continue;
    if (id && std::to_string(o.id) == *id) return &o;
    if (!id && client && o.client_id == *client) return &o;
  }
  return nullptr;
}

rest_response account_book::cancel_order(const rest_request& r) {
  const auto symbol = r.p.get("symbol").value_or("");
  if (ctx_.catalog.find(symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  if (!r.p.has("orderId") && !r.p.has("origClientOrderId"))
    return error_response(400, -1102, "Either orderId or origClientOrderId must be sent.");
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  auto* o = find_locked(r, symbol);
  if (o == nullptr || (o->status != "NEW" && o->status != "PARTIALLY_FILLED"))
    return error_response(400, -2011, "Unknown order sent.");
  o->status = "CANCELED";
  o->update_time = ctx_.clock.now_ms();
  emit_order_update(*o, "CANCELED", nullptr, o->update_time);
  return json_response(200, order_json(*o, false).dump());
}

rest_response account_book::query_order(const rest_request& r) {
  const auto symbol = r.p.get("symbol").value_or("");
  if (ctx_.catalog.find(symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  if (!r.p.has("orderId") && !r.p.has("origClientOrderId"))
    return error_response(400, -1102, "Either orderId or origClientOrderId must be sent.");
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  const auto* o = find_locked(r, symbol);
  if (o == nullptr) return error_response(400, -2013, "Order does not exist.");
  return json_response(200, order_json(*o, true).dump());
}

rest_response account_book::open_orders(const rest_request& r) {
  const auto symbol = r.p.get("symbol");
  if (symbol && ctx_.catalog.find(*symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  std::lock_guard lock(mutex_);
  match_locked(ctx_.clock.now_ms());
  json out = json::array();
  for (const auto& [id, o] : orders_)
    if ((o.status == "NEW" || o.status == "PARTIALLY_FILLED") && (!symbol || o.symbol == *symbol))
      out.push_back(order_json(o, true));
  return json_response(200, out.dump());
}

rest_response account_book::account(int version) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);
  const double upnl = unrealized_locked(now);
  double margin = 0;
  json positions = json::array();
  for (const auto& [symbol, p] : positions_) {
    if (p.amt_steps == 0 && version == 3) continue;
    const auto* spec = ctx_.catalog.find(symbol);
    const double notional = last_price(*spec, now) * static_cast<double>(p.amt_steps) * step_of(*spec);
    const double im = std::abs(notional) / p.leverage;
    margin += im;
    json row{{"symbol", symbol}, {"positionSide", "BOTH"}, {"positionAmt", format_qty(*spec, p.amt_steps)},
             {"unrealizedProfit", money(notional - p.entry_price * static_cast<double>(p.amt_steps) * step_of(*spec))},
             {"isolatedMargin", "0"}, {"notional", money(notional)}, {"isolatedWallet", "0"},
             {"initialMargin", money(im)}, {"maintMargin", money(std::abs(notional) * 0.004)}, {"updateTime", p.update_time}};
    if (version == 2) {
      row["leverage"] = std::to_string(p.leverage);
      row["isolated"] = p.isolated;
      row["entryPrice"] = format_double(p.entry_price, spec->price_decimals + 3);
    }
    positions.push_back(row);
  }
  const double available = wallet() + upnl - margin;
  json asset{{"asset", "USDT"}, {"walletBalance", money_units(wallet_units_)}, {"unrealizedProfit", money(upnl)},
             {"marginBalance", money(wallet() + upnl)}, {"maintMargin", money(margin * 0.1)},
             {"initialMargin", money(margin)}, {"positionInitialMargin", money(margin)},
             {"openOrderInitialMargin", "0"}, {"crossWalletBalance", money_units(wallet_units_)}, {"crossUnPnl", money(upnl)},
             {"availableBalance", money(available)}, {"maxWithdrawAmount", money(available)}, {"updateTime", now}};
  json out{{"totalInitialMargin", money(margin)}, {"totalMaintMargin", money(margin * 0.1)},
           {"totalWalletBalance", money_units(wallet_units_)}, {"totalUnrealizedProfit", money(upnl)},
           {"totalMarginBalance", money(wallet() + upnl)}, {"totalPositionInitialMargin", money(margin)},
           {"totalOpenOrderInitialMargin", "0"}, {"totalCrossWalletBalance", money_units(wallet_units_)},
           {"totalCrossUnPnl", money(upnl)}, {"availableBalance", money(available)},
           {"maxWithdrawAmount", money(available)}, {"assets", json::array({asset})}, {"positions", positions}};
  if (version == 2) {
    out["assets"][0]["marginAvailable"] = true;
    out.update(json{{"feeTier", 0}, {"feeBurn", false}, {"canTrade", true}, {"canDeposit", true},
                    {"canWithdraw", true}, {"updateTime", 0}, {"multiAssetsMargin", false}, {"tradeGroupId", -1}});
  }
  return json_response(200, out.dump());
}

rest_response account_book::balance() {
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);
  const double upnl = unrealized_locked(now);
  json row{{"accountAlias", "FakeAcct"}, {"asset", "USDT"}, {"balance", money_units(wallet_units_)},
           {"crossWalletBalance", money_units(wallet_units_)}, {"crossUnPnl", money(upnl)},
           {"availableBalance", money(wallet() + upnl)}, {"maxWithdrawAmount", money_units(wallet_units_)},
           {"marginAvailable", true}, {"updateTime", now}};
  return json_response(200, json::array({row}).dump());
}

rest_response account_book::position_risk(const rest_request& r, int version) {
  const auto symbol = r.p.get("symbol");
  if (symbol && ctx_.catalog.find(*symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);
  json out = json::array();
  for (const auto& [name, p] : positions_) {
    if ((symbol && name != *symbol) || (version == 3 && p.amt_steps == 0)) continue;
    const auto* spec = ctx_.catalog.find(name);
    const double mark = last_price(*spec, now);
    const double amt = static_cast<double>(p.amt_steps) * step_of(*spec);
    json row{{"symbol", name}, {"positionSide", "BOTH"}, {"positionAmt", format_qty(*spec, p.amt_steps)},
             {"entryPrice", format_double(p.entry_price, spec->price_decimals + 3)},
             {"breakEvenPrice", format_double(p.entry_price, spec->price_decimals + 3)},
             {"markPrice", format_double(mark, spec->price_decimals + 3)},
             {"unRealizedProfit", money((mark - p.entry_price) * amt)}, {"liquidationPrice", "0"},
             {"notional", money(mark * amt)}, {"marginAsset", "USDT"}, {"isolatedMargin", "0"},
             {"isolatedWallet", "0"}, {"updateTime", p.update_time}};
    if (version == 2) {
      row["leverage"] = std::to_string(p.leverage);
      row["marginType"] = p.isolated ? "isolated" : "cross";
      row["isAutoAddMargin"] = "false";
      row["maxNotionalValue"] = "1000000";
    }
    out.push_back(row);
  }
  return json_response(200, out.dump());
}

rest_response account_book::set_leverage(const rest_request& r) {
  const auto symbol = r.p.get("symbol").value_or("");
  if (ctx_.catalog.find(symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  const auto text = r.p.get("leverage").value_or("");
  int leverage = 0;
  try {
    leverage = std::stoi(text);
  } catch (const std::exception&) {
    return error_response(400, -1102, "Mandatory parameter 'leverage' was not sent, was empty/null, or malformed.");
  }
  if (leverage < 1 || leverage > 125) return error_response(400, -4028, "Leverage " + text + " is not valid");
  std::lock_guard lock(mutex_);
  positions_[symbol].leverage = leverage;
  return json_response(200, json{{"leverage", leverage}, {"maxNotionalValue", "1000000"}, {"symbol", symbol}}.dump());
}

rest_response account_book::set_margin_type(const rest_request& r) {
  const auto symbol = r.p.get("symbol").value_or("");
  if (ctx_.catalog.find(symbol) == nullptr) return error_response(400, -1121, "Invalid symbol.");
  const auto type = r.p.get("marginType").value_or("");
  if (type != "ISOLATED" && type != "CROSSED")
    return error_response(400, -1102, "Mandatory parameter 'marginType' was not sent, was empty/null, or malformed.");
  std::lock_guard lock(mutex_);
  auto& p = positions_[symbol];
  if (p.isolated == (type == "ISOLATED")) return error_response(400, -4046, "No need to change margin type.");
  for (const auto& [id, o] : orders_)
    if (o.symbol == symbol && (o.status == "NEW" || o.status == "PARTIALLY_FILLED"))
      return error_response(400, -4047, "Margin type cannot be changed if there exists open orders.");
  if (p.amt_steps != 0) return error_response(400, -4048, "Margin type cannot be changed if there exists position.");
  p.isolated = type == "ISOLATED";
  return json_response(200, R"({"code":200,"msg":"success"})");
}

// Listen keys live in real time: a client's keepalive does not follow --speed or clock skew.
rest_response account_book::listen_key(const std::string& method) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = sim_clock::wall_ms();
  const bool active = !listen_key_.empty() && now < listen_key_expiry_;
  if (method == "POST") {
    if (!active) {
      rng g(mix(static_cast<std::uint64_t>(now), ctx_.options.seed));
      static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
      listen_key_.clear();
      for (int i = 0; i < 64; ++i) listen_key_.push_back(alphabet[g.next() % 62]);
    }
    listen_key_expiry_ = now + 60 * 60'000;
    return json_response(200, json{{"listenKey", listen_key_}}.dump());
  }
  if (!active) return error_response(400, -1125, "This listenKey does not exist.");
  if (method == "PUT") {
    listen_key_expiry_ = now + 60 * 60'000;
    return json_response(200, json{{"listenKey", listen_key_}}.dump());
  }
  listen_key_.clear();
  return json_response(200, "{}");
}

}  // namespace tb::fake

namespace tb::fake {

void account_book::expire_listen_key() {
  std::lock_guard lock(mutex_);
  listen_key_expiry_ = 0;
}

}  // namespace tb::fake
