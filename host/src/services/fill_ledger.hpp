#pragma once
// The fills of the bot's orders, journalled as exactly as the exchange can say them, and what
// they come to for a trade. Order answers and most order updates carry no commission and no
// realized PnL; the exchange's fill list (get_order_fills) has both. When it cannot be read
// (an older plugin, a failed call) the order's own state is journalled instead, and the
// exact list replaces it the next time the order is settled.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "services/order_gateway.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

// What an order's journalled fills add up to.
struct fill_totals {
  std::string quantity = "0";
  std::string average_price;  // weighted by quantity; empty with no fill
};

// What a trade's orders cost and realized: every commission of the intent's orders, and the
// realized PnL of all its fills (entries realize nothing unless they reduce a position).
struct trade_costs {
  std::string fees = "0";
  std::string realized_pnl = "0";
};

class fill_ledger {
 public:
  fill_ledger(order_gateway& gateway, trade_journal& journal, const clock& clk,
              std::chrono::milliseconds call_timeout);

  // Journals the fills of the journalled order `state.client_order_id` and returns their
  // totals. Safe to repeat: nothing is stored twice.
  fill_totals settle(const tb_order_state& state);
  // The same for an order known only by its id (a stop or target found filled by a query).
  fill_totals settle(const std::string& symbol, const std::string& client_id);

  trade_costs costs_of_intent(std::int64_t intent_id);
  // How the intent's trade closes on the exit order `state` whose fills came to `exit`: at
  // their price, with every fee and every realized PnL of the intent's orders.
  trade_close closing(std::int64_t intent_id, const fill_totals& exit, const tb_order_state& state,
                      exit_reason reason);

 private:
  // The fill the order's state reveals beyond what is journalled (the approximate path).
  void record_from_state(const tb_order_state& state);
  fill_totals totals(const std::string& client_id);

  order_gateway& gateway_;
  trade_journal& journal_;
  const clock& clock_;
  std::chrono::milliseconds call_timeout_;
};

}  // namespace tb::host
