#pragma once
// Sending one order of an intent, the way every order of the bot is sent: journalled before
// it leaves, an unknown outcome (a timeout, a lost answer) asked for by its client id before
// anything else happens (never resent blindly), the answer journalled, its fills settled.
// Shared by the ExecutionService and the reconciler.
#include <chrono>
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "services/fill_ledger.hpp"
#include "services/order_gateway.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

struct sent_order {
  exchange_status status;  // after the query of an unknown outcome
  tb_order_state state{};
  bool filled() const noexcept;  // accepted, with a fill
};

class order_sender {
 public:
  order_sender(order_gateway& gateway, trade_journal& journal, fill_ledger& ledger,
               const clock& clk, std::chrono::milliseconds call_timeout);

  // Journals the order (with `quantity`: a close-position order sends none) unless it is
  // journalled already, sends it, resolves an unknown outcome by its id, journals the result.
  sent_order send(std::int64_t intent_id, order_role role, const tb_order_request& request,
                  const std::string& quantity);

 private:
  order_gateway& gateway_;
  trade_journal& journal_;
  fill_ledger& ledger_;
  const clock& clock_;
  std::chrono::milliseconds call_timeout_;
};

}  // namespace tb::host
