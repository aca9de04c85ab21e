#include "services/reconciler.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "services/client_order_id.hpp"
#include "services/order_records.hpp"

namespace tb::host {

// What the exchange said at the start of a run.
struct reconciler::exchange_view {
  std::map<std::string, tb_position> positions;      // non-zero ones, by symbol
  std::map<std::string, tb_order_state> open_orders;  // by client order id
  std::set<std::string> open_intent_keys;             // of the intents left open
};

namespace {

bool flat(const tb_position& p) {
  return std::string_view(p.quantity).find_first_not_of("-0.") == std::string_view::npos;
}

}  // namespace

reconciler::reconciler(order_gateway& gateway, trade_journal& journal, alert_manager& alerts,
                       const clock& clk, std::shared_ptr<spdlog::logger> log,
                       reconcile_settings settings)
    : gateway_(gateway),
      journal_(journal),
      alerts_(alerts),
      clock_(clk),
      log_(std::move(log)),
      settings_(settings),
      ledger_(gateway, journal, clk, settings.call_timeout),
      sender_(gateway, journal, ledger_, clk, settings.call_timeout) {}

void reconciler::cancel(const std::string& symbol, const std::string& client_id,
                        reconcile_report& report) {
  tb_order_state result{};
  const auto status = gateway_.cancel_order(symbol, client_id, deadline(), result);
  if (!status.ok()) {
    report.problems.push_back("cancelling " + client_id + ": " + status.describe());
    return;
  }
  ++report.orders_cancelled;
  if (journal_.order_by_client_id(client_id)) {
    journal_.update_order({client_id, order_state::canceled, {}, {}, clock_.wall_ms()});
  }
  log_->info("reconcile: cancelled {} on {}", client_id, symbol);
}

reconcile_report reconciler::run() {
  reconcile_report report;
  exchange_view view;
  std::vector<tb_position> positions;
  std::vector<tb_order_state> orders;
  const auto got_positions = gateway_.get_positions(deadline(), positions);
  const auto got_orders = gateway_.list_open_orders("", deadline(), orders);
  if (!got_positions.ok() || !got_orders.ok()) {
    report.problems.push_back("the exchange could not be read: " +
                              (got_positions.ok() ? got_orders : got_positions).describe());
    log_->error("reconcile: {}", report.problems.back());
    return report;
  }
  for (const auto& p : positions) {
    if (!flat(p)) view.positions[p.symbol] = p;
  }
  for (const auto& o : orders) view.open_orders[o.client_order_id] = o;

  for (const auto& intent : journal_.open_intents()) {
    if (intent.mode != settings_.mode) continue;
    if (intent.state == intent_state::planned) {
      journal_.update_intent_state(intent.id, intent_state::failed, clock_.wall_ms(),
                                   "reconciled: the entry was never sent");
      ++report.intents_failed;
      continue;
    }
    if (intent.state == intent_state::sent || intent.state == intent_state::unknown) {
      resolve_entry(intent, report);
    }
    const auto now = journal_.intent_by_client_id(intent.client_id);
    if (now && now->state == intent_state::open) check_open(*now, view, report);
  }

  // Orders the bot named, for intents that are over: they would act on a later position.
  for (const auto& [id, order] : view.open_orders) {
    const auto parsed = parse_client_order_id(id);
    if (parsed && !view.open_intent_keys.contains(parsed->intent_key)) {
      cancel(order.symbol, id, report);
    }
  }

  // Positions the journal does not hold.
  std::set<std::string> journalled;
  for (const auto& t : journal_.open_trades()) journalled.insert(t.symbol);
  for (const auto& [symbol, p] : view.positions) {
    if (journalled.contains(symbol)) continue;
    if (!settings_.adopt_outside_positions) {
      ++report.positions_ignored;
      log_->warn("reconcile: a {} position of {} was opened outside the bot; left alone "
                 "(reconcile.adopt_outside_positions adopts it)", symbol, p.quantity);
      continue;
    }
    trade_record t;
    t.symbol = symbol;
    const bool is_long = p.quantity[0] != '-';
    t.side = is_long ? position_side::long_side : position_side::short_side;
    t.quantity = is_long ? std::string(p.quantity) : std::string(p.quantity + 1);
    t.entry_price = amount(p.entry_price);
    t.opened_ms = clock_.wall_ms();
    t.mode = settings_.mode;
    journal_.open_trade(t);
    ++report.positions_adopted;
    alerts_.raise("execution.adopted." + symbol, alert_severity::warning,
                  "Adopted a position opened outside the bot: " + symbol,
                  "it is journalled, but has no stop-loss from the bot; set one by hand");
  }
  report.complete = true;
  log_->info("reconcile: {} intents failed, {} trades opened, {} closed, {} protective orders "
             "placed, {} orders cancelled, {} positions adopted, {} ignored, {} problems",
             report.intents_failed, report.trades_opened, report.trades_closed,
             report.protections_placed, report.orders_cancelled, report.positions_adopted,
             report.positions_ignored, report.problems.size());
  return report;
}

void reconciler::resolve_entry(const intent_record& intent,
                               reconcile_report& report) {
  const std::string entry_id = client_order_id(intent.client_id, order_role::entry);
  tb_order_state entry{};
  auto status = gateway_.query_order(intent.symbol, entry_id, deadline(), entry);
  if (status.code == TB_E_NOT_FOUND) {
    journal_.update_intent_state(intent.id, intent_state::failed, clock_.wall_ms(),
                                 "reconciled: the entry never reached the exchange");
    ++report.intents_failed;
    return;
  }
  if (!status.ok()) {
    report.problems.push_back("intent " + intent.client_id + ": " + status.describe());
    return;
  }
  if (entry.state == TB_ORDER_STATE_NEW || entry.state == TB_ORDER_STATE_PARTIALLY_FILLED) {
    // A resting entry from before the restart: no longer wanted, keep what filled.
    cancel(intent.symbol, entry_id, report);
    gateway_.query_order(intent.symbol, entry_id, deadline(), entry);
  }
  if (journal_.order_by_client_id(entry_id)) {
    journal_.update_order({entry_id, journal_state(entry.state), std::string(entry.exchange_order_id),
                           amount(entry.filled_quantity), clock_.wall_ms()});
    if (has_fill(entry)) ledger_.settle(entry);
  }
  if (!has_fill(entry)) {
    journal_.update_intent_state(intent.id, intent_state::failed, clock_.wall_ms(),
                                 "reconciled: the entry was not filled");
    ++report.intents_failed;
    return;
  }
  if (!open_trade_of(journal_, intent.id)) {
    trade_record t;
    t.intent_id = intent.id;
    t.symbol = intent.symbol;
    t.side = intent.side;
    t.quantity = entry.filled_quantity;
    t.entry_price = amount(entry.average_price);
    t.fees = ledger_.costs_of_intent(intent.id).fees;
    t.opened_ms = clock_.wall_ms();
    t.mode = settings_.mode;
    journal_.open_trade(t);
    ++report.trades_opened;
  }
  journal_.update_intent_state(intent.id, intent_state::open, clock_.wall_ms(),
                               "reconciled: the entry filled");
}

std::int64_t reconciler::deadline() const {
  return deadline_after(clock_, settings_.call_timeout);
}

void reconciler::close_vanished(const intent_record& intent,
                                const std::optional<trade_record>& trade,
                                reconcile_report& report) {
  // A stop or a target filled while the bot was away. Their fills say which, whatever state
  // the orders report now (a stop that fired may still read "triggered"), and what it
  // realized; every attempt counts (a moved stop is "-s2").
  tb_order_state filled{};
  exit_reason reason = exit_reason::reconciled;
  fill_totals exit;
  for (const auto& [role, why] : {std::pair{order_role::stop, exit_reason::stop_loss},
                                  std::pair{order_role::take_profit, exit_reason::take_profit}}) {
    const unsigned attempts = last_attempt(journal_, intent.id, role);
    for (unsigned n = 1; n <= attempts; ++n) {
      const std::string id = client_order_id(intent.client_id, role, n);
      tb_order_state state{};
      const bool known = gateway_.query_order(intent.symbol, id, deadline(), state).ok();
      if (known) {
        journal_.update_order({id, journal_state(state.state), {}, amount(state.filled_quantity),
                               clock_.wall_ms()});
      }
      const fill_totals totals = known ? ledger_.settle(state) : ledger_.settle(intent.symbol, id);
      if (has_quantity(totals.quantity)) {
        filled = state;
        reason = why;
        exit = totals;
      }
    }
  }
  if (trade) {
    journal_.close_trade(trade->id, ledger_.closing(intent.id, exit, filled, reason));
    ++report.trades_closed;
  }
  journal_.update_intent_state(intent.id, intent_state::closed, clock_.wall_ms(),
                               "reconciled: the position was closed while the bot was away");
}

void reconciler::check_open(const intent_record& intent, exchange_view& view,
                            reconcile_report& report) {
  const auto trade = open_trade_of(journal_, intent.id);
  // The stop and target that should stand (a refused move does not replace one), and the
  // attempts used so far (a re-armed order takes the next number).
  const unsigned stop_attempt = last_attempt(journal_, intent.id, order_role::stop);
  const unsigned target_attempt = last_attempt(journal_, intent.id, order_role::take_profit);
  const std::string stop_id = client_order_id(
      intent.client_id, order_role::stop, std::max(1u, live_attempt(journal_, intent.id, order_role::stop)));
  const std::string target_id = client_order_id(
      intent.client_id, order_role::take_profit,
      std::max(1u, live_attempt(journal_, intent.id, order_role::take_profit)));

  if (!view.positions.contains(intent.symbol)) {
    close_vanished(intent, trade, report);
    return;  // its remaining orders are cancelled as orphans
  }
  view.open_intent_keys.insert(intent.client_id);
  const std::string quantity = trade ? trade->quantity : intent.quantity;
  // A stop moved since the entry (break-even, trailing) is re-armed where it was moved to.
  std::string stop_price = intent.stop_price;
  if (const auto last = journal_.order_by_client_id(stop_id); last && last->stop_price) {
    stop_price = *last->stop_price;
  }
  const std::int32_t exit_side = opposite_side(side_of(intent.side));
  for (const auto& [role, id, attempt, type, price] :
       {std::tuple{order_role::stop, stop_id, stop_attempt, TB_ORDER_STOP_MARKET, stop_price},
        std::tuple{order_role::take_profit, target_id, target_attempt, TB_ORDER_TAKE_PROFIT_MARKET,
                   intent.take_profit.value_or("")}}) {
    if (view.open_orders.contains(id) || price.empty()) continue;
    const std::string next = client_order_id(intent.client_id, role, attempt + 1);
    const exchange_status status =
        sender_
            .send(intent.id, role,
                  make_order_request(intent.symbol, exit_side, type, "", price, next,
                                     TB_ORDER_CLOSE_POSITION),
                  quantity)
            .status;
    if (status.ok()) {
      ++report.protections_placed;
      log_->warn("reconcile: {} had no {}; placed {} at {}", intent.symbol,
                 role == order_role::stop ? "stop-loss" : "take-profit", next, price);
      continue;
    }
    report.problems.push_back(next + ": " + status.describe());
    if (role == order_role::stop) {
      alerts_.raise("execution.unprotected." + intent.symbol, alert_severity::critical,
                    "Position without a stop-loss: " + intent.symbol,
                    "re-arming the stop failed after a restart (" + status.describe() + "): act now");
    }
  }
}

}  // namespace tb::host
