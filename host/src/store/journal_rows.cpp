#include "store/journal_rows.hpp"

#include "store/decimal_text.hpp"
#include "store/journal_error.hpp"

namespace tb::host::journal_rows {

namespace {

template <class E>
E name_column(const statement& row, int column) {
  const std::string text = row.text(column);
  const auto value = parse_name<E>(text);
  if (!value) throw journal_error("trade journal: unknown value '" + text + "' in a stored row");
  return *value;
}

}  // namespace

intent_record read_intent(const statement& row) {
  intent_record r;
  r.id = row.integer(0);
  r.client_id = row.text(1);
  r.symbol = row.text(2);
  r.side = name_column<position_side>(row, 3);
  r.quantity = row.text(4);
  r.entry_price = row.text(5);
  r.stop_price = row.text(6);
  r.take_profit = row.optional_text(7);
  r.strategy = row.text(8);
  r.reason = row.text(9);
  r.created_ms = row.integer(10);
  r.updated_ms = row.integer(11);
  r.state = name_column<intent_state>(row, 12);
  r.mode = name_column<trade_mode>(row, 13);
  r.note = row.text(14);
  return r;
}

order_record read_order(const statement& row) {
  order_record r;
  r.id = row.integer(0);
  r.intent_id = row.integer(1);
  r.client_id = row.text(2);
  r.role = name_column<order_role>(row, 3);
  r.type = row.text(4);
  r.side = name_column<order_side>(row, 5);
  r.quantity = row.text(6);
  r.price = row.optional_text(7);
  r.stop_price = row.optional_text(8);
  r.exchange_order_id = row.optional_text(9);
  r.state = name_column<order_state>(row, 10);
  r.filled_quantity = row.text(11);
  r.created_ms = row.integer(12);
  r.updated_ms = row.integer(13);
  return r;
}

fill_record read_fill(const statement& row) {
  fill_record r;
  r.id = row.integer(0);
  r.order_client_id = row.text(1);
  r.trade_id = row.text(2);
  r.quantity = row.text(3);
  r.price = row.text(4);
  r.commission = row.text(5);
  r.commission_asset = row.text(6);
  r.realized_pnl = row.text(7);
  r.time_ms = row.integer(8);
  return r;
}

trade_record read_trade(const statement& row) {
  trade_record r;
  r.id = row.integer(0);
  r.intent_id = row.optional_integer(1);
  r.symbol = row.text(2);
  r.side = name_column<position_side>(row, 3);
  r.quantity = row.text(4);
  r.entry_price = row.text(5);
  r.exit_price = row.optional_text(6);
  r.realized_pnl = row.text(7);
  r.fees = row.text(8);
  r.opened_ms = row.integer(9);
  r.closed_ms = row.optional_integer(10);
  if (row.optional_text(11)) r.reason = name_column<exit_reason>(row, 11);
  r.mode = name_column<trade_mode>(row, 12);
  return r;
}

equity_snapshot read_equity(const statement& row) {
  equity_snapshot r;
  r.id = row.integer(0);
  r.time_ms = row.integer(1);
  r.equity = row.text(2);
  r.available_balance = row.text(3);
  r.unrealized_pnl = row.text(4);
  r.mode = name_column<trade_mode>(row, 5);
  return r;
}

std::int64_t insert_trade(sqlite_db& db, const trade_record& t) {
  statement s(db,
              "INSERT INTO trades(intent_id, symbol, side, quantity, entry_price, exit_price, "
              "realized_pnl, fees, opened_ms, closed_ms, exit_reason, mode) "
              "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind_nullable(1, t.intent_id).bind(2, t.symbol).bind(3, name_of(t.side)).bind(4, t.quantity);
  s.bind(5, t.entry_price).bind_nullable(6, t.exit_price).bind(7, t.realized_pnl).bind(8, t.fees);
  s.bind(9, t.opened_ms).bind_nullable(10, t.closed_ms);
  s.bind_nullable(11, t.reason ? std::optional<std::string>(std::string(name_of(*t.reason)))
                      : std::optional<std::string>());
  s.bind(12, name_of(t.mode));
  s.run();
  return db.last_insert_id();
}

void require_decimal(std::string_view operation, std::string_view field, std::string_view value) {
  if (!is_decimal_text(value)) {
    throw journal_error("trade journal " + std::string(operation) + ": " + std::string(field) +
                        " '" + std::string(value) +
                        "' is not exact decimal text such as \"27150.10\"; nothing was stored");
  }
}

void require_decimal_or_unset(std::string_view operation, std::string_view field,
                              const std::optional<std::string>& value) {
  if (value) require_decimal(operation, field, *value);
}

void require_text(std::string_view operation, std::string_view field, std::string_view value) {
  if (value.empty()) {
    throw journal_error("trade journal " + std::string(operation) + ": " + std::string(field) +
                        " is empty; nothing was stored");
  }
}

void check_trade(std::string_view operation, const trade_record& t) {
  require_text(operation, "symbol", t.symbol);
  require_decimal(operation, "quantity", t.quantity);
  require_decimal(operation, "entry_price", t.entry_price);
  require_decimal_or_unset(operation, "exit_price", t.exit_price);
  require_decimal(operation, "realized_pnl", t.realized_pnl);
  require_decimal(operation, "fees", t.fees);
}

}  // namespace tb::host::journal_rows
