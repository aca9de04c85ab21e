#include "engine/matching_engine.hpp"

#include <algorithm>
#include <utility>

#include "tradingbot/sdk/error.hpp"

namespace tb::exchange_sim {
namespace {

[[noreturn]] void reject(const std::string& message, std::int32_t code) {
  throw sdk::error(TB_E_REJECTED, message, code);
}

bool conditional(sdk::order_type t) {
  return t == sdk::order_type::stop_market || t == sdk::order_type::take_profit_market;
}

std::int64_t parse_or_reject(const std::string& text, int decimals, const char* field) {
  const auto v = parse_fixed(text, decimals);
  if (!v) reject(std::string("Illegal characters or precision found in parameter '") + field + "': '" + text + "'.", -1111);
  return *v;
}

}  // namespace

matching_engine::matching_engine(std::vector<symbol_rules> symbols, engine_settings settings)
    : symbols_(std::move(symbols)), settings_(std::move(settings)), symbol_state_(symbols_.size()) {
  for (std::size_t k = 0; k < symbols_.size(); ++k) {
    symbol_index_.emplace(symbols_[k].name, k);
    symbol_state_[k].book.leverage = settings_.default_leverage;
  }
  wallet_ = settings_.initial_balance;
}

std::size_t matching_engine::symbol_index(std::string_view name) const {
  const auto it = symbol_index_.find(std::string(name));
  if (it == symbol_index_.end()) reject("Invalid symbol: '" + std::string(name) + "'.", -1121);
  return it->second;
}

bool matching_engine::fires_falling(const order& o) noexcept {
  const bool buy = o.direction > 0;
  switch (o.request.type) {
    case sdk::order_type::limit: return buy;                // a buy limit fills below
    case sdk::order_type::stop_market: return !buy;         // a sell stop protects a long from below
    case sdk::order_type::take_profit_market: return buy;   // a buy target takes a short's profit below
    default: return false;
  }
}

std::int64_t matching_engine::slipped(std::size_t k, int direction, std::int64_t price) const {
  const std::int64_t tick = symbols_[k].tick;
  const int128 scaled = int128{price} * (money_scale + direction * settings_.slippage);
  // Rounded to the tick away from the taker: up for a buy, down for a sell.
  const int128 ticks = direction > 0 ? div_ceil(scaled, int128{money_scale} * tick)
                                     : div_floor(scaled, int128{money_scale} * tick);
  return static_cast<std::int64_t>(std::max<int128>(ticks, 1) * tick);
}

std::int64_t matching_engine::margin_needed(std::size_t k, int direction, std::int64_t qty,
                                            std::int64_t price) const {
  const position_book& book = symbol_state_[k].book;
  std::int64_t increase = qty;
  if (book.qty != 0 && (book.qty > 0) != (direction > 0)) increase = std::max<std::int64_t>(0, qty - book.abs_qty());
  if (increase == 0) return 0;
  return static_cast<std::int64_t>(div_ceil(int128{increase} * price, int128{notional_per_money} * book.leverage));
}

std::int64_t matching_engine::total_unrealized_cross() const {
  std::int64_t sum = 0;
  for (const symbol_state& s : symbol_state_) {
    if (s.book.open() && s.book.margin == sdk::margin_type::cross) sum += s.book.unrealized(s.mark);
  }
  return sum;
}

std::int64_t matching_engine::available() const {
  std::int64_t used = 0;
  for (const symbol_state& s : symbol_state_) used += s.book.used_margin();
  return wallet_ - used + std::min<std::int64_t>(0, total_unrealized_cross());
}

std::int64_t matching_engine::loss_budget(std::size_t k) const {
  const position_book& book = symbol_state_[k].book;
  if (book.margin == sdk::margin_type::isolated) return book.isolated_margin;
  std::int64_t others = 0;
  for (std::size_t j = 0; j < symbol_state_.size(); ++j) {
    if (j != k) others += symbol_state_[j].book.used_margin();
  }
  return std::max<std::int64_t>(0, wallet_ - others);
}

std::int64_t matching_engine::reducible(const order& o) const {
  const position_book& book = symbol_state_[o.symbol].book;
  if (book.qty == 0 || (book.qty > 0) == (o.direction > 0)) return 0;
  return book.abs_qty();
}

sdk::order_state matching_engine::place(const sdk::order_request& request, std::int64_t now_ms,
                                        std::int64_t price, account_events& out) {
  const std::size_t k = symbol_index(request.symbol);
  const symbol_rules& rules = symbols_[k];
  if (request.client_order_id.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "place_order: client_order_id is empty");
  }
  if (order_index_.count(request.client_order_id) != 0) reject("ClientOrderId is duplicated.", -4116);

  order o;
  o.request = request;
  o.symbol = k;
  o.direction = request.direction == sdk::side::long_ ? 1 : -1;
  const bool is_conditional = conditional(request.type);
  const bool close = request.close_position();
  if (request.type != sdk::order_type::market && request.type != sdk::order_type::limit && !is_conditional) {
    reject("Invalid orderType.", -1116);
  }
  if (close && !is_conditional) reject("closePosition is only for STOP_MARKET and TAKE_PROFIT_MARKET.", -1106);
  if (close) {
    if (!request.quantity.empty() && parse_fixed(request.quantity, 8).value_or(1) != 0) {
      reject("Parameter 'quantity' sent when not required (closePosition).", -1106);
    }
  } else {
    o.qty = parse_or_reject(request.quantity, 8, "quantity");
    if (o.qty <= 0) reject("Quantity less than or equal to zero.", -4003);
    if (o.qty % rules.step != 0) reject("Precision is over the maximum defined for this asset (step " + format_qty(rules.step) + ").", -1111);
    if (o.qty < rules.min_qty) reject("Quantity less than min_qty " + format_qty(rules.min_qty) + ".", -4003);
    if (rules.max_qty > 0 && o.qty > rules.max_qty) reject("Quantity greater than max quantity.", -4005);
  }
  if (request.type == sdk::order_type::limit) {
    o.price = parse_or_reject(request.price, 10, "price");
    if (o.price <= 0) reject("Price less than or equal to zero.", -4001);
    if (o.price % rules.tick != 0) reject("Price not increased by tick size.", -4014);
  }
  if (is_conditional) {
    o.stop = parse_or_reject(request.stop_price, 10, "stopPrice");
    if (o.stop <= 0) reject("Stop price less than or equal to zero.", -4006);
    if (o.stop % rules.tick != 0) reject("Stop price not increased by tick size.", -4014);
  }
  if (request.type == sdk::order_type::market && price <= 0) {
    throw sdk::error(TB_E_REJECTED, "no price for " + rules.name + " at this time (before its history)");
  }
  const std::int64_t reference = request.type == sdk::order_type::limit ? o.price : is_conditional ? o.stop : price;
  const bool reduce = request.reduce_only() || close;
  if (!reduce && int128{o.qty} * reference < int128{rules.min_notional} * notional_per_money) {
    reject("Order's notional must be no smaller than " + format_money(rules.min_notional) +
               " (unless you choose reduce only).", -4164);
  }
  if (is_conditional && price > 0) {
    const bool now_through = fires_falling(o) ? price <= o.stop : price >= o.stop;
    if (now_through) reject("Order would immediately trigger.", -2021);
  }
  if (request.reduce_only() && reducible(o) == 0) reject("ReduceOnly Order is rejected.", -2022);
  const bool marketable = price > 0 && request.type == sdk::order_type::limit &&
                          (o.direction > 0 ? price <= o.price : price >= o.price);
  if (marketable && request.tif == sdk::time_in_force::gtx) {
    reject("Due to the order could not be executed as maker, the Post Only order will be rejected.", -5022);
  }
  const std::int64_t margin_price = request.type == sdk::order_type::market ? slipped(k, o.direction, price) : reference;
  if (!reduce && !is_conditional && margin_needed(k, o.direction, o.qty, margin_price) > available()) {
    reject("Margin is insufficient.", -2019);
  }

  o.exchange_id = std::to_string(++order_seq_);
  o.update_ms = now_ms;
  const std::size_t i = orders_.size();
  order_index_.emplace(request.client_order_id, i);
  orders_.push_back(std::move(o));
  out.emplace_back(state_of(orders_[i]));

  const int direction = orders_[i].direction;
  if (request.type == sdk::order_type::market || marketable) {
    std::int64_t qty = orders_[i].qty;
    if (request.reduce_only()) qty = std::min(qty, reducible(orders_[i]));
    std::int64_t fill_price = slipped(k, direction, price);
    if (request.type == sdk::order_type::limit) {
      fill_price = direction > 0 ? std::min(fill_price, orders_[i].price) : std::max(fill_price, orders_[i].price);
    }
    execute(i, qty, fill_price, false, now_ms, out);
  } else if (request.type == sdk::order_type::limit &&
             (request.tif == sdk::time_in_force::ioc || request.tif == sdk::time_in_force::fok)) {
    expire(i, now_ms, out);  // nothing to take now, and it may not rest
  } else {
    symbol_state_[k].resting.push_back(i);
  }
  return state_of(orders_[i]);
}

void matching_engine::close_order(order& o, sdk::order_status status, std::int64_t time_ms) {
  o.status = status;
  o.update_ms = time_ms;
  auto& resting = symbol_state_[o.symbol].resting;
  const std::size_t i = static_cast<std::size_t>(&o - orders_.data());
  resting.erase(std::remove(resting.begin(), resting.end(), i), resting.end());
}

void matching_engine::expire(std::size_t i, std::int64_t time_ms, account_events& out) {
  close_order(orders_[i], sdk::order_status::expired, time_ms);
  out.emplace_back(state_of(orders_[i]));
}

void matching_engine::execute(std::size_t i, std::int64_t qty, std::int64_t price, bool maker,
                              std::int64_t time_ms, account_events& out) {
  order& o = orders_[i];
  const std::size_t k = o.symbol;
  // A resting order that would now add more than the available margin expires (no margin is
  // reserved for open orders).
  if (qty <= 0 || margin_needed(k, o.direction, qty, price) > available()) {
    expire(i, time_ms, out);
    return;
  }
  const int128 notional = int128{qty} * price;
  const std::int64_t commission = money_of_rate(notional, maker ? settings_.maker_fee : settings_.taker_fee);
  const std::int64_t realized = symbol_state_[k].book.apply_fill(o.direction, qty, price);
  wallet_ += realized - commission;
  ++account_version_;
  total_realized_ += realized;
  total_commission_ += commission;

  fill_record f{next_trade_id(), qty, price, commission, realized, maker, time_ms};
  o.fills.push_back(f);
  o.filled_qty += qty;
  o.avg_price = price;
  close_order(o, sdk::order_status::filled, time_ms);

  sdk::order_state state = state_of(o);
  state.last_fill_quantity = format_qty(qty);
  state.last_fill_price = format_price(price);
  state.commission = format_money(commission);
  state.commission_asset = settings_.quote_asset;
  state.realized_pnl = format_money(realized);
  out.emplace_back(std::move(state));
  out.emplace_back(position_of(k, time_ms));
  out.emplace_back(balance(time_ms));
}

void matching_engine::liquidate(std::size_t k, std::int64_t time_ms, account_events& out) {
  position_book& book = symbol_state_[k].book;
  const std::int64_t lost = loss_budget(k);
  const std::int64_t price = bankruptcy_price(book, lost, symbols_[k].tick);
  order o;
  o.symbol = k;
  o.direction = book.qty > 0 ? -1 : 1;
  o.qty = book.abs_qty();
  o.request.symbol = symbols_[k].name;
  o.request.direction = o.direction > 0 ? sdk::side::long_ : sdk::side::short_;
  o.request.type = sdk::order_type::market;
  o.request.flags = TB_ORDER_REDUCE_ONLY;
  o.request.quantity = format_qty(o.qty);
  o.request.client_order_id = "autoclose-" + std::to_string(time_ms) + "-" + std::to_string(++liquidation_seq_);
  o.exchange_id = std::to_string(++order_seq_);
  o.status = sdk::order_status::filled;
  o.filled_qty = o.qty;
  o.avg_price = price;
  o.update_ms = time_ms;
  // The whole margin is lost at the bankruptcy price; no fee on top.
  o.fills.push_back(fill_record{next_trade_id(), o.qty, price, 0, -lost, false, time_ms});
  book.qty = 0;
  book.cost = 0;
  book.isolated_margin = 0;
  wallet_ -= lost;
  ++account_version_;
  total_realized_ -= lost;
  const std::size_t i = orders_.size();
  order_index_.emplace(o.request.client_order_id, i);
  orders_.push_back(std::move(o));

  sdk::order_state state = state_of(orders_[i]);
  state.last_fill_quantity = format_qty(orders_[i].qty);
  state.last_fill_price = format_price(price);
  state.commission = "0";
  state.commission_asset = settings_.quote_asset;
  state.realized_pnl = format_money(-lost);
  out.emplace_back(std::move(state));
  out.emplace_back(position_of(k, time_ms));
  out.emplace_back(balance(time_ms));
}

matching_engine::trigger matching_engine::order_trigger(const order& o, std::int64_t cur,
                                                        std::int64_t target) const {
  const bool limit = o.request.type == sdk::order_type::limit;
  const std::int64_t level = limit ? o.price : o.stop;
  // Limits need the price strictly through (queue position unknown); stops fire on touch.
  if (fires_falling(o)) {
    if (limit ? cur < level : cur <= level) return {true, cur};
    if (target < cur && (limit ? level > target : level >= target)) return {true, level};
  } else {
    if (limit ? cur > level : cur >= level) return {true, cur};
    if (target > cur && (limit ? level < target : level <= target)) return {true, level};
  }
  return {};
}

matching_engine::trigger matching_engine::liquidation_trigger(std::size_t k, std::int64_t cur,
                                                              std::int64_t target) const {
  const symbol_state& st = symbol_state_[k];
  const position_book& book = st.book;
  if (!book.open()) return {};
  if (st.liquidation_version != account_version_) {
    st.cached_liquidation_price = liquidation_price(book, loss_budget(k), settings_.maintenance_margin_rate, symbols_[k].tick);
    st.liquidation_version = account_version_;
  }
  const std::int64_t lp = st.cached_liquidation_price;
  if (lp <= 0) return {};
  if (book.qty > 0) {
    if (cur <= lp) return {true, cur};
    if (target < cur && lp >= target) return {true, lp};
  } else {
    if (cur >= lp) return {true, cur};
    if (target > cur && lp <= target) return {true, lp};
  }
  return {};
}

void matching_engine::play_leg(std::size_t k, std::int64_t cur, std::int64_t target, std::int64_t time_ms,
                               account_events& out) {
  const auto earlier = [&](std::int64_t a, std::int64_t b) { return target < cur ? a > b : a < b; };
  for (;;) {
    symbol_state& st = symbol_state_[k];
    bool found = false;
    std::size_t best = 0;
    trigger best_trigger;
    for (const std::size_t i : st.resting) {
      const trigger t = order_trigger(orders_[i], cur, target);
      if (t.fires && (!found || earlier(t.at, best_trigger.at))) {
        found = true;
        best = i;
        best_trigger = t;
      }
    }
    // Ties go to the orders: a stop at the liquidation price fills first.
    const trigger liq = liquidation_trigger(k, cur, target);
    if (liq.fires && (!found || earlier(liq.at, best_trigger.at))) {
      liquidate(k, time_ms, out);
      cur = liq.at;
      continue;
    }
    if (!found) return;
    cur = best_trigger.at;
    order& o = orders_[best];
    std::int64_t qty = o.qty;
    if (o.request.close_position()) qty = reducible(o);
    else if (o.request.reduce_only()) qty = std::min(qty, reducible(o));
    if (qty == 0) {
      expire(best, time_ms, out);  // nothing left to close
    } else if (o.request.type == sdk::order_type::limit) {
      execute(best, qty, cur, true, time_ms, out);
    } else {
      execute(best, qty, slipped(k, o.direction, cur), false, time_ms, out);
    }
  }
}

void matching_engine::play(std::size_t k, const tb_candle& candle, std::int64_t base_ms, account_events& out) {
  symbol_state& st = symbol_state_[k];
  const std::int64_t close = price_from_double(candle.close);
  if (!busy(k)) {
    st.mark = close;
    return;
  }
  const std::int64_t open = price_from_double(candle.open);
  const std::int64_t high = price_from_double(candle.high);
  const std::int64_t low = price_from_double(candle.low);
  const bool low_first = st.book.qty > 0 || (st.book.qty == 0 && candle.close >= candle.open);
  const std::int64_t first = low_first ? low : high;
  const std::int64_t second = low_first ? high : low;
  const std::int64_t t = candle.open_time_ms;
  play_leg(k, open, open, t, out);  // the open: whatever it gapped through
  play_leg(k, open, first, t + base_ms / 4, out);
  play_leg(k, first, second, t + base_ms / 2, out);
  play_leg(k, second, close, t + 3 * base_ms / 4, out);
  symbol_state_[k].mark = close;
}

void matching_engine::fund(std::size_t k, std::int64_t time_ms, std::int64_t mark, std::int64_t rate,
                           account_events& out) {
  const position_book& book = symbol_state_[k].book;
  if (!book.open() || rate == 0) return;
  const std::int64_t amount = money_of_rate(int128{book.abs_qty()} * mark, rate < 0 ? -rate : rate);
  // A positive rate: longs pay shorts.
  const std::int64_t delta = (book.qty > 0) == (rate > 0) ? -amount : amount;
  wallet_ += delta;
  ++account_version_;
  total_funding_ += delta;
  out.emplace_back(balance(time_ms));
}

sdk::order_state matching_engine::cancel(std::string_view symbol, std::string_view client_id,
                                         std::int64_t now_ms, account_events& out) {
  const auto it = order_index_.find(std::string(client_id));
  if (it == order_index_.end() || orders_[it->second].request.symbol != symbol) {
    throw sdk::error(TB_E_NOT_FOUND, "Unknown order sent: " + std::string(client_id), -2011);
  }
  order& o = orders_[it->second];
  if (!is_open(o)) reject("Unknown order sent (" + std::string(client_id) + " is no longer open).", -2011);
  close_order(o, sdk::order_status::canceled, now_ms);
  out.emplace_back(state_of(o));
  return state_of(o);
}

sdk::order_state matching_engine::query(std::string_view symbol, std::string_view client_id) const {
  const auto it = order_index_.find(std::string(client_id));
  if (it == order_index_.end() || orders_[it->second].request.symbol != symbol) {
    throw sdk::error(TB_E_NOT_FOUND, "Order does not exist: " + std::string(client_id), -2013);
  }
  return state_of(orders_[it->second]);
}

std::vector<sdk::order_state> matching_engine::open_orders(std::optional<std::size_t> symbol) const {
  std::vector<sdk::order_state> out;
  for (std::size_t k = 0; k < symbol_state_.size(); ++k) {
    if (symbol && *symbol != k) continue;
    for (const std::size_t i : symbol_state_[k].resting) out.push_back(state_of(orders_[i]));
  }
  return out;
}

std::vector<sdk::fill> matching_engine::fills(std::string_view symbol, std::string_view client_id) const {
  const auto it = order_index_.find(std::string(client_id));
  if (it == order_index_.end() || orders_[it->second].request.symbol != symbol) {
    throw sdk::error(TB_E_NOT_FOUND, "Order does not exist: " + std::string(client_id), -2013);
  }
  const order& o = orders_[it->second];
  std::vector<sdk::fill> out;
  for (const fill_record& r : o.fills) {
    sdk::fill f;
    f.direction = o.request.direction;
    f.symbol = o.request.symbol;
    f.client_order_id = o.request.client_order_id;
    f.trade_id = r.trade_id;
    f.quantity = format_qty(r.qty);
    f.price = format_price(r.price);
    f.commission = format_money(r.commission);
    f.commission_asset = settings_.quote_asset;
    f.realized_pnl = format_money(r.realized);
    f.maker = r.maker;
    f.time_ms = r.time_ms;
    out.push_back(std::move(f));
  }
  return out;
}

void matching_engine::set_leverage(std::size_t k, std::int32_t leverage) {
  if (leverage < 1 || leverage > settings_.max_leverage) {
    reject("Leverage " + std::to_string(leverage) + " is not valid (1.." + std::to_string(settings_.max_leverage) + ").", -4028);
  }
  symbol_state_[k].book.leverage = leverage;
  ++account_version_;
}

void matching_engine::set_margin_type(std::size_t k, sdk::margin_type type) {
  if (type != sdk::margin_type::cross && type != sdk::margin_type::isolated) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "margin type must be 1 (cross) or 2 (isolated)");
  }
  symbol_state& st = symbol_state_[k];
  if (st.book.margin == type) return;  // Binance answers -4046; the same outcome, no error
  if (st.book.open()) reject("Margin type cannot be changed if there exists position.", -4048);
  if (!st.resting.empty()) reject("Margin type cannot be changed if there exists open orders.", -4047);
  st.book.margin = type;
  ++account_version_;
}

sdk::order_state matching_engine::state_of(const order& o) const {
  sdk::order_state s;
  s.status = o.status;
  s.direction = o.request.direction;
  s.type = o.request.type;
  s.symbol = o.request.symbol;
  s.client_order_id = o.request.client_order_id;
  s.exchange_order_id = o.exchange_id;
  s.quantity = format_qty(o.qty);
  s.filled_quantity = format_qty(o.filled_qty);
  s.average_price = format_price(o.avg_price);
  if (conditional(o.request.type)) s.stop_price = format_price(o.stop);
  s.update_time_ms = o.update_ms;
  return s;
}

sdk::position matching_engine::position_of(std::size_t k, std::int64_t now_ms) const {
  const symbol_state& st = symbol_state_[k];
  sdk::position p;
  p.margin = st.book.margin;
  p.symbol = symbols_[k].name;
  p.quantity = format_qty(st.book.qty);
  p.entry_price = format_price(st.book.entry_price());
  p.mark_price = format_price(st.mark);
  p.unrealized_pnl = format_money(st.book.unrealized(st.mark));
  p.liquidation_price = format_price(
      liquidation_price(st.book, loss_budget(k), settings_.maintenance_margin_rate, symbols_[k].tick));
  p.leverage = st.book.leverage;
  p.update_time_ms = now_ms;
  return p;
}

std::vector<sdk::position> matching_engine::positions(std::int64_t now_ms) const {
  std::vector<sdk::position> out;
  for (std::size_t k = 0; k < symbol_state_.size(); ++k) {
    if (symbol_state_[k].book.open()) out.push_back(position_of(k, now_ms));
  }
  return out;
}

sdk::balance matching_engine::balance(std::int64_t now_ms) const {
  std::int64_t unrealized = 0;
  for (const symbol_state& s : symbol_state_) unrealized += s.book.unrealized(s.mark);
  sdk::balance b;
  b.asset = settings_.quote_asset;
  b.wallet_balance = format_money(wallet_);
  b.available_balance = format_money(std::max<std::int64_t>(0, available()));
  b.unrealized_pnl = format_money(unrealized);
  b.update_time_ms = now_ms;
  return b;
}

}  // namespace tb::exchange_sim
