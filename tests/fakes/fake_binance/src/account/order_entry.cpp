// account_book::place_order: parameter checks, exchangeInfo filters, then matching.
#include <cmath>
#include <regex>

#include "account/account_book.hpp"
#include "market/market_json.hpp"
#include "util/decimal.hpp"

namespace tb::fake {
namespace {

rest_response missing(const std::string& name) {
  return error_response(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
}

bool is_conditional(const std::string& type) {
  return type == "STOP" || type == "STOP_MARKET" || type == "TAKE_PROFIT" || type == "TAKE_PROFIT_MARKET" ||
         type == "TRAILING_STOP_MARKET";
}

// Parses a decimal at the symbol's precision: -1111 on too many decimals.
std::optional<rest_response> parse_amount(const std::string& text, int scale, const std::string& name, std::int64_t& out) {
  const auto d = parse_decimal(text);
  if (!d) return error_response(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
  const auto units = rescale(*d, scale);
  if (!units) {
    if (d->scale > scale) return error_response(400, -1111, "Precision is over the maximum defined for this asset.");
    return error_response(400, -1130, "Data sent for parameter '" + name + "' is not valid.");
  }
  out = *units;
  return std::nullopt;
}

}  // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> account_book::count_order_locked() {
  const auto now = std::chrono::steady_clock::now();
  while (!order_times_.empty() && order_times_.front() + std::chrono::minutes(1) <= now) order_times_.pop_front();
  std::int64_t last_10s = 0;
  for (auto it = order_times_.rbegin(); it != order_times_.rend() && *it + std::chrono::seconds(10) > now; ++it) ++last_10s;
  if (last_10s >= ctx_.options.order_limit_10s || static_cast<std::int64_t>(order_times_.size()) >= ctx_.options.order_limit_1m)
    return std::nullopt;
  order_times_.push_back(now);
  return std::pair{last_10s + 1, static_cast<std::int64_t>(order_times_.size())};
}

rest_response account_book::with_order_counts(rest_response resp, std::pair<std::int64_t, std::int64_t> counts) const {
  resp.headers.emplace_back("X-MBX-ORDER-COUNT-10S", std::to_string(counts.first));
  resp.headers.emplace_back("X-MBX-ORDER-COUNT-1M", std::to_string(counts.second));
  return resp;
}

rest_response account_book::place_order(const rest_request& r) {
  const auto symbol = r.p.get("symbol");
  if (!symbol) return missing("symbol");
  const auto* spec = ctx_.catalog.find(*symbol);
  if (spec == nullptr) return error_response(400, -1121, "Invalid symbol.");
  const std::string side = r.p.get("side").value_or("");
  const std::string type = r.p.get("type").value_or("");
  if (side.empty()) return missing("side");
  if (type.empty()) return missing("type");
  if (side != "BUY" && side != "SELL") return error_response(400, -1117, "Invalid side.");
  if (is_conditional(type))
    return error_response(400, -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
  if (type != "LIMIT" && type != "MARKET") return error_response(400, -1116, "Invalid orderType.");
  const std::string position_side = r.p.get("positionSide").value_or("BOTH");
  if (position_side != "BOTH") return error_response(400, -4061, "Order's position side does not match user's setting.");
  const bool reduce_only = r.p.get("reduceOnly").value_or("false") == "true";

  order_record o;
  o.symbol = spec->symbol;
  o.side = side;
  o.type = type;
  o.reduce_only = reduce_only;
  const auto qty_text = r.p.get("quantity");
  if (!qty_text) return missing("quantity");
  if (auto e = parse_amount(*qty_text, spec->qty_decimals, "quantity", o.qty_steps)) return *e;
  if (o.qty_steps <= 0) return error_response(400, -4003, "Quantity less than or equal to zero.");
  const std::int64_t max_steps = type == "MARKET" ? spec->market_max_steps : spec->lot_max_steps;
  if (o.qty_steps < 1) return error_response(400, -4004, "Quantity less than min qty.");
  if (o.qty_steps > max_steps) return error_response(400, -4005, "Quantity greater than max quantity.");

  const std::int64_t now = ctx_.clock.now_ms();
  const double mark = last_price(*spec, now);
  const double tick = static_cast<double>(spec->tick_units) * std::pow(10.0, -spec->price_decimals);
  double reference_price = mark;
  if (type == "LIMIT") {
    const auto tif = r.p.get("timeInForce");
    if (!tif) return missing("timeinforce");
    if (*tif != "GTC" && *tif != "IOC" && *tif != "FOK" && *tif != "GTX") return error_response(400, -1115, "Invalid timeInForce.");
    o.tif = *tif;
    const auto price_text = r.p.get("price");
    if (!price_text) return missing("price");
    std::int64_t units = 0;
    if (auto e = parse_amount(*price_text, spec->price_decimals, "price", units)) return *e;
    if (units % spec->tick_units != 0) return error_response(400, -4014, "Price not increased by tick size.");
    o.price_ticks = units / spec->tick_units;
    if (o.price_ticks < spec->min_price_ticks) return error_response(400, -4013, "Price less than min price.");
    reference_price = static_cast<double>(o.price_ticks) * tick;
    const bool up = spec->base == "BTC";
    if (side == "BUY" && reference_price > mark * (up ? 1.05 : 1.15))
      return error_response(400, -4016, "Limit price can't be higher than " + format_double(mark * (up ? 1.05 : 1.15), spec->price_decimals) + ".");
    if (side == "SELL" && reference_price < mark * (up ? 0.95 : 0.85))
      return error_response(400, -4024, "Limit price can't be lower than " + format_double(mark * (up ? 0.95 : 0.85), spec->price_decimals) + ".");
  }
  const double qty = static_cast<double>(o.qty_steps) * std::pow(10.0, -spec->qty_decimals);
  if (!reduce_only && qty * reference_price < static_cast<double>(spec->min_notional))
    return error_response(400, -4164, "Order's notional must be no smaller than " + std::to_string(spec->min_notional) +
                                          " (unless you choose reduce only).");

  std::lock_guard lock(mutex_);
  match_locked(now);
  const auto counts = count_order_locked();
  if (!counts)
    return error_response(429, -1015, "Too many new orders; current limit is " + std::to_string(ctx_.options.order_limit_10s) +
                                          " orders per 10 SECOND.");
  o.client_id = r.p.get("newClientOrderId").value_or("");
  if (o.client_id.size() > 36) return error_response(400, -4015, "Client order id length should be less than 36 chars");
  if (o.client_id.empty()) {
    o.client_id = "fake-" + std::to_string(next_order_id_);
  } else if (!std::regex_match(o.client_id, std::regex(R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)"))) {
    return error_response(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
  }
  for (const auto& [id, other] : orders_)
    if (other.client_id == o.client_id && (other.status == "NEW" || other.status == "PARTIALLY_FILLED"))
      return error_response(400, -4116, "ClientOrderId is duplicated.");
  auto& pos = positions_[o.symbol];
  if (reduce_only) {
    const bool reduces = (side == "SELL" && pos.amt_steps > 0) || (side == "BUY" && pos.amt_steps < 0);
    if (!reduces) return error_response(400, -2022, "ReduceOnly Order is rejected.");
    o.qty_steps = std::min(o.qty_steps, std::abs(pos.amt_steps));
  } else {
    const double needed = qty * reference_price / pos.leverage;
    if (needed > wallet() + unrealized_locked(now)) return error_response(400, -2019, "Margin is insufficient.");
  }
  o.id = next_order_id_++;
  o.time = o.update_time = now;
  auto& stored = orders_.emplace(o.id, o).first->second;
  emit_order_update(stored, "NEW", nullptr, now);
  if (type == "MARKET") {
    const double slip = ctx_.options.slippage_bps / 10'000.0;
    fill_locked(stored, stored.qty_steps, mark * (side == "BUY" ? 1 + slip : 1 - slip), false, now);
  } else {
    const bool crosses = (side == "BUY" && mark <= reference_price) || (side == "SELL" && mark >= reference_price);
    if (crosses && o.tif == "GTX") {
      stored.status = "EXPIRED";
      return error_response(400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");
    }
    if (crosses) fill_locked(stored, stored.qty_steps, mark, false, now);
    else if (o.tif == "IOC" || o.tif == "FOK") {
      stored.status = "EXPIRED";
      emit_order_update(stored, "EXPIRED", nullptr, now);
    }
  }
  rest_response resp = with_order_counts(json_response(200, order_json(stored, false).dump()), *counts);
  resp.lose_after_execution = ctx_.faults.take_lost_order_response();
  return resp;
}

}  // namespace tb::fake
