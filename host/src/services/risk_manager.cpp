#include "services/risk_manager.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <tuple>
#include <utility>

#include "services/order_grid.hpp"
#include "services/utc_time.hpp"

namespace tb::host {
namespace {

// Ten significant digits: enough for a log line, and 0.1 + 0.2 prints as 0.3.
std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string_view field_text(const char* text, std::size_t cap) {
  return {text, strnlen(text, cap)};
}

struct refusal {
  risk_rejection why = risk_rejection::none;
  std::string reason;
};

struct symbol_filters {
  decimal tick;
  decimal step;
  decimal min_qty;
  decimal max_qty;       // zero: no maximum
  decimal min_notional;  // zero: no minimum
  std::string quote;
};

// A filter as exact decimal text; an empty optional filter reads as zero (none).
std::optional<refusal> parse_filter(const tb_symbol_info& info, const char* name, const char* text,
                                    bool required, decimal& out) {
  const std::string_view written = field_text(text, TB_DECIMAL_CAP);
  if (written.empty() && !required) return std::nullopt;
  if (auto value = decimal::parse(written)) {
    out = *value;
    return std::nullopt;
  }
  return refusal{risk_rejection::bad_symbol_info,
                 std::string(field_text(info.symbol, TB_SYMBOL_CAP)) + ": filter " + name + " '" +
                     std::string(written) + "' is not a plain decimal; refresh the exchange info"};
}

std::optional<refusal> read_filters(const trade_signal& signal, const tb_symbol_info& info,
                                    symbol_filters& out) {
  const std::string symbol(field_text(info.symbol, TB_SYMBOL_CAP));
  if (symbol != signal.symbol) {
    return refusal{risk_rejection::bad_symbol_info,
                   signal.symbol + ": symbol info is for '" + symbol + "'; pass the signal's own"};
  }
  if (info.status != TB_SYMBOL_TRADING) {
    return refusal{risk_rejection::bad_symbol_info,
                   symbol + ": not TRADING (status " + std::to_string(info.status) + ")"};
  }
  for (auto [name, text, required, target] :
       {std::tuple{"tick_size", info.tick_size, true, &out.tick},
        std::tuple{"step_size", info.step_size, true, &out.step},
        std::tuple{"min_qty", info.min_qty, true, &out.min_qty},
        std::tuple{"max_qty", info.max_qty, false, &out.max_qty},
        std::tuple{"min_notional", info.min_notional, false, &out.min_notional}}) {
    if (auto problem = parse_filter(info, name, text, required, *target)) return problem;
  }
  if (out.tick.is_zero() || out.step.is_zero()) {
    return refusal{risk_rejection::bad_symbol_info,
                   symbol + ": tick_size and step_size must be positive, got " +
                       out.tick.to_string() + " and " + out.step.to_string()};
  }
  out.quote = std::string(field_text(info.quote_asset, sizeof info.quote_asset));
  return std::nullopt;
}

std::optional<refusal> check_positions(const trade_signal& signal,
                                       const std::vector<open_position>& positions,
                                       std::uint32_t max_open) {
  for (const auto& p : positions) {
    if (p.symbol == signal.symbol) {
      return refusal{risk_rejection::position_open,
                     signal.symbol + ": a " + side_name(p.side) +
                         " position is already open; one position per symbol"};
    }
  }
  if (positions.size() >= max_open) {
    return refusal{risk_rejection::max_positions,
                   signal.symbol + ": " + std::to_string(positions.size()) +
                       " positions are open, max_open_positions is " + std::to_string(max_open)};
  }
  return std::nullopt;
}

struct plan_prices {
  decimal entry;
  decimal stop;
  decimal take_profit;
  decimal distance;  // |entry - stop| > 0
};

std::optional<refusal> grid_prices(const trade_signal& s, const symbol_filters& f,
                                   std::uint32_t leverage, plan_prices& out) {
  const auto entry = price_on_grid(s.entry, price_role::entry, s.side, f.tick);
  const auto stop = price_on_grid(s.stop_loss, price_role::stop_loss, s.side, f.tick);
  const auto target = price_on_grid(s.take_profit, price_role::take_profit, s.side, f.tick);
  if (!entry || !stop || !target) {
    return refusal{risk_rejection::too_large, s.symbol + ": a price is out of the exact range"};
  }
  const bool is_long = s.side == TB_SIDE_LONG;
  const bool stop_ok = !stop->is_zero() && (is_long ? *stop < *entry : *stop > *entry);
  const bool target_ok = is_long ? *target > *entry : *target < *entry;
  if (!stop_ok || !target_ok) {
    return refusal{risk_rejection::prices_off_grid,
                   s.symbol + ": on tick " + f.tick.to_string() + " the " + side_name(s.side) +
                       " prices become entry " + entry->to_string() + ", stop " +
                       stop->to_string() + ", take-profit " + target->to_string() +
                       ": the stop must be " + (is_long ? "below" : "above") +
                       " the entry and the take-profit " + (is_long ? "above" : "below")};
  }
  out = {*entry, *stop, *target, distance(*entry, *stop)};
  // Loss at the stop below the initial margin: distance * leverage < entry.
  const auto lever_distance = multiply(out.distance, decimal::from_int(leverage));
  if (!lever_distance || *lever_distance >= out.entry) {
    return refusal{risk_rejection::stop_beyond_liquidation,
                   s.symbol + ": the stop " + out.stop.to_string() + " is " +
                       out.distance.to_string() + " from the entry " + out.entry.to_string() +
                       ", at or past the liquidation distance entry / " + std::to_string(leverage) +
                       "x; lower max_leverage or tighten the stop"};
  }
  return std::nullopt;
}

struct sized {
  decimal quantity;
  decimal risk_budget;     // equity * risk% in quote currency
  decimal margin_budget;   // max_leverage * available margin
  std::string limited_by;  // the cap that bound the quantity, or empty
};

// A cap that could not be computed exactly refuses the order rather than being skipped.
bool apply_cap(sized& out, const std::optional<decimal>& cap, const char* name) {
  if (!cap) return false;
  if (*cap < out.quantity) {
    out.quantity = *cap;
    out.limited_by = name;
  }
  return true;
}

std::optional<refusal> size_quantity(const trade_signal& s, const account_view& account,
                                     const risk_settings& settings, const symbol_filters& f,
                                     const plan_prices& prices, sized& out) {
  const refusal too_large{risk_rejection::too_large,
                          s.symbol + ": the sizing numbers are out of the exact range"};
  const auto risk = decimal::from_double(account.equity * settings.risk_per_trade_percent / 100);
  const auto margin = decimal::from_double(account.available_margin);
  if (!risk || !margin) return too_large;
  const auto budget = multiply(decimal::from_int(settings.max_leverage), *margin);
  const auto quantity = floor_quotient(*risk, prices.distance, f.step);
  if (!budget || !quantity) return too_large;
  out = {*quantity, *risk, *budget, ""};
  if (settings.max_notional_per_position > 0) {
    const auto cap = decimal::from_double(settings.max_notional_per_position);
    if (!cap ||
        !apply_cap(out, floor_quotient(*cap, prices.entry, f.step), "max_notional_per_position")) {
      return too_large;
    }
  }
  if (!apply_cap(out, floor_quotient(out.margin_budget, prices.entry, f.step),
                 "max_leverage x available margin")) {
    return too_large;
  }
  if (!f.max_qty.is_zero() &&
      !apply_cap(out, round_to_grid(f.max_qty, f.step, rounding::down), "max_qty")) {
    return too_large;
  }
  return std::nullopt;
}

std::string sizing_text(const sized& q, const plan_prices& p, const symbol_filters& f) {
  std::string text = "risk " + q.risk_budget.to_string() + " " + f.quote + " / stop distance " +
                     p.distance.to_string() + ", floored to step " + f.step.to_string();
  if (!q.limited_by.empty()) text += ", limited by " + q.limited_by;
  return text;
}

std::optional<refusal> check_minimums(const trade_signal& s, const sized& q, const plan_prices& p,
                                      const symbol_filters& f, decimal& notional) {
  if (q.quantity.is_zero() || q.quantity < f.min_qty) {
    return refusal{risk_rejection::below_min_qty,
                   s.symbol + ": quantity " + q.quantity.to_string() + " (" + sizing_text(q, p, f) +
                       ") is below min_qty " + f.min_qty.to_string() + "; refused, not rounded up"};
  }
  const auto product = multiply(q.quantity, p.entry);
  if (!product) return refusal{risk_rejection::too_large, s.symbol + ": notional out of range"};
  notional = *product;
  if (notional < f.min_notional) {
    return refusal{risk_rejection::below_min_notional,
                   s.symbol + ": notional " + notional.to_string() + " " + f.quote + " (quantity " +
                       q.quantity.to_string() + " x entry " + p.entry.to_string() +
                       ") is below min_notional " + f.min_notional.to_string() +
                       "; refused, not rounded up"};
  }
  return std::nullopt;
}

order_plan make_plan(const trade_signal& s, const risk_settings& settings, const sized& q,
                     const plan_prices& p, const decimal& notional, const symbol_filters& f) {
  order_plan plan;
  plan.symbol = s.symbol;
  plan.side = s.side;
  plan.entry_type = settings.entry_order;
  plan.quantity = q.quantity.to_string();
  plan.entry_price = p.entry.to_string();
  plan.stop_price = p.stop.to_string();
  plan.take_profit_price = p.take_profit.to_string();
  plan.leverage = settings.max_leverage;
  plan.margin = settings.margin;
  if (settings.entry_order == entry_order_type::limit) plan.limit_timeout = settings.limit_timeout;
  plan.notional = notional.to_string();
  // In range: quantity * distance <= the risk budget, itself below 10^18.
  plan.risk_amount = multiply(q.quantity, p.distance).value_or(decimal{}).to_string();
  plan.summary = s.symbol + " " + side_name(s.side) + " " + to_string(plan.entry_type) + " qty " +
                 plan.quantity + " @ " + plan.entry_price + " stop " + plan.stop_price + " tp " +
                 plan.take_profit_price + " " + std::to_string(plan.leverage) + "x " +
                 to_string(plan.margin) + " notional " + plan.notional + " " + f.quote + " risk " +
                 plan.risk_amount + " " + f.quote +
                 (q.limited_by.empty() ? "" : " (limited by " + q.limited_by + ")") + " [" +
                 s.strategy + ", confidence " + number(s.confidence) + "]";
  return plan;
}

}  // namespace

const char* to_string(risk_rejection value) noexcept {
  switch (value) {
    case risk_rejection::none:
      return "none";
    case risk_rejection::locked:
      return "locked";
    case risk_rejection::invalid_signal:
      return "invalid_signal";
    case risk_rejection::bad_symbol_info:
      return "bad_symbol_info";
    case risk_rejection::position_open:
      return "position_open";
    case risk_rejection::max_positions:
      return "max_positions";
    case risk_rejection::cooldown:
      return "cooldown";
    case risk_rejection::prices_off_grid:
      return "prices_off_grid";
    case risk_rejection::no_equity:
      return "no_equity";
    case risk_rejection::below_min_qty:
      return "below_min_qty";
    case risk_rejection::below_min_notional:
      return "below_min_notional";
    case risk_rejection::stop_beyond_liquidation:
      return "stop_beyond_liquidation";
    case risk_rejection::too_large:
      return "too_large";
  }
  return "unknown";
}

const char* to_string(margin_type value) noexcept {
  return value == margin_type::cross ? "cross" : "isolated";
}

const char* to_string(entry_order_type value) noexcept {
  return value == entry_order_type::limit ? "limit" : "market";
}

risk_manager::risk_manager(risk_settings settings) : settings_(std::move(settings)) {}

lock_update risk_manager::update_locks(const account_view& account, std::int64_t now_ms) {
  lock_update out;
  if (daily_lock_ && utc_day(daily_lock_->since_ms) != utc_day(now_ms)) daily_lock_.reset();
  // Compared as products, not quotients, so a limit hit exactly (30 of 1000 at 3%) locks.
  const double max_dd = settings_.max_drawdown_percent;
  const double peak = account.equity_peak;
  if (!drawdown_lock_ && max_dd > 0 && peak > 0 && (peak - account.equity) * 100 >= max_dd * peak) {
    drawdown_lock_ =
        risk_lock{risk_lock_kind::drawdown, now_ms,
                  "drawdown limit: equity " + number(account.equity) + " is " +
                      number((peak - account.equity) / peak * 100) + "% below the peak " +
                      number(peak) + " (max_drawdown_percent " + number(max_dd) +
                      "); new entries are paused until the lock is reset by hand"};
    out.started = true;
  }
  const double limit = settings_.daily_loss_limit_percent;
  const double start = account.equity - account.day_realized_pnl;
  const double loss = -account.day_realized_pnl;
  if (!daily_lock_ && limit > 0 && start > 0 && loss > 0 && loss * 100 >= limit * start) {
    daily_lock_ =
        risk_lock{risk_lock_kind::daily_loss, now_ms,
                  "daily loss limit: realized PnL today " + number(account.day_realized_pnl) +
                      " is " + number(loss / start * 100) + "% of the day's starting equity " +
                      number(start) + " (daily_loss_limit_percent " + number(limit) +
                      "); new entries are paused until 00:00 UTC"};
    out.started = true;
  }
  out.lock = locked(now_ms);
  return out;
}

std::optional<risk_lock> risk_manager::locked(std::int64_t now_ms) const {
  if (drawdown_lock_) return drawdown_lock_;
  if (daily_lock_ && utc_day(daily_lock_->since_ms) == utc_day(now_ms)) return daily_lock_;
  return std::nullopt;
}

bool risk_manager::reset_drawdown_lock() {
  const bool was = drawdown_lock_.has_value();
  drawdown_lock_.reset();
  return was;
}

void risk_manager::record_stop_loss(const std::string& symbol, std::int64_t time_ms) {
  auto [it, inserted] = last_stop_ms_.emplace(symbol, time_ms);
  if (!inserted) it->second = std::max(it->second, time_ms);
}

risk_decision risk_manager::evaluate(const trade_signal& signal, const account_view& account,
                                     const std::vector<open_position>& positions,
                                     const tb_symbol_info& info, std::int64_t now_ms) {
  risk_decision decision;
  const lock_update locks = update_locks(account, now_ms);
  decision.lock_started = locks.started;
  const auto refuse = [&decision](refusal r) {
    decision.rejection = r.why;
    decision.reason = std::move(r.reason);
    return decision;
  };
  if (locks.lock)
    return refuse({risk_rejection::locked, signal.symbol + ": " + locks.lock->reason});
  if (auto problem = signal_problem(signal); !problem.empty()) {
    return refuse({risk_rejection::invalid_signal, signal.symbol + ": " + problem});
  }
  symbol_filters filters;
  if (auto r = read_filters(signal, info, filters)) return refuse(std::move(*r));
  if (auto r = check_positions(signal, positions, settings_.max_open_positions)) {
    return refuse(std::move(*r));
  }
  if (auto it = last_stop_ms_.find(signal.symbol); it != last_stop_ms_.end()) {
    const std::int64_t until = it->second + settings_.stop_loss_cooldown.count();
    if (now_ms < until) {
      return refuse({risk_rejection::cooldown,
                     signal.symbol + ": stop-loss cooldown until " + utc_text(until) + " (" +
                         std::to_string((until - now_ms + 59'999) / 60'000) +
                         " min left, stop_loss_cooldown " +
                         std::to_string(settings_.stop_loss_cooldown.count() / 60'000) + " min)"});
    }
  }
  plan_prices prices;
  if (auto r = grid_prices(signal, filters, settings_.max_leverage, prices)) {
    return refuse(std::move(*r));
  }
  if (!(account.equity > 0) || !(account.available_margin > 0)) {
    return refuse({risk_rejection::no_equity,
                   signal.symbol + ": equity " + number(account.equity) + " and available margin " +
                       number(account.available_margin) + " must both be positive"});
  }
  sized quantity;
  if (auto r = size_quantity(signal, account, settings_, filters, prices, quantity)) {
    return refuse(std::move(*r));
  }
  decimal notional;
  if (auto r = check_minimums(signal, quantity, prices, filters, notional)) {
    return refuse(std::move(*r));
  }
  decision.plan = make_plan(signal, settings_, quantity, prices, notional, filters);
  return decision;
}

}  // namespace tb::host
