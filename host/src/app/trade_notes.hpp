#pragma once
// The notifications the bot sends of its trades: a trade opened, a trade closed, and the
// daily summary. Each owns its text, so the tb_notification view stays valid for as long as
// the note lives. fields_json carries the figures by name for rich rendering (Discord embeds);
// money stays exact decimal text from the journal.
#include <cstdint>
#include <string>
#include <vector>

#include <tradingbot/tb_abi.h>

#include "store/journal_records.hpp"

namespace tb::host {

struct owned_note {
  std::int32_t kind = TB_NOTE_MESSAGE;
  std::int32_t severity = TB_SEVERITY_INFO;
  std::int64_t time_ms = 0;
  std::string key, title, body, fields_json;

  // Borrows this note's strings.
  tb_notification view() const noexcept;
};

// "BTCUSDT long opened": entry, stop, target, size, risk, strategy and the signal's reason.
owned_note trade_opened_note(const trade_record& trade, const intent_record& intent);
// "BTCUSDT long closed: take-profit": exit, net PnL (realized minus every fee), fees, time held.
owned_note trade_closed_note(const trade_record& trade, const intent_record& intent);

// What a UTC day's summary reports.
struct day_figures {
  std::int64_t day_start_ms = 0;  // 00:00 UTC of the day
  std::vector<trade_record> closed;  // the trades closed that day
  std::string realized_pnl = "0", fees = "0", net_pnl = "0";
  std::size_t open_positions = 0;
  double equity = 0;  // 0: unknown
};
owned_note daily_summary_note(const day_figures& day);

}  // namespace tb::host
