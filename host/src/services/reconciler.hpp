#pragma once
// Restart reconciliation: the exchange is the truth, the journal is brought in line with it,
// and nothing is ever sent twice (docs/risk-and-execution.md, "Reconciliation"). Run at
// start-up, before any new entry, and periodically.
//
// For every unresolved intent of the journal, by state:
// - planned: its entry was never sent (the state becomes sent first): failed.
// - sent / unknown: the entry is asked for by its client id. Not on the exchange: failed.
//   Filled (even partly): the trade is opened in the journal if it is not yet, then treated
//   as open. Resting: cancelled, then as the answer says. Refused or expired unfilled: failed.
// - open: with no position on the exchange any more, the trade is closed from the stop or
//   target that filled (their fills say the price and PnL), or as "reconciled" when neither
//   did, and the intent's remaining protective orders are cancelled. With the position still
//   there, a missing stop-loss or take-profit is placed again under the next attempt number
//   ("-s2"), at the price of its latest journalled order (a stop moved to break-even stays
//   there). Fees and realized PnL come from the exchange's fills (fill_ledger.hpp).
// Then open orders the bot named whose intent is no longer open are cancelled, and positions
// the journal does not know are adopted (journalled as open trades, no intent) or only
// reported, per settings. Every action is logged; a position that stays without a stop
// raises the critical alert "execution.unprotected.<symbol>".
#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/alert_manager.hpp"
#include "core/clock.hpp"
#include "services/fill_ledger.hpp"
#include "services/order_gateway.hpp"
#include "services/order_sender.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

struct reconcile_settings {
  trade_mode mode = trade_mode::live;
  bool adopt_outside_positions = false;  // journal positions opened outside the bot
  std::chrono::milliseconds call_timeout{10'000};
};

struct reconcile_report {
  bool complete = false;  // false when the exchange could not be read: try again
  std::size_t intents_failed = 0;
  std::size_t trades_opened = 0;
  std::size_t trades_closed = 0;
  std::size_t protections_placed = 0;
  std::size_t orders_cancelled = 0;
  std::size_t positions_adopted = 0;
  std::size_t positions_ignored = 0;
  std::vector<std::string> problems;  // what could not be done, one line each
};

class reconciler {
 public:
  reconciler(order_gateway& gateway, trade_journal& journal, alert_manager& alerts,
             const clock& clk, std::shared_ptr<spdlog::logger> log, reconcile_settings settings = {});

  reconcile_report run();

 private:
  struct exchange_view;
  void resolve_entry(const intent_record& intent, reconcile_report& report);
  void check_open(const intent_record& intent, exchange_view& view, reconcile_report& report);
  // The intent's position is gone: its trade is closed from the protective orders' fills.
  void close_vanished(const intent_record& intent, const std::optional<trade_record>& trade,
                      reconcile_report& report);
  std::int64_t deadline() const;
  void cancel(const std::string& symbol, const std::string& client_id, reconcile_report& report);

  order_gateway& gateway_;
  trade_journal& journal_;
  alert_manager& alerts_;
  const clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  reconcile_settings settings_;
  fill_ledger ledger_;
  order_sender sender_;
};

}  // namespace tb::host
