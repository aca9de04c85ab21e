#include "filters/symbol_filters.hpp"

#include <optional>

#include "filters/decimal.hpp"

namespace tb::binance {
namespace {

std::optional<decimal> opt(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return decimal::parse(text);
}

// Empty when `text` is a valid price on the tick grid within the bounds (zero bound: off).
std::string price_problem(const char* what, const std::string& text, const symbol_filters& f) {
  const auto value = decimal::parse(text);
  if (!value || value->is_zero()) {
    return std::string(what) + " \"" + text + "\" is not a positive decimal";
  }
  const decimal zero{};
  const decimal min = opt(f.min_price).value_or(zero);
  const auto max = opt(f.max_price);
  const auto tick = opt(f.tick_size);
  if (!min.is_zero() && compare(*value, min) < 0) {
    return std::string(what) + " " + text + " is below minPrice " + f.min_price;
  }
  if (max && !max->is_zero() && compare(*value, *max) > 0) {
    return std::string(what) + " " + text + " is above maxPrice " + f.max_price;
  }
  if (tick && !on_grid(*value, *tick, min)) {
    return std::string(what) + " " + text + " is not on the tickSize " + f.tick_size + " grid";
  }
  return {};
}

}  // namespace

std::string order_problem(const symbol_filters& f, const sdk::order_request& request,
                          const std::string& reference_price) {
  const std::string where = request.symbol + ": ";
  const bool conditional = request.type == sdk::order_type::stop_market ||
                           request.type == sdk::order_type::take_profit_market;
  if (request.type == sdk::order_type::limit) {
    if (auto p = price_problem("price", request.price, f); !p.empty()) return where + p;
  } else if (!request.price.empty()) {
    return where + "price is only for LIMIT orders";
  }
  if (conditional) {
    if (auto p = price_problem("stop_price", request.stop_price, f); !p.empty()) return where + p;
  } else if (!request.stop_price.empty()) {
    return where + "stop_price is only for STOP_MARKET and TAKE_PROFIT_MARKET orders";
  }
  if (request.close_position()) {
    if (!conditional) return where + "close_position is only for stops and targets";
    if (!request.quantity.empty()) return where + "close_position orders carry no quantity";
    return {};
  }
  const auto qty = decimal::parse(request.quantity);
  if (!qty || qty->is_zero()) {
    return where + "quantity \"" + request.quantity + "\" is not a positive decimal";
  }
  const bool market_lot = request.type != sdk::order_type::limit && !f.market_step_size.empty();
  const std::string& step_text = market_lot ? f.market_step_size : f.step_size;
  const std::string& min_text = market_lot ? f.market_min_qty : f.min_qty;
  const std::string& max_text = market_lot ? f.market_max_qty : f.max_qty;
  const decimal zero{};
  const decimal min = opt(min_text).value_or(zero);
  if (compare(*qty, min) < 0) {
    return where + "quantity " + request.quantity + " is below minQty " + min_text;
  }
  if (const auto max = opt(max_text); max && !max->is_zero() && compare(*qty, *max) > 0) {
    return where + "quantity " + request.quantity + " is above maxQty " + max_text;
  }
  if (const auto step = opt(step_text); step && !on_grid(*qty, *step, min)) {
    return where + "quantity " + request.quantity + " is not on the stepSize " + step_text +
           " grid";
  }
  if (request.reduce_only()) return {};  // the exchange exempts reduce-only from the notional
  const std::string& price_text = request.type == sdk::order_type::limit ? request.price
                                  : conditional                         ? request.stop_price
                                                                        : reference_price;
  const auto notional = opt(f.min_notional);
  const auto price = opt(price_text);
  if (notional && price && compare_product(*qty, *price, *notional) < 0) {
    return where + "notional " + request.quantity + " x " + price_text +
           " is below the minimum notional " + f.min_notional;
  }
  return {};
}

}  // namespace tb::binance
