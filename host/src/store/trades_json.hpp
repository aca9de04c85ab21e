#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/journal_records.hpp"

namespace tb::host {

// trades.json, version 1 (docs/trade-journal.md):
//   {"version": 1, "trades": [{"id": 1, "intent_id": 3, "symbol": "BTCUSDT", "side": "long",
//     "status": "open", "quantity": "0.010", "entry_price": "27150.10", "exit_price": null,
//     "realized_pnl": "0", "fees": "0.108", "opened_ms": ..., "closed_ms": null,
//     "exit_reason": null, "mode": "live"}, ...]}
// Money and quantities are JSON strings of exact decimal text; trades in id order.
inline constexpr int trades_json_version = 1;

std::string render_trades_json(const std::vector<trade_record>& trades);
// One entry of "trades", as above (the admin API's /api/trades serves the same objects).
nlohmann::ordered_json trade_json(const trade_record& trade);

// Reads a version-1 document for import. Every entry is validated; the first problem throws
// journal_error naming `path`, the entry's index and field ("trades[2].entry_price: ...").
// "id" and "intent_id" are not imported: the journal assigns new ids, and intents are not
// part of trades.json.
std::vector<trade_record> parse_trades_json(std::string_view text, const std::string& path);

}  // namespace tb::host
