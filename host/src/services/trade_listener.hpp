#pragma once
// Who hears that the ExecutionService opened or closed a trade (the notifiers, through
// app/trade_notifier). Called on the thread that changed the trade, right after the journal
// recorded it; an implementation must be quick and must not throw.
#include "store/journal_records.hpp"

namespace tb::host {

class trade_listener {
 public:
  virtual ~trade_listener() = default;
  // The position is on the exchange and journalled; `intent` holds the planned stop, target,
  // strategy and reason.
  virtual void trade_opened(const trade_record& trade, const intent_record& intent) noexcept = 0;
  // `trade` as closed: exit price, reason, realized PnL and fees.
  virtual void trade_closed(const trade_record& trade, const intent_record& intent) noexcept = 0;
};

}  // namespace tb::host
