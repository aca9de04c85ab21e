#include "services/execution_service.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "services/client_order_id.hpp"
#include "services/order_records.hpp"

namespace tb::host {

const char* to_string(execution_outcome value) noexcept {
  switch (value) {
    case execution_outcome::rejected: return "rejected";
    case execution_outcome::duplicate: return "duplicate";
    case execution_outcome::entered: return "entered";
    case execution_outcome::failed: return "failed";
    case execution_outcome::unknown: return "unknown";
  }
  return "?";
}

execution_service::execution_service(order_gateway& gateway, trade_journal& journal,
                                     risk_manager& risk, alert_manager& alerts, const clock& clk,
                                     std::shared_ptr<spdlog::logger> log,
                                     execution_settings settings)
    : gateway_(gateway),
      journal_(journal),
      risk_(risk),
      alerts_(alerts),
      clock_(clk),
      log_(std::move(log)),
      settings_(settings),
      ledger_(gateway, journal, clk, settings.call_timeout),
      sender_(gateway, journal, ledger_, clk, settings.call_timeout) {}

tb_order_state execution_service::await_limit_entry(const order_plan& plan, const std::string& id,
                                                    tb_order_state state) {
  const auto still_open = [](const tb_order_state& s) {
    return s.state == TB_ORDER_STATE_NEW || s.state == TB_ORDER_STATE_PARTIALLY_FILLED;
  };
  const std::int64_t until =
      clock_.monotonic_ns() +
      std::chrono::duration_cast<std::chrono::nanoseconds>(plan.limit_timeout).count();
  while (still_open(state)) {
    const std::int64_t now = clock_.monotonic_ns();
    if (now >= until) break;
    sleep_until(clock_, std::min(until, now + settings_.limit_poll_ns));
    tb_order_state latest{};
    if (gateway_.query_order(plan.symbol, id, deadline(), latest).ok()) state = latest;
  }
  if (still_open(state)) {
    // Out of time: what filled is kept and protected, the rest is withdrawn.
    tb_order_state cancelled{};
    const auto status = gateway_.cancel_order(plan.symbol, id, deadline(), cancelled);
    tb_order_state final_state{};
    if (gateway_.query_order(plan.symbol, id, deadline(), final_state).ok()) {
      state = final_state;
    } else if (status.ok()) {
      state = cancelled;
    }
    log_->info("limit entry {}: {} of {} filled within {} s; the rest cancelled", id,
               amount(state.filled_quantity), plan.quantity, plan.limit_timeout.count() / 1000);
  }
  journal_.update_order({id, journal_state(state.state), std::string(state.exchange_order_id),
                         amount(state.filled_quantity), clock_.wall_ms()});
  if (has_fill(state)) ledger_.settle(state);
  return state;
}

execution_result execution_service::execute_signal(const trade_signal& signal,
                                                   const tb_symbol_info& info,
                                                   const account_view& account,
                                                   const std::vector<open_position>& positions) {
  std::lock_guard lock(mutex_);
  execution_result result;
  const std::int64_t now = clock_.wall_ms();
  risk_decision decision = risk_.evaluate(signal, account, positions, info, now);
  if (decision.lock_started) {
    alerts_.raise("risk.lock", alert_severity::critical, "New entries paused", decision.reason);
  }
  if (!decision.accepted()) {
    log_->info("signal {} {} refused: {}", signal.symbol, side_name(signal.side), decision.reason);
    result.reason = decision.reason;
    return result;
  }
  const order_plan& plan = *decision.plan;
  result.plan = plan;

  const std::string key = intent_key(signal);
  if (const auto known = journal_.intent_by_client_id(key)) {
    result.outcome = execution_outcome::duplicate;
    result.intent_id = known->id;
    result.reason = "intent " + key + " is already journalled (" +
                    std::string(name_of(known->state)) + "); nothing is sent twice";
    log_->warn("signal {} {}: {}", signal.symbol, side_name(signal.side), result.reason);
    return result;
  }
  intent_record intent;
  intent.client_id = key;
  intent.symbol = plan.symbol;
  intent.side = plan.side == TB_SIDE_LONG ? position_side::long_side : position_side::short_side;
  intent.quantity = plan.quantity;
  intent.entry_price = plan.entry_price;
  intent.stop_price = plan.stop_price;
  intent.take_profit = plan.take_profit_price;
  intent.strategy = signal.strategy;
  intent.reason = signal.reason;
  intent.created_ms = now;
  intent.mode = settings_.mode;
  intent.id = result.intent_id = journal_.record_intent(intent);
  log_->info("intent {}: {}", key, plan.summary);

  const auto fail = [&](execution_outcome outcome, const std::string& why) {
    journal_.update_intent_state(intent.id,
                                 outcome == execution_outcome::unknown ? intent_state::unknown
                                                                       : intent_state::failed,
                                 clock_.wall_ms(), why);
    log_->warn("intent {}: {}: {}", key, to_string(outcome), why);
    result.outcome = outcome;
    result.reason = why;
    return result;
  };

  const auto margin =
      gateway_.set_margin_type(plan.symbol, plan.margin == margin_type::isolated ? 2 : 1, deadline());
  if (!margin.ok()) return fail(execution_outcome::failed, "margin type: " + margin.describe());
  const auto leverage =
      gateway_.set_leverage(plan.symbol, static_cast<std::int32_t>(plan.leverage), deadline());
  if (!leverage.ok()) return fail(execution_outcome::failed, "leverage: " + leverage.describe());

  journal_.update_intent_state(intent.id, intent_state::sent, clock_.wall_ms());
  const bool limit = plan.entry_type == entry_order_type::limit;
  const std::string entry_id = client_order_id(key, order_role::entry);
  tb_order_request request = make_order_request(
      plan.symbol, plan.side, limit ? TB_ORDER_LIMIT : TB_ORDER_MARKET, plan.quantity, "", entry_id, 0);
  if (limit) {
    copy_text(request.price, plan.entry_price);
    request.time_in_force = TB_TIF_GTC;
  }
  const sent_order entry = sender_.send(intent.id, order_role::entry, request, plan.quantity);
  if (!entry.status.ok()) {
    return fail(uncertain(entry.status.code) ? execution_outcome::unknown : execution_outcome::failed,
                "entry: " + entry.status.describe());
  }
  const tb_order_state filled = limit ? await_limit_entry(plan, entry_id, entry.state) : entry.state;
  if (!has_fill(filled)) {
    if (limit && (filled.state == TB_ORDER_STATE_CANCELED || filled.state == TB_ORDER_STATE_EXPIRED)) {
      return fail(execution_outcome::failed, "the limit entry at " + plan.entry_price +
                                                 " was not filled within its timeout; cancelled");
    }
    return fail(execution_outcome::unknown, "the entry is not filled yet");
  }

  trade_record trade;
  trade.intent_id = intent.id;
  trade.symbol = plan.symbol;
  trade.side = intent.side;
  trade.quantity = amount(filled.filled_quantity);
  trade.entry_price = amount(filled.average_price);
  trade.fees = ledger_.costs_of_intent(intent.id).fees;
  trade.opened_ms = clock_.wall_ms();
  trade.mode = settings_.mode;
  trade.id = journal_.open_trade(trade);
  result.trade_id = trade.id;
  journal_.update_intent_state(intent.id, intent_state::open, clock_.wall_ms());
  if (listener_ != nullptr) listener_->trade_opened(trade, intent);

  const std::int32_t exit_side = opposite_side(plan.side);
  const sent_order stop = sender_.send(intent.id, order_role::stop,
                           make_order_request(plan.symbol, exit_side, TB_ORDER_STOP_MARKET, "",
                                       plan.stop_price, client_order_id(key, order_role::stop),
                                       TB_ORDER_CLOSE_POSITION),
                           trade.quantity);
  if (!stop.status.ok()) {
    close_unprotected(intent, trade, "stop-loss: " + stop.status.describe());
    result.outcome = execution_outcome::failed;
    result.reason = "the stop-loss could not be placed (" + stop.status.describe() +
                    "); the position was closed at market";
    return result;
  }
  const sent_order target =
      sender_.send(intent.id, order_role::take_profit,
           make_order_request(plan.symbol, exit_side, TB_ORDER_TAKE_PROFIT_MARKET, "",
                       plan.take_profit_price, client_order_id(key, order_role::take_profit),
                       TB_ORDER_CLOSE_POSITION),
           trade.quantity);
  // The price ran past the target while the entry filled: the exchange refuses a target
  // that would trigger at once, so the profit is taken at market instead.
  if (target.status.remote_code == would_trigger_at_once &&
      close_position(intent, exit_reason::take_profit,
                     "the price passed the take-profit before it could be placed")) {
    result.outcome = execution_outcome::entered;
    result.reason = "entered and closed at once: the price had passed the take-profit";
    return result;
  }
  if (!target.status.ok()) {
    alerts_.raise("execution.no_target." + plan.symbol, alert_severity::warning,
                  "Take-profit not placed for " + plan.symbol,
                  "the stop-loss protects the position; " + target.status.describe());
  }
  log_->info("intent {}: {} {} {} at {}, stop {}, target {}", key, side_name(plan.side),
             trade.quantity, plan.symbol, trade.entry_price, plan.stop_price,
             target.status.ok() ? plan.take_profit_price : std::string("none"));
  result.outcome = execution_outcome::entered;
  return result;
}

std::int64_t execution_service::deadline() const {
  return deadline_after(clock_, settings_.call_timeout);
}

exchange_status execution_service::cancel(const std::string& symbol, const std::string& id) {
  tb_order_state cancelled{};
  const exchange_status status = gateway_.cancel_order(symbol, id, deadline(), cancelled);
  if (status.ok() && journal_.order_by_client_id(id)) {
    journal_.update_order({id, order_state::canceled, {}, {}, clock_.wall_ms()});
  }
  return status;
}

void execution_service::set_trade_listener(trade_listener* listener) {
  std::lock_guard guard(mutex_);
  listener_ = listener;
}

void execution_service::record_close(const intent_record& intent, std::int64_t trade_id,
                                     const trade_close& close) {
  journal_.close_trade(trade_id, close);
  if (listener_ == nullptr) return;
  if (const auto closed = journal_.trade(trade_id)) listener_->trade_closed(*closed, intent);
}

sent_order execution_service::close_at_market(const intent_record& intent,
                                                              const trade_record& trade,
                                                              exit_reason reason,
                                                              const std::string& why) {
  const unsigned attempt = last_attempt(journal_, intent.id, order_role::close) + 1;
  const sent_order close =
      sender_.send(intent.id, order_role::close,
           make_order_request(intent.symbol, opposite_side(side_of(intent.side)), TB_ORDER_MARKET,
                              trade.quantity, "",
                              client_order_id(intent.client_id, order_role::close, attempt),
                              TB_ORDER_REDUCE_ONLY),
           trade.quantity);
  if (close.filled()) {
    const fill_totals exit = ledger_.settle(close.state);
    record_close(intent, trade.id, ledger_.closing(intent.id, exit, close.state, reason));
    journal_.update_intent_state(intent.id, intent_state::closed, clock_.wall_ms(), why);
  }
  return close;
}

void execution_service::close_unprotected(const intent_record& intent, const trade_record& trade,
                                          const std::string& why) {
  const sent_order close = close_at_market(intent, trade, exit_reason::manual, why + "; closed at market");
  const std::string key = "execution.unprotected." + intent.symbol;
  if (close.filled()) {
    alerts_.raise(key, alert_severity::critical, "Position closed: no stop-loss for " + intent.symbol,
                  why + "; the position was closed at market");
    return;
  }
  journal_.update_intent_state(intent.id, intent_state::unknown, clock_.wall_ms(),
                               why + "; closing at market failed: " + close.status.describe());
  alerts_.raise(key, alert_severity::critical, "Position without a stop-loss: " + intent.symbol,
                why + "; closing it at market failed too (" + close.status.describe() +
                    "): act now");
}

void execution_service::on_order_update(const tb_order_state& order) {
  const auto parsed = parse_client_order_id(order.client_order_id);
  if (!parsed) return;  // not ours
  std::lock_guard lock(mutex_);
  const std::string id = order.client_order_id;
  if (journal_.order_by_client_id(id)) {
    order_update update;
    update.client_id = id;
    update.state = journal_state(order.state);
    update.filled_quantity = amount(order.filled_quantity);
    update.time_ms = clock_.wall_ms();
    journal_.update_order(update);
  }
  const bool protective = parsed->role == order_role::stop || parsed->role == order_role::take_profit;
  if (!protective || order.state != TB_ORDER_STATE_FILLED) return;

  const auto intent = journal_.intent_by_client_id(parsed->intent_key);
  if (!intent || intent->state != intent_state::open) return;
  std::optional<trade_record> trade;
  for (auto& t : journal_.open_trades()) {
    if (t.intent_id == intent->id) trade = t;
  }
  if (!trade) return;
  const bool stopped = parsed->role == order_role::stop;
  const fill_totals exit = ledger_.settle(order);
  const trade_close close = ledger_.closing(
      intent->id, exit, order, stopped ? exit_reason::stop_loss : exit_reason::take_profit);
  record_close(*intent, trade->id, close);
  journal_.update_intent_state(intent->id, intent_state::closed, clock_.wall_ms(),
                               stopped ? "stop-loss filled" : "take-profit filled");
  // The sibling would otherwise close a later position on the same symbol.
  // (Its attempt number is its own: a stop moved to break-even is "-s2" beside "-t1".)
  const order_role other = stopped ? order_role::take_profit : order_role::stop;
  const std::string sibling = client_order_id(
      parsed->intent_key, other, std::max(1u, live_attempt(journal_, intent->id, other)));
  const auto status = cancel(intent->symbol, sibling);
  if (stopped) risk_.record_stop_loss(intent->symbol, clock_.wall_ms());
  log_->info("intent {}: {} filled at {}, realized {}, fees {} {}", parsed->intent_key,
             stopped ? "stop-loss" : "take-profit", close.exit_price, close.realized_pnl, close.fees,
             status.ok() ? "" : "(cancelling " + sibling + ": " + status.describe() + ")");
}

bool execution_service::move_stop(const intent_record& intent, const std::string& price,
                                  const std::string& why) {
  std::lock_guard lock(mutex_);
  const unsigned live = live_attempt(journal_, intent.id, order_role::stop);
  const auto trade = open_trade_of(journal_, intent.id);
  if (!trade || live == 0) return false;
  const std::string old_id = client_order_id(intent.client_id, order_role::stop, live);
  const std::string new_id = client_order_id(intent.client_id, order_role::stop,
                                             last_attempt(journal_, intent.id, order_role::stop) + 1);
  const sent_order moved =
      sender_.send(intent.id, order_role::stop,
           make_order_request(intent.symbol, opposite_side(side_of(intent.side)), TB_ORDER_STOP_MARKET,
                              "", price, new_id, TB_ORDER_CLOSE_POSITION),
           trade->quantity);
  if (!moved.status.ok()) {
    log_->warn("intent {}: moving the stop to {} ({}) was refused: {}; {} stays", intent.client_id,
               price, why, moved.status.describe(), old_id);
    return false;
  }
  const auto status = cancel(intent.symbol, old_id);
  log_->info("intent {}: stop moved to {} ({}): {} replaces {}{}", intent.client_id, price, why,
             new_id, old_id, status.ok() ? "" : " (cancelling it: " + status.describe() + ")");
  return true;
}

bool execution_service::close_position(const intent_record& intent, exit_reason reason,
                                       const std::string& why) {
  std::lock_guard lock(mutex_);
  const auto trade = open_trade_of(journal_, intent.id);
  if (!trade) return false;
  const sent_order close = close_at_market(intent, *trade, reason, why);
  if (!close.filled()) {
    log_->warn("intent {}: closing at market ({}) failed: {}", intent.client_id, why,
               close.status.ok() ? "not filled" : close.status.describe());
    return false;
  }
  for (const order_role role : {order_role::stop, order_role::take_profit}) {
    if (const unsigned n = live_attempt(journal_, intent.id, role); n > 0) {
      cancel(intent.symbol, client_order_id(intent.client_id, role, n));
    }
  }
  log_->info("intent {}: closed at market at {} ({})", intent.client_id, close.state.average_price, why);
  return true;
}

}  // namespace tb::host
