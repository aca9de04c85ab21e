#include "services/execution_service.hpp"

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
      settings_(settings) {}

execution_service::placed execution_service::send(std::int64_t intent_id, order_role role,
                                                  const tb_order_request& request,
                                                  const std::string& quantity) {
  const std::int64_t now = clock_.wall_ms();
  const std::string id = request.client_order_id;
  if (!journal_.order_by_client_id(id)) {
    order_record record;
    record.intent_id = intent_id;
    record.client_id = id;
    record.role = role;
    record.type = order_type_name(request.type);
    record.side = order_side_of(request.side);
    record.quantity = quantity;
    if (*request.stop_price != '\0') record.stop_price = request.stop_price;
    record.created_ms = now;
    journal_.record_order(record);
  }
  placed out;
  out.status = gateway_.place_order(request, deadline_after(clock_, settings_.call_timeout), out.state);
  if (uncertain(out.status.code)) {
    // Never resend blindly: ask for the id first.
    tb_order_state found{};
    const exchange_status asked = gateway_.query_order(request.symbol, id, deadline_after(clock_, settings_.call_timeout), found);
    if (asked.ok()) {
      out.status = asked;
      out.state = found;
    }
  }
  order_update update;
  update.client_id = id;
  update.time_ms = clock_.wall_ms();
  if (out.status.ok()) {
    update.state = journal_state(out.state.state);
    if (*out.state.exchange_order_id != '\0') update.exchange_order_id = out.state.exchange_order_id;
    update.filled_quantity = amount(out.state.filled_quantity);
  } else {
    update.state = uncertain(out.status.code) ? order_state::unknown : order_state::rejected;
  }
  journal_.update_order(update);
  if (out.status.ok() && has_fill(out.state)) {
    journal_.record_fill(fill_of(out.state, update.time_ms));
  }
  return out;
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
      gateway_.set_margin_type(plan.symbol, plan.margin == margin_type::isolated ? 2 : 1, deadline_after(clock_, settings_.call_timeout));
  if (!margin.ok()) return fail(execution_outcome::failed, "margin type: " + margin.describe());
  const auto leverage =
      gateway_.set_leverage(plan.symbol, static_cast<std::int32_t>(plan.leverage), deadline_after(clock_, settings_.call_timeout));
  if (!leverage.ok()) return fail(execution_outcome::failed, "leverage: " + leverage.describe());

  journal_.update_intent_state(intent.id, intent_state::sent, clock_.wall_ms());
  const placed entry = send(intent.id, order_role::entry,
                            make_order_request(plan.symbol, plan.side, TB_ORDER_MARKET, plan.quantity, "",
                                        client_order_id(key, order_role::entry), 0),
                            plan.quantity);
  if (!entry.status.ok()) {
    return fail(uncertain(entry.status.code) ? execution_outcome::unknown : execution_outcome::failed,
                "entry: " + entry.status.describe());
  }
  if (!has_fill(entry.state)) {
    return fail(execution_outcome::unknown, "the market entry is not filled yet");
  }

  trade_record trade;
  trade.intent_id = intent.id;
  trade.symbol = plan.symbol;
  trade.side = intent.side;
  trade.quantity = entry.state.filled_quantity;
  trade.entry_price = entry.state.average_price;
  trade.fees = amount(entry.state.commission);
  trade.opened_ms = clock_.wall_ms();
  trade.mode = settings_.mode;
  const std::int64_t trade_id = journal_.open_trade(trade);
  result.trade_id = trade_id;
  journal_.update_intent_state(intent.id, intent_state::open, clock_.wall_ms());

  const std::int32_t exit_side = opposite_side(plan.side);
  const placed stop = send(intent.id, order_role::stop,
                           make_order_request(plan.symbol, exit_side, TB_ORDER_STOP_MARKET, "",
                                       plan.stop_price, client_order_id(key, order_role::stop),
                                       TB_ORDER_CLOSE_POSITION),
                           trade.quantity);
  if (!stop.status.ok()) {
    close_unprotected(intent, trade_id, trade.quantity, "stop-loss: " + stop.status.describe());
    result.outcome = execution_outcome::failed;
    result.reason = "the stop-loss could not be placed (" + stop.status.describe() +
                    "); the position was closed at market";
    return result;
  }
  const placed target =
      send(intent.id, order_role::take_profit,
           make_order_request(plan.symbol, exit_side, TB_ORDER_TAKE_PROFIT_MARKET, "",
                       plan.take_profit_price, client_order_id(key, order_role::take_profit),
                       TB_ORDER_CLOSE_POSITION),
           trade.quantity);
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

void execution_service::close_unprotected(const intent_record& intent, std::int64_t trade_id,
                                          const std::string& quantity, const std::string& why) {
  const std::int32_t side = side_of(intent.side);
  const placed close =
      send(intent.id, order_role::close,
           make_order_request(intent.symbol, opposite_side(side), TB_ORDER_MARKET, quantity, "",
                       client_order_id(intent.client_id, order_role::close), TB_ORDER_REDUCE_ONLY),
           quantity);
  const std::string key = "execution.unprotected." + intent.symbol;
  if (close.status.ok() && has_fill(close.state)) {
    const auto trade = journal_.trade(trade_id);
    journal_.close_trade(trade_id, {amount(close.state.average_price),
                                    amount(close.state.realized_pnl),
                                    decimal_add(trade->fees, amount(close.state.commission)),
                                    clock_.wall_ms(), exit_reason::manual});
    journal_.update_intent_state(intent.id, intent_state::closed, clock_.wall_ms(),
                                 why + "; closed at market");
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
    if (has_fill(order)) {
      journal_.record_fill(fill_of(order, update.time_ms));
    }
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
  journal_.close_trade(trade->id,
                       {amount(order.average_price), amount(order.realized_pnl),
                        decimal_add(trade->fees, amount(order.commission)), clock_.wall_ms(),
                        stopped ? exit_reason::stop_loss : exit_reason::take_profit});
  journal_.update_intent_state(intent->id, intent_state::closed, clock_.wall_ms(),
                               stopped ? "stop-loss filled" : "take-profit filled");
  // The sibling would otherwise close a later position on the same symbol.
  const std::string sibling = client_order_id(
      parsed->intent_key, stopped ? order_role::take_profit : order_role::stop, parsed->attempt);
  tb_order_state cancelled{};
  const auto status = gateway_.cancel_order(intent->symbol, sibling, deadline_after(clock_, settings_.call_timeout), cancelled);
  if (status.ok() && journal_.order_by_client_id(sibling)) {
    journal_.update_order({sibling, order_state::canceled, {}, {}, clock_.wall_ms()});
  }
  if (stopped) risk_.record_stop_loss(intent->symbol, clock_.wall_ms());
  log_->info("intent {}: {} filled at {}, realized {} {}", parsed->intent_key,
             stopped ? "stop-loss" : "take-profit", order.average_price, order.realized_pnl,
             status.ok() ? "" : "(cancelling " + sibling + ": " + status.describe() + ")");
}

}  // namespace tb::host
