#pragma once

// Internal to the journal: the column lists of each table, reading a row into its record,
// inserting a trade, and checking a record's fields before they are stored.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/journal_records.hpp"
#include "store/sqlite_db.hpp"

namespace tb::host::journal_rows {

inline constexpr std::string_view intent_columns =
    "id, client_id, symbol, side, quantity, entry_price, stop_price, take_profit, strategy, "
    "reason, created_ms, updated_ms, state, mode, note";
inline constexpr std::string_view order_columns =
    "id, intent_id, client_id, role, type, side, quantity, price, stop_price, "
    "exchange_order_id, state, filled_quantity, created_ms, updated_ms";
inline constexpr std::string_view fill_columns =
    "id, order_client_id, trade_id, quantity, price, commission, commission_asset, "
    "realized_pnl, time_ms";
inline constexpr std::string_view trade_columns =
    "id, intent_id, symbol, side, quantity, entry_price, exit_price, realized_pnl, fees, "
    "opened_ms, closed_ms, exit_reason, mode";
inline constexpr std::string_view equity_columns =
    "id, time_ms, equity, available_balance, unrealized_pnl, mode";

intent_record read_intent(const statement& row);
order_record read_order(const statement& row);
fill_record read_fill(const statement& row);
trade_record read_trade(const statement& row);
equity_snapshot read_equity(const statement& row);

// Inserts every field of `trade` except its id; returns the new id.
std::int64_t insert_trade(sqlite_db& db, const trade_record& trade);

// Throw journal_error "<operation>: <field> ...": not exact decimal text / empty.
void require_decimal(std::string_view operation, std::string_view field, std::string_view value);
void require_decimal_or_unset(std::string_view operation, std::string_view field,
                              const std::optional<std::string>& value);
void require_text(std::string_view operation, std::string_view field, std::string_view value);
void check_trade(std::string_view operation, const trade_record& trade);

}  // namespace tb::host::journal_rows
