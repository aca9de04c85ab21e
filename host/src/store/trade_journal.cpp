#include "store/trade_journal.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

#include "core/atomic_file.hpp"
#include "store/journal_files.hpp"
#include "store/journal_rows.hpp"
#include "store/journal_schema.hpp"
#include "store/trades_json.hpp"

namespace tb::host {

using namespace journal_rows;

namespace {

[[noreturn]] void refuse(std::string_view operation, const std::string& problem) {
  throw journal_error("trade journal " + std::string(operation) + ": " + problem +
                      "; nothing was stored");
}

bool exists(sqlite_db& db, std::string_view sql, std::int64_t id) {
  statement s(db, sql);
  s.bind(1, id);
  return s.step();
}

bool exists(sqlite_db& db, std::string_view sql, std::string_view key) {
  statement s(db, sql);
  s.bind(1, key);
  return s.step();
}

}  // namespace

std::unique_ptr<trade_journal> trade_journal::open(const std::string& db_path,
                                                   const std::string& trades_json_path,
                                                   bool durable) {
  std::error_code ec;
  const bool existing = std::filesystem::exists(db_path, ec);
  if (ec) throw journal_error("trade journal " + db_path + ": cannot be checked (" + ec.message() + ")");
  if (existing) {
    check_existing_journal(db_path);
  } else {
    journal_files::create_journal(db_path, journal_files::read_import(trades_json_path));
  }
  auto db = sqlite_db::open(db_path, sqlite_db::access::read_write);
  configure_connection(db);
  migrate_journal(db);
  if (!durable) {
    db = sqlite_db::copy_into_memory(db);
    db.exec("PRAGMA foreign_keys = ON");
  }
  std::unique_ptr<trade_journal> journal(
      new trade_journal(std::move(db), trades_json_path, durable));
  journal->rewrite_trades_json();
  return journal;
}

trade_journal::trade_journal(sqlite_db db, std::string trades_json_path, bool durable)
    : db_(std::move(db)), trades_json_path_(std::move(trades_json_path)), durable_(durable) {}

trade_journal::~trade_journal() = default;

std::int64_t trade_journal::record_intent(const intent_record& i) {
  constexpr std::string_view op = "record_intent";
  require_text(op, "client_id", i.client_id);
  require_text(op, "symbol", i.symbol);
  require_text(op, "strategy", i.strategy);
  require_decimal(op, "quantity", i.quantity);
  require_decimal(op, "entry_price", i.entry_price);
  require_decimal(op, "stop_price", i.stop_price);
  require_decimal_or_unset(op, "take_profit", i.take_profit);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  if (exists(db_, "SELECT 1 FROM intents WHERE client_id = ?", i.client_id)) {
    refuse(op, "client_id '" + i.client_id + "' is already journalled");
  }
  statement s(db_,
              "INSERT INTO intents(client_id, symbol, side, quantity, entry_price, stop_price, "
              "take_profit, strategy, reason, created_ms, updated_ms, state, mode, note) "
              "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, i.client_id).bind(2, i.symbol).bind(3, name_of(i.side)).bind(4, i.quantity);
  s.bind(5, i.entry_price).bind(6, i.stop_price).bind_nullable(7, i.take_profit).bind(8, i.strategy);
  s.bind(9, i.reason).bind(10, i.created_ms).bind(11, i.created_ms).bind(12, name_of(i.state));
  s.bind(13, name_of(i.mode)).bind(14, i.note);
  s.run();
  const auto id = db_.last_insert_id();
  tx.commit();
  return id;
}

void trade_journal::update_intent_state(std::int64_t intent_id, intent_state state,
                                        std::int64_t time_ms, std::string_view note) {
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  statement s(db_, "UPDATE intents SET state = ?, updated_ms = ?, note = ? WHERE id = ?");
  s.bind(1, name_of(state)).bind(2, time_ms).bind(3, note).bind(4, intent_id);
  s.run();
  if (db_.changes() == 0) refuse("update_intent_state", "no intent " + std::to_string(intent_id));
  tx.commit();
}

std::int64_t trade_journal::record_order(const order_record& o) {
  constexpr std::string_view op = "record_order";
  require_text(op, "client_id", o.client_id);
  require_text(op, "type", o.type);
  require_decimal(op, "quantity", o.quantity);
  require_decimal_or_unset(op, "price", o.price);
  require_decimal_or_unset(op, "stop_price", o.stop_price);
  require_decimal(op, "filled_quantity", o.filled_quantity);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  if (!exists(db_, "SELECT 1 FROM intents WHERE id = ?", o.intent_id)) {
    refuse(op, "order '" + o.client_id + "' names intent " + std::to_string(o.intent_id) +
                   ", which is not journalled");
  }
  if (exists(db_, "SELECT 1 FROM orders WHERE client_id = ?", o.client_id)) {
    refuse(op, "client_id '" + o.client_id + "' is already journalled");
  }
  statement s(db_,
              "INSERT INTO orders(intent_id, client_id, role, type, side, quantity, price, "
              "stop_price, exchange_order_id, state, filled_quantity, created_ms, updated_ms) "
              "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, o.intent_id).bind(2, o.client_id).bind(3, name_of(o.role)).bind(4, o.type);
  s.bind(5, name_of(o.side)).bind(6, o.quantity).bind_nullable(7, o.price).bind_nullable(8, o.stop_price);
  s.bind_nullable(9, o.exchange_order_id).bind(10, name_of(o.state)).bind(11, o.filled_quantity);
  s.bind(12, o.created_ms).bind(13, o.created_ms);
  s.run();
  const auto id = db_.last_insert_id();
  tx.commit();
  return id;
}

void trade_journal::update_order(const order_update& u) {
  constexpr std::string_view op = "update_order";
  require_decimal_or_unset(op, "filled_quantity", u.filled_quantity);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  statement s(db_,
              "UPDATE orders SET state = ?, exchange_order_id = COALESCE(?, exchange_order_id), "
              "filled_quantity = COALESCE(?, filled_quantity), updated_ms = ? "
              "WHERE client_id = ?");
  s.bind(1, name_of(u.state)).bind_nullable(2, u.exchange_order_id).bind_nullable(3, u.filled_quantity);
  s.bind(4, u.time_ms).bind(5, u.client_id);
  s.run();
  if (db_.changes() == 0) refuse(op, "no order with client_id '" + u.client_id + "'");
  tx.commit();
}

namespace {

void check_fill(std::string_view op, const fill_record& f) {
  require_text(op, "trade_id", f.trade_id);
  require_decimal(op, "quantity", f.quantity);
  require_decimal(op, "price", f.price);
  require_decimal(op, "commission", f.commission);
  require_decimal(op, "realized_pnl", f.realized_pnl);
}

// Inserts one checked fill of a journalled order; false when it was already there.
bool insert_fill(sqlite_db& db, const fill_record& f) {
  statement s(db,
              "INSERT INTO fills(order_client_id, trade_id, quantity, price, commission, "
              "commission_asset, realized_pnl, time_ms) VALUES(?,?,?,?,?,?,?,?) "
              "ON CONFLICT(order_client_id, trade_id) DO NOTHING");
  s.bind(1, f.order_client_id).bind(2, f.trade_id).bind(3, f.quantity).bind(4, f.price);
  s.bind(5, f.commission).bind(6, f.commission_asset).bind(7, f.realized_pnl).bind(8, f.time_ms);
  s.run();
  return db.changes() == 1;
}

void require_order(std::string_view op, sqlite_db& db, std::string_view client_id) {
  if (!exists(db, "SELECT 1 FROM orders WHERE client_id = ?", client_id)) {
    refuse(op, "fills name order '" + std::string(client_id) + "', which is not journalled");
  }
}

}  // namespace

bool trade_journal::record_fill(const fill_record& f) {
  constexpr std::string_view op = "record_fill";
  check_fill(op, f);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  require_order(op, db_, f.order_client_id);
  const bool stored = insert_fill(db_, f);
  tx.commit();
  return stored;
}

void trade_journal::replace_fills(std::string_view order_client_id,
                                  const std::vector<fill_record>& fills) {
  constexpr std::string_view op = "replace_fills";
  for (const auto& f : fills) {
    check_fill(op, f);
    if (f.order_client_id != order_client_id) {
      refuse(op, "fill " + f.trade_id + " names order '" + f.order_client_id + "', not '" +
                     std::string(order_client_id) + "'");
    }
  }
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  require_order(op, db_, order_client_id);
  statement erase(db_, "DELETE FROM fills WHERE order_client_id = ?");
  erase.bind(1, order_client_id);
  erase.run();
  for (const auto& f : fills) insert_fill(db_, f);
  tx.commit();
}

std::int64_t trade_journal::open_trade(const trade_record& t) {
  constexpr std::string_view op = "open_trade";
  check_trade(op, t);
  if (!t.is_open() || t.exit_price || t.reason) {
    refuse(op, "an open trade has no exit_price, closed_ms or exit_reason");
  }
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  if (t.intent_id && !exists(db_, "SELECT 1 FROM intents WHERE id = ?", *t.intent_id)) {
    refuse(op, "intent " + std::to_string(*t.intent_id) + " is not journalled");
  }
  const auto id = insert_trade(db_, t);
  tx.commit();
  refresh_trades_json_locked();
  return id;
}

void trade_journal::update_open_trade(std::int64_t trade_id, std::string_view quantity,
                                      std::string_view entry_price, std::string_view fees) {
  constexpr std::string_view op = "update_open_trade";
  require_decimal(op, "quantity", quantity);
  require_decimal(op, "entry_price", entry_price);
  require_decimal(op, "fees", fees);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  statement s(db_,
              "UPDATE trades SET quantity = ?, entry_price = ?, fees = ? "
              "WHERE id = ? AND closed_ms IS NULL");
  s.bind(1, quantity).bind(2, entry_price).bind(3, fees).bind(4, trade_id);
  s.run();
  if (db_.changes() == 0) refuse(op, "no open trade " + std::to_string(trade_id));
  tx.commit();
  refresh_trades_json_locked();
}

void trade_journal::close_trade(std::int64_t trade_id, const trade_close& c) {
  constexpr std::string_view op = "close_trade";
  require_decimal(op, "exit_price", c.exit_price);
  require_decimal(op, "realized_pnl", c.realized_pnl);
  require_decimal(op, "fees", c.fees);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  statement s(db_,
              "UPDATE trades SET exit_price = ?, realized_pnl = ?, fees = ?, closed_ms = ?, "
              "exit_reason = ? WHERE id = ? AND closed_ms IS NULL");
  s.bind(1, c.exit_price).bind(2, c.realized_pnl).bind(3, c.fees).bind(4, c.closed_ms);
  s.bind(5, name_of(c.reason)).bind(6, trade_id);
  s.run();
  if (db_.changes() == 0) {
    const bool known = exists(db_, "SELECT 1 FROM trades WHERE id = ?", trade_id);
    refuse(op, "trade " + std::to_string(trade_id) + (known ? " is already closed" : " does not exist"));
  }
  tx.commit();
  refresh_trades_json_locked();
}

std::int64_t trade_journal::record_equity(const equity_snapshot& e) {
  constexpr std::string_view op = "record_equity";
  require_decimal(op, "equity", e.equity);
  require_decimal(op, "available_balance", e.available_balance);
  require_decimal(op, "unrealized_pnl", e.unrealized_pnl);
  std::lock_guard lock(mutex_);
  transaction tx(db_);
  statement s(db_,
              "INSERT INTO equity_snapshots(time_ms, equity, available_balance, unrealized_pnl, "
              "mode) VALUES(?,?,?,?,?)");
  s.bind(1, e.time_ms).bind(2, e.equity).bind(3, e.available_balance).bind(4, e.unrealized_pnl);
  s.bind(5, name_of(e.mode));
  s.run();
  const auto id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::optional<std::string> trade_journal::trades_json_problem() {
  std::lock_guard lock(mutex_);
  return trades_json_problem_;
}

void trade_journal::rewrite_trades_json() {
  std::lock_guard lock(mutex_);
  write_trades_json_locked();
}

void trade_journal::flush() {
  std::lock_guard lock(mutex_);
  if (!durable_) db_.copy_to(db_.path());
  write_trades_json_locked();
}

void trade_journal::write_trades_json_locked() {
  try {
    write_file_atomically(trades_json_path_, render_trades_json(all_trades_locked()));
    trades_json_problem_.reset();
  } catch (const std::exception& e) {
    trades_json_problem_ = e.what();
    throw trades_json_error("trades.json " + trades_json_path_ + ": " + e.what());
  }
}

void trade_journal::refresh_trades_json_locked() noexcept {
  open_trades_cache_.reset();  // every caller changed a trade
  if (!durable_) return;       // written on demand
  try {
    write_trades_json_locked();
  } catch (const std::exception&) {
    // Kept in trades_json_problem_; the committed change stands.
  }
}

}  // namespace tb::host
