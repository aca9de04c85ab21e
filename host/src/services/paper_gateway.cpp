#include "services/paper_gateway.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "services/order_records.hpp"

namespace tb::host {
namespace {

// The shortest plain decimal that reads back as the same double ("0.01", "0.000040008"):
// never an exponent, which the exchange and the journal do not write.
std::string text(double value) {
  std::array<char, 400> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                       std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::string("0");
}

// Binance states prices and amounts to at most 8 decimals; so does the simulation, which
// also keeps binary noise (109.97800000000002) out of the journal.
double round8(double value) { return std::round(value * 1e8) / 1e8; }

// A positive decimal quantity or price; NaN when it is not one.
double positive(const char* field) {
  double value = 0;
  const std::string_view s(field);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && value > 0 && std::isfinite(value)
             ? value
             : std::nan("");
}

exchange_status refused(tb_status code, const std::string& message) {
  return exchange_status{code, 0, "paper: " + message};
}

bool is_protective(std::int32_t type) {
  return type == TB_ORDER_STOP_MARKET || type == TB_ORDER_TAKE_PROFIT_MARKET;
}

bool is_open(std::int32_t state) {
  return state == TB_ORDER_STATE_NEW || state == TB_ORDER_STATE_PARTIALLY_FILLED;
}

}  // namespace

paper_gateway::paper_gateway(paper_settings settings) : settings_(std::move(settings)) {}

void paper_gateway::on_price(const std::string& symbol, double price, std::int64_t time_ms) {
  events happened;
  {
    std::lock_guard lock(mutex_);
    prices_[symbol] = price;
    now_ms_ = std::max(now_ms_, time_ms);
    match(symbol, happened);
  }
  publish(happened);
}

void paper_gateway::match(const std::string& symbol, events& out) {
  const double price = prices_.at(symbol);
  for (auto& [id, o] : orders_) {
    if (symbol != o.request.symbol || !is_open(o.state.state)) continue;
    if (is_protective(o.request.type)) {
      if (triggered(o, price)) fill(o, price, true, now_ms_, out);
    } else if (o.request.type == TB_ORDER_LIMIT) {
      const double limit = positive(o.request.price);
      const bool reached = o.request.side == TB_SIDE_LONG ? price <= limit : price >= limit;
      if (reached) fill(o, limit, false, now_ms_, out);
    }
  }
}

bool paper_gateway::triggered(const order& o, double price) const {
  const double stop = positive(o.request.stop_price);
  // A sell stop protects a long from below; a sell target takes profit above. Buys mirror.
  const bool sell = o.request.side == TB_SIDE_SHORT;
  const bool from_below = (o.request.type == TB_ORDER_STOP_MARKET) == sell;
  return from_below ? price <= stop : price >= stop;
}

void paper_gateway::fill(order& o, double price, bool taker, std::int64_t time_ms, events& out) {
  const std::string symbol = o.request.symbol;
  position& p = positions_[symbol];
  const double sign = o.request.side == TB_SIDE_LONG ? 1.0 : -1.0;
  const bool closing = (o.request.flags & (TB_ORDER_REDUCE_ONLY | TB_ORDER_CLOSE_POSITION)) != 0;
  double quantity = (o.request.flags & TB_ORDER_CLOSE_POSITION) != 0
                        ? std::abs(p.quantity)
                        : positive(o.request.quantity) - std::stod(o.state.filled_quantity);
  if (closing) {
    // Only what reduces the open position, which must be on the other side.
    quantity = p.quantity * sign < 0 ? std::min(quantity, std::abs(p.quantity)) : 0;
  }
  if (quantity <= 0) {
    o.state.state = TB_ORDER_STATE_EXPIRED;
    o.state.update_time_ms = time_ms;
    out.orders.push_back(o.state);
    return;
  }
  const double executed =
      round8(taker ? price * (1 + sign * settings_.slippage_bps / 10'000) : price);
  const double fee =
      round8(quantity * executed * (taker ? settings_.taker_fee_rate : settings_.maker_fee_rate));

  // The part against the position realizes PnL; the rest opens or adds at this price.
  const double against = p.quantity * sign < 0 ? std::min(quantity, std::abs(p.quantity)) : 0;
  const double pnl = round8(against * (executed - p.entry_price) * (p.quantity > 0 ? 1 : -1));
  const double adding = quantity - against;
  if (against > 0) p.quantity += sign * against;
  if (std::abs(p.quantity) < 1e-12) p.quantity = 0;
  if (adding > 0) {
    const double old = std::abs(p.quantity);
    p.entry_price = (p.entry_price * old + executed * adding) / (old + adding);
    p.quantity += sign * adding;
  }
  if (p.quantity == 0) p.entry_price = 0;
  realized_ += pnl;
  fees_ += fee;

  const double filled_before = std::stod(o.state.filled_quantity);
  const double filled = filled_before + quantity;
  const double average_before = filled_before > 0 ? std::stod(o.state.average_price) : 0;
  o.state.state = TB_ORDER_STATE_FILLED;
  copy_text(o.state.filled_quantity, text(filled));
  copy_text(o.state.average_price,
      text(round8((average_before * filled_before + executed * quantity) / filled)));
  copy_text(o.state.last_fill_quantity, text(quantity));
  copy_text(o.state.last_fill_price, text(executed));
  copy_text(o.state.commission, text(fee));
  copy_text(o.state.commission_asset, settings_.quote_asset);
  copy_text(o.state.realized_pnl, text(pnl));
  o.state.update_time_ms = time_ms;
  auto& fills = fills_[o.request.client_order_id];
  tb_fill f{};
  f.struct_size = sizeof f;
  f.side = o.request.side;
  copy_text(f.symbol, symbol);
  copy_text(f.client_order_id, o.request.client_order_id);
  copy_text(f.trade_id, "paper-" + std::to_string(++trade_count_));
  copy_text(f.quantity, text(quantity));
  copy_text(f.price, text(executed));
  copy_text(f.commission, text(fee));
  copy_text(f.commission_asset, settings_.quote_asset);
  copy_text(f.realized_pnl, text(pnl));
  f.maker = taker ? 0 : 1;
  f.time_ms = time_ms;
  fills.push_back(f);
  out.orders.push_back(o.state);
  out.positions.push_back(position_state(symbol));
  out.balance = true;
}

tb_position paper_gateway::position_state(const std::string& symbol) const {
  tb_position out{};
  out.struct_size = sizeof out;
  copy_text(out.symbol, symbol);
  const auto it = positions_.find(symbol);
  const position p = it == positions_.end() ? position{} : it->second;
  const auto price = prices_.find(symbol);
  const double mark = price == prices_.end() ? p.entry_price : price->second;
  out.margin_type = p.margin_type;
  out.leverage = p.leverage;
  copy_text(out.quantity, text(p.quantity));
  copy_text(out.entry_price, text(p.entry_price));
  copy_text(out.mark_price, text(mark));
  copy_text(out.unrealized_pnl, text(p.quantity * (mark - p.entry_price)));
  copy_text(out.liquidation_price, "0");
  out.update_time_ms = now_ms_;
  return out;
}

tb_balance paper_gateway::balance_state() const {
  double unrealized = 0, margin = 0;
  for (const auto& [symbol, p] : positions_) {
    const auto price = prices_.find(symbol);
    const double mark = price == prices_.end() ? p.entry_price : price->second;
    unrealized += p.quantity * (mark - p.entry_price);
    margin += std::abs(p.quantity) * p.entry_price / std::max(1, p.leverage);
  }
  const double wallet = settings_.starting_balance + realized_ - fees_;
  tb_balance out{};
  out.struct_size = sizeof out;
  copy_text(out.asset, settings_.quote_asset);
  copy_text(out.wallet_balance, text(wallet));
  copy_text(out.available_balance, text(std::max(0.0, wallet + std::min(0.0, unrealized) - margin)));
  copy_text(out.unrealized_pnl, text(unrealized));
  out.update_time_ms = now_ms_;
  return out;
}

void paper_gateway::publish(const events& happened) const {
  tb_market_sink sink;
  tb_balance balance{};
  {
    std::lock_guard lock(mutex_);
    sink = sink_;
    if (happened.balance) balance = balance_state();
  }
  if (sink.on_order_update != nullptr) {
    for (const auto& o : happened.orders) sink.on_order_update(sink.ctx, &o);
  }
  if (sink.on_position_update != nullptr) {
    for (const auto& p : happened.positions) sink.on_position_update(sink.ctx, &p);
  }
  if (happened.balance && sink.on_balance_update != nullptr) sink.on_balance_update(sink.ctx, &balance);
}

exchange_status paper_gateway::get_balances(std::int64_t, std::vector<tb_balance>& out) {
  std::lock_guard lock(mutex_);
  out = {balance_state()};
  return {};
}

exchange_status paper_gateway::get_positions(std::int64_t, std::vector<tb_position>& out) {
  std::lock_guard lock(mutex_);
  out.clear();
  for (const auto& [symbol, p] : positions_) {
    if (p.quantity != 0) out.push_back(position_state(symbol));
  }
  return {};
}

exchange_status paper_gateway::place_order(const tb_order_request& request, std::int64_t,
                                           tb_order_state& ack) {
  events happened;
  exchange_status status;
  {
    std::lock_guard lock(mutex_);
    const std::string id = request.client_order_id;
    if (id.empty()) return refused(TB_E_INVALID_ARGUMENT, "an order needs a client order id");
    if (const auto known = orders_.find(id); known != orders_.end()) {
      ack = known->second.state;  // the same id again: that order, not a second one
      return {};
    }
    const std::string symbol = request.symbol;
    const auto price = prices_.find(symbol);
    if (price == prices_.end()) {
      return refused(TB_E_STATE, "no price for " + symbol + " yet; orders wait for the first one");
    }
    const bool close_position = (request.flags & TB_ORDER_CLOSE_POSITION) != 0;
    if (close_position && *request.quantity != '\0') {
      // As the exchange plugin (and Binance) insist: the position decides the quantity.
      return refused(TB_E_INVALID_ARGUMENT, "close_position orders carry no quantity");
    }
    if (!close_position && std::isnan(positive(request.quantity))) {
      return refused(TB_E_INVALID_ARGUMENT, "quantity '" + std::string(request.quantity) +
                                                "' is not a positive number");
    }
    if (request.type == TB_ORDER_LIMIT && std::isnan(positive(request.price))) {
      return refused(TB_E_INVALID_ARGUMENT, "a limit order needs a positive price");
    }
    if (is_protective(request.type) && std::isnan(positive(request.stop_price))) {
      return refused(TB_E_INVALID_ARGUMENT, "a stop or target needs a positive stop price");
    }
    if (request.type < TB_ORDER_MARKET || request.type > TB_ORDER_TAKE_PROFIT_MARKET ||
        (request.side != TB_SIDE_LONG && request.side != TB_SIDE_SHORT)) {
      return refused(TB_E_INVALID_ARGUMENT, "unknown order type or side");
    }
    order& o = orders_[id];
    o.request = request;
    o.state.struct_size = sizeof o.state;
    o.state.state = TB_ORDER_STATE_NEW;
    o.state.side = request.side;
    o.state.type = request.type;
    copy_text(o.state.symbol, symbol);
    copy_text(o.state.client_order_id, id);
    copy_text(o.state.exchange_order_id, "paper-" + std::to_string(orders_.size()));
    copy_text(o.state.quantity, request.quantity);
    copy_text(o.state.filled_quantity, "0");
    copy_text(o.state.average_price, "0");
    copy_text(o.state.stop_price, request.stop_price);
    o.state.update_time_ms = now_ms_;
    happened.orders.push_back(o.state);
    const double now = price->second;
    const double limit = request.type == TB_ORDER_LIMIT ? positive(request.price) : 0;
    const bool marketable = request.type == TB_ORDER_MARKET ||
                            (request.type == TB_ORDER_LIMIT &&
                             (request.side == TB_SIDE_LONG ? now <= limit : now >= limit));
    if (marketable || (is_protective(request.type) && triggered(o, now))) {
      fill(o, now, true, now_ms_, happened);
    }
    ack = o.state;
    if (o.state.state == TB_ORDER_STATE_EXPIRED && request.type == TB_ORDER_MARKET) {
      status = refused(TB_E_REJECTED, "reduce-only order " + id + " has no position to reduce");
    }
  }
  publish(happened);
  return status;
}

exchange_status paper_gateway::cancel_order(const std::string& symbol,
                                            const std::string& client_order_id, std::int64_t,
                                            tb_order_state& result) {
  events happened;
  {
    std::lock_guard lock(mutex_);
    const auto it = orders_.find(client_order_id);
    if (it == orders_.end() || symbol != it->second.request.symbol) {
      return refused(TB_E_NOT_FOUND, "no order " + client_order_id + " on " + symbol);
    }
    if (!is_open(it->second.state.state)) {
      result = it->second.state;
      return refused(TB_E_REJECTED, "order " + client_order_id + " is no longer open");
    }
    it->second.state.state = TB_ORDER_STATE_CANCELED;
    it->second.state.update_time_ms = now_ms_;
    result = it->second.state;
    happened.orders.push_back(result);
  }
  publish(happened);
  return {};
}

exchange_status paper_gateway::query_order(const std::string& symbol,
                                           const std::string& client_order_id, std::int64_t,
                                           tb_order_state& result) {
  std::lock_guard lock(mutex_);
  const auto it = orders_.find(client_order_id);
  if (it == orders_.end() || symbol != it->second.request.symbol) {
    return refused(TB_E_NOT_FOUND, "no order " + client_order_id + " on " + symbol);
  }
  result = it->second.state;
  return {};
}

exchange_status paper_gateway::get_order_fills(const std::string& symbol,
                                               const std::string& client_order_id, std::int64_t,
                                               std::vector<tb_fill>& out) {
  std::lock_guard lock(mutex_);
  out.clear();
  const auto it = orders_.find(client_order_id);
  if (it == orders_.end() || symbol != it->second.request.symbol) {
    return refused(TB_E_NOT_FOUND, "no order " + client_order_id + " on " + symbol);
  }
  if (const auto f = fills_.find(client_order_id); f != fills_.end()) out = f->second;
  return {};
}

exchange_status paper_gateway::list_open_orders(const std::string& symbol, std::int64_t,
                                                std::vector<tb_order_state>& out) {
  std::lock_guard lock(mutex_);
  out.clear();
  for (const auto& [id, o] : orders_) {
    if (is_open(o.state.state) && (symbol.empty() || symbol == o.request.symbol)) {
      out.push_back(o.state);
    }
  }
  return {};
}

exchange_status paper_gateway::set_leverage(const std::string& symbol, std::int32_t leverage,
                                            std::int64_t) {
  if (leverage < 1 || leverage > 125) {
    return refused(TB_E_INVALID_ARGUMENT, "leverage " + std::to_string(leverage) +
                                              " is outside 1..125");
  }
  std::lock_guard lock(mutex_);
  positions_[symbol].leverage = leverage;
  return {};
}

exchange_status paper_gateway::set_margin_type(const std::string& symbol, std::int32_t margin_type,
                                               std::int64_t) {
  if (margin_type != 1 && margin_type != 2) {
    return refused(TB_E_INVALID_ARGUMENT, "margin type must be 1 (cross) or 2 (isolated)");
  }
  std::lock_guard lock(mutex_);
  positions_[symbol].margin_type = margin_type;
  return {};
}

exchange_status paper_gateway::subscribe_account(const tb_market_sink& sink) {
  std::lock_guard lock(mutex_);
  sink_ = sink;
  return {};
}

double paper_gateway::realized_pnl() const {
  std::lock_guard lock(mutex_);
  return realized_;
}

double paper_gateway::fees_paid() const {
  std::lock_guard lock(mutex_);
  return fees_;
}

}  // namespace tb::host
