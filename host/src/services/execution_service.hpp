#pragma once
// The ExecutionService: a ranked signal becomes a protected position, and a protective fill
// becomes a recorded trade. docs/risk-and-execution.md describes the order flow.
//
// execute_signal(), in order; every step is journalled before the next is sent:
//   1. the RiskManager's checks (a refusal is logged and returned; a lock that starts raises
//      the critical alert "risk.lock");
//   2. the intent, under the signal's deterministic key (client_order_id.hpp): a key already
//      in the journal is never traded again, whatever happened to it;
//   3. margin type and leverage for the symbol;
//   4. the entry ("tb-<key>-e1"), at market or as a GTC limit at the plan's price that is
//      waited for until risk.limit_timeout, then cancelled: what filled by then (a partial
//      fill too) is the position, nothing filled fails the intent. An unknown outcome (a
//      timeout, a lost answer) is resolved by asking for that id before anything else is
//      sent, and left to reconciliation (intent state unknown) when even that fails;
//   5. on the fill, the trade is opened and the exchange-held stop-loss and take-profit are
//      placed (close-position STOP_MARKET "-s1" and TAKE_PROFIT_MARKET "-t1");
//   6. a stop that cannot be placed closes the position at market ("-c1", reduce-only) and
//      raises the critical alert "execution.unprotected.<symbol>": a position is never left
//      without a stop. A missing take-profit only warns; the stop still protects.
// on_order_update() (from the account stream, or a REST check): a filled stop or target of
// an open trade closes the trade with the exchange's realized PnL and every fee (the fills
// of every order of the intent, fill_ledger.hpp), cancels the sibling order, and a stop-loss
// starts the symbol's cooldown.
//
// Thread-safety: one call at a time (a recursive mutex: a gateway may report an order's
// update from inside place_order, as the paper gateway does). The gateway, journal, risk
// manager, alerts and clock must outlive the service.
#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/alert_manager.hpp"
#include "core/clock.hpp"
#include "services/fill_ledger.hpp"
#include "services/order_gateway.hpp"
#include "services/order_sender.hpp"
#include "services/risk_manager.hpp"
#include "services/trade_listener.hpp"
#include "services/trade_signal.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

struct execution_settings {
  trade_mode mode = trade_mode::live;
  std::chrono::milliseconds call_timeout{10'000};  // per exchange call
  std::int64_t limit_poll_ns = 500'000'000;        // how often a resting limit entry is asked for
};

enum class execution_outcome {
  rejected,   // the RiskManager refused it; nothing was journalled or sent
  duplicate,  // its intent is already in the journal; nothing was sent
  entered,    // a position is open with its stop (and, normally, its target) on the exchange
  failed,     // nothing is open: the entry was refused, or the position was closed at once
  unknown,    // the entry's outcome could not be learned; reconciliation will resolve it
};
const char* to_string(execution_outcome value) noexcept;

struct execution_result {
  execution_outcome outcome = execution_outcome::rejected;
  std::string reason;                 // why, for every outcome but entered
  std::int64_t intent_id = 0;         // 0 when nothing was journalled
  std::optional<std::int64_t> trade_id;
  std::optional<order_plan> plan;     // what the RiskManager accepted
};

class execution_service {
 public:
  execution_service(order_gateway& gateway, trade_journal& journal, risk_manager& risk,
                    alert_manager& alerts, const clock& clk, std::shared_ptr<spdlog::logger> log,
                    execution_settings settings = {});

  execution_result execute_signal(const trade_signal& signal, const tb_symbol_info& info,
                                  const account_view& account,
                                  const std::vector<open_position>& positions);

  // An order's new state from the exchange. Orders the bot did not name are ignored.
  void on_order_update(const tb_order_state& order);

  // Moves the open intent's exchange-held stop to `price` (on the tick grid): the new stop
  // ("-s<n+1>") is placed before the old one is cancelled, so the position is never without
  // one. False, the old stop left in place, when the new one is refused.
  bool move_stop(const intent_record& intent, const std::string& price, const std::string& why);
  // Closes the open intent's position at market (reduce-only "-c<n>"), records the trade as
  // ended for `reason`, and cancels its stop and target. False when the close did not fill.
  bool close_position(const intent_record& intent, exit_reason reason, const std::string& why);

  // Tells `listener` (null: nobody) of every trade opened or closed from now on; it must
  // outlive the service or be replaced first.
  void set_trade_listener(trade_listener* listener);

 private:
  // Waits for a resting limit entry until the plan's timeout, then cancels what is left;
  // returns the entry's final state (its fills journalled).
  tb_order_state await_limit_entry(const order_plan& plan, const std::string& id,
                                   tb_order_state state);
  // The deadline of an exchange call started now.
  std::int64_t deadline() const;
  // Cancels `id` and journals it cancelled when the exchange agrees.
  exchange_status cancel(const std::string& symbol, const std::string& id);
  // Closes the intent's open trade at market (reduce-only "-c<n>", the next attempt); on a
  // fill the trade is closed for `reason` from its fills and the intent with `why`.
  sent_order close_at_market(const intent_record& intent, const trade_record& trade,
                         exit_reason reason, const std::string& why);
  // The stop could not be placed: close_at_market, and the critical alert either way.
  void close_unprotected(const intent_record& intent, const trade_record& trade,
                         const std::string& why);
  // Closes the trade in the journal and tells the listener.
  void record_close(const intent_record& intent, std::int64_t trade_id, const trade_close& close);

  order_gateway& gateway_;
  trade_journal& journal_;
  risk_manager& risk_;
  alert_manager& alerts_;
  const clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  execution_settings settings_;
  fill_ledger ledger_;
  order_sender sender_;
  std::recursive_mutex mutex_;
  trade_listener* listener_ = nullptr;
};

}  // namespace tb::host
