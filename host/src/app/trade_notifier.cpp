#include "app/trade_notifier.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "app/notifier_fanout.hpp"
#include "services/utc_time.hpp"
#include "store/decimal_text.hpp"

namespace tb::host {

day_figures figures_of_day(trade_journal& journal, trade_mode mode, std::int64_t day_start_ms) {
  day_figures day;
  day.day_start_ms = day_start_ms;
  decimal_sum realized, fees, net;
  for (auto& t : journal.closed_trades(day_start_ms)) {
    if (t.mode != mode || !t.closed_ms || *t.closed_ms >= day_start_ms + day_ms) continue;
    realized.add(t.realized_pnl);
    fees.add(t.fees);
    net.add(t.realized_pnl);
    net.subtract(t.fees);
    day.closed.push_back(std::move(t));
  }
  day.realized_pnl = realized.str();
  day.fees = fees.str();
  day.net_pnl = net.str();
  return day;
}

void trade_notifier::trade_opened(const trade_record& trade, const intent_record& intent) noexcept {
  try {
    send(trade_opened_note(trade, intent));
  } catch (const std::exception& e) {
    spdlog::error("trade {} opened: the notification could not be made: {}", trade.id, e.what());
  }
}

void trade_notifier::trade_closed(const trade_record& trade, const intent_record& intent) noexcept {
  try {
    send(trade_closed_note(trade, intent));
  } catch (const std::exception& e) {
    spdlog::error("trade {} closed: the notification could not be made: {}", trade.id, e.what());
  }
}

void trade_notifier::summarize_ended_day(trade_journal& journal, trade_mode mode,
                                         std::int64_t now_ms, std::size_t open_positions,
                                         double equity) noexcept {
  const std::int64_t today = utc_day(now_ms);
  const std::optional<std::int64_t> previous = day_;
  // The same day, or the clock stepped back: keep the later day, or its summary would repeat.
  if (previous && *previous >= today) return;
  day_ = today;
  if (!previous) return;
  try {
    day_figures day = figures_of_day(journal, mode, (today - 1) * day_ms);
    day.open_positions = open_positions;
    day.equity = equity;
    send(daily_summary_note(day));
  } catch (const std::exception& e) {
    spdlog::error("the daily summary could not be made: {}", e.what());
  }
}

void trade_notifier::send(const owned_note& note) noexcept {
  notify_all(notifiers_, note.view(), note.title);
}

}  // namespace tb::host
