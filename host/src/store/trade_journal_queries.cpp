#include "store/decimal_text.hpp"
#include "store/journal_rows.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

using namespace journal_rows;

namespace {

std::string select(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

template <class Record, class Read>
std::vector<Record> all_rows(statement& s, Read read) {
  std::vector<Record> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

}  // namespace

std::vector<intent_record> trade_journal::open_intents() {
  std::lock_guard lock(mutex_);
  statement s(db_, select(intent_columns,
                          "FROM intents WHERE state IN ('planned','sent','open','unknown') "
                          "ORDER BY id"));
  return all_rows<intent_record>(s, read_intent);
}

std::optional<intent_record> trade_journal::intent_by_client_id(std::string_view client_id) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(intent_columns, "FROM intents WHERE client_id = ?"));
  s.bind(1, client_id);
  if (!s.step()) return std::nullopt;
  return read_intent(s);
}

std::vector<order_record> trade_journal::orders_of_intent(std::int64_t intent_id) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(order_columns, "FROM orders WHERE intent_id = ? ORDER BY id"));
  s.bind(1, intent_id);
  return all_rows<order_record>(s, read_order);
}

std::optional<order_record> trade_journal::order_by_client_id(std::string_view client_id) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(order_columns, "FROM orders WHERE client_id = ?"));
  s.bind(1, client_id);
  if (!s.step()) return std::nullopt;
  return read_order(s);
}

std::vector<fill_record> trade_journal::fills_of_order(std::string_view order_client_id) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(fill_columns, "FROM fills WHERE order_client_id = ? ORDER BY id"));
  s.bind(1, order_client_id);
  return all_rows<fill_record>(s, read_fill);
}

std::optional<trade_record> trade_journal::trade(std::int64_t trade_id) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(trade_columns, "FROM trades WHERE id = ?"));
  s.bind(1, trade_id);
  if (!s.step()) return std::nullopt;
  return read_trade(s);
}

std::vector<trade_record> trade_journal::open_trades() {
  std::lock_guard lock(mutex_);
  if (!open_trades_cache_) {
    statement s(db_, select(trade_columns, "FROM trades WHERE closed_ms IS NULL ORDER BY id"));
    open_trades_cache_ = all_rows<trade_record>(s, read_trade);
  }
  return *open_trades_cache_;
}

std::vector<trade_record> trade_journal::closed_trades(std::int64_t since_ms) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(trade_columns,
                          "FROM trades WHERE closed_ms >= ? ORDER BY closed_ms, id"));
  s.bind(1, since_ms);
  return all_rows<trade_record>(s, read_trade);
}

std::string trade_journal::realized_pnl_since(std::int64_t since_ms, std::optional<trade_mode> mode) {
  std::lock_guard lock(mutex_);
  return closed_sum_locked(since_ms, mode, closed_sum::realized_pnl);
}

std::string trade_journal::fees_since(std::int64_t since_ms, std::optional<trade_mode> mode) {
  std::lock_guard lock(mutex_);
  return closed_sum_locked(since_ms, mode, closed_sum::fees);
}

std::string trade_journal::net_pnl_since(std::int64_t since_ms, std::optional<trade_mode> mode) {
  std::lock_guard lock(mutex_);
  return closed_sum_locked(since_ms, mode, closed_sum::net_pnl);
}

std::string trade_journal::closed_sum_locked(std::int64_t since_ms, std::optional<trade_mode> mode,
                                             closed_sum what) {
  statement s(db_,
              "SELECT realized_pnl, fees FROM trades WHERE closed_ms >= ? "
              "AND (? IS NULL OR mode = ?)");
  const auto mode_name =
      mode ? std::optional<std::string>(std::string(name_of(*mode))) : std::optional<std::string>();
  s.bind(1, since_ms).bind_nullable(2, mode_name).bind_nullable(3, mode_name);
  decimal_sum sum;
  while (s.step()) {
    if (what != closed_sum::fees) sum.add(s.text(0));
    if (what == closed_sum::fees) sum.add(s.text(1));
    if (what == closed_sum::net_pnl) sum.subtract(s.text(1));
  }
  return sum.str();
}

std::vector<equity_snapshot> trade_journal::equity_since(std::int64_t since_ms) {
  std::lock_guard lock(mutex_);
  statement s(db_, select(equity_columns, "FROM equity_snapshots WHERE time_ms >= ? ORDER BY time_ms, id"));
  s.bind(1, since_ms);
  return all_rows<equity_snapshot>(s, read_equity);
}

std::vector<trade_record> trade_journal::all_trades_locked() {
  statement s(db_, select(trade_columns, "FROM trades ORDER BY id"));
  return all_rows<trade_record>(s, read_trade);
}

}  // namespace tb::host
