#pragma once
// Tells the notifier plugins what the bot trades: every trade opened and closed (as the
// ExecutionService's trade_listener) and, once each UTC day has ended while the bot runs,
// that day's summary from the journal.
#include <cstdint>
#include <optional>
#include <vector>

#include "app/trade_notes.hpp"
#include "services/trade_listener.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

class plugin_instance;

// The trades closed in the UTC day starting at `day_start_ms`, of `mode`, with their exact
// sums.
day_figures figures_of_day(trade_journal& journal, trade_mode mode, std::int64_t day_start_ms);

class trade_notifier final : public trade_listener {
 public:
  // The notifiers must outlive this object.
  explicit trade_notifier(std::vector<plugin_instance*> notifiers)
      : notifiers_(std::move(notifiers)) {}

  void trade_opened(const trade_record& trade, const intent_record& intent) noexcept override;
  void trade_closed(const trade_record& trade, const intent_record& intent) noexcept override;

  // Sends the summary of the day that ended, when `now_ms` is in a later UTC day than any
  // call before (the first call only notes the day; a clock stepping back sends nothing). `open_positions` and `equity`
  // (0: unknown) are as of now. [one thread]
  void summarize_ended_day(trade_journal& journal, trade_mode mode, std::int64_t now_ms,
                           std::size_t open_positions, double equity) noexcept;

 private:
  void send(const owned_note& note) noexcept;

  std::vector<plugin_instance*> notifiers_;
  std::optional<std::int64_t> day_;  // the UTC day of the last summarize_ended_day()
};

}  // namespace tb::host
