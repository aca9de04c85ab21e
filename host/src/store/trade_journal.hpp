#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/journal_error.hpp"
#include "store/journal_records.hpp"
#include "store/sqlite_db.hpp"

namespace tb::host {

// The trade journal: a SQLite database in WAL mode holding intents, orders, fills, trades and
// equity snapshots, plus trades.json, a JSON view of the trades rewritten atomically after
// every change that touches trades. docs/trade-journal.md has the schema and the file format.
//
// Durability: every recording call is one transaction, committed with synchronous=FULL before
// it returns, so an intent recorded before its order is sent survives a crash or power loss.
// A call that throws journal_error stored nothing. The database is the truth and trades.json
// a view of it: when rewriting trades.json fails after a change was committed, the call still
// succeeds, trades_json_problem() says why, and the next change of trades (or
// rewrite_trades_json(), or the next start) writes it again. Money, prices and quantities
// must be exact decimal text (is_decimal_text); anything else is refused with journal_error
// naming the field.
//
// Thread-safety: every member function may be called from any thread; one mutex serializes
// them all (SQLite work and the trades.json rewrite), so each call sees the effects of every
// call that returned before it. Only one trade_journal (one process) may use a given database;
// this is not enforced here.
class trade_journal {
 public:
  // Opens the journal at `db_path`, or creates it:
  // - An existing file is first checked read-only (check_existing_journal): a file that is not
  //   a SQLite database, is not a TradingBot journal, fails PRAGMA integrity_check or has an
  //   unknown or newer schema throws journal_error naming the file and the problem, and the
  //   file is left byte for byte as it was. Then older schemas are migrated.
  // - A new journal is built beside it (`<db_path>.new`) and renamed into place only when
  //   complete. When `trades_json_path` exists it is imported into the new journal in the
  //   same step: one bad entry throws journal_error naming its index and field, and no journal
  //   is created, so nothing is half-imported.
  // Then trades.json is rewritten from the database.
  //
  // `durable` false is for a backtest's journal, rebuilt from nothing on every run: after
  // it is opened (created, migrated) it lives in memory, and the file and trades.json are
  // written only by flush(), instead of at every commit and trade change.
  static std::unique_ptr<trade_journal> open(const std::string& db_path,
                                             const std::string& trades_json_path,
                                             bool durable = true);

  trade_journal(const trade_journal&) = delete;
  trade_journal& operator=(const trade_journal&) = delete;
  ~trade_journal();

  // Records a new intent (its state as given, normally planned) and returns its id. A
  // client_id already recorded throws journal_error: an intent is never journalled twice.
  std::int64_t record_intent(const intent_record& intent);
  // Sets an intent's state, its updated time and note; an unknown id throws.
  void update_intent_state(std::int64_t intent_id, intent_state state, std::int64_t time_ms,
                           std::string_view note = {});

  // Records an order of an existing intent and returns its id; a duplicate client_id throws.
  std::int64_t record_order(const order_record& order);
  // Applies `update` to the order with its client id; an unknown client id throws.
  void update_order(const order_update& update);
  // Records a fill of a recorded order; false (and nothing stored) when this
  // (order_client_id, trade_id) is already recorded.
  bool record_fill(const fill_record& fill);
  // Replaces every fill of a recorded order with `fills`, the exchange's own list (exact
  // trade ids, commissions and PnL), in one transaction: fills recorded before from order
  // updates were the same executions seen less exactly.
  void replace_fills(std::string_view order_client_id, const std::vector<fill_record>& fills);

  // Records an open trade (closed fields must be unset) and returns its id; rewrites trades.json.
  std::int64_t open_trade(const trade_record& trade);
  // Updates an open trade after a further fill of its entry; rewrites trades.json.
  void update_open_trade(std::int64_t trade_id, std::string_view quantity,
                         std::string_view entry_price, std::string_view fees);
  // Closes an open trade; closing an unknown or already closed trade throws. Rewrites trades.json.
  void close_trade(std::int64_t trade_id, const trade_close& close);

  std::int64_t record_equity(const equity_snapshot& snapshot);

  // Why the latest rewrite of trades.json failed, or nullopt when it succeeded.
  std::optional<std::string> trades_json_problem();
  // Rewrites trades.json now; throws trades_json_error when that fails.
  void rewrite_trades_json();
  // Writes a journal that is not durable to its file, then trades.json (rewrite_trades_json);
  // throws journal_error or trades_json_error when that fails.
  void flush();

  // Intents not yet resolved: planned, sent, open or unknown; oldest first.
  std::vector<intent_record> open_intents();
  std::optional<intent_record> intent_by_client_id(std::string_view client_id);
  // The intent's orders in the order they were recorded.
  std::vector<order_record> orders_of_intent(std::int64_t intent_id);
  std::optional<order_record> order_by_client_id(std::string_view client_id);
  std::vector<fill_record> fills_of_order(std::string_view order_client_id);
  std::optional<trade_record> trade(std::int64_t trade_id);
  std::vector<trade_record> open_trades();
  // Trades closed at or after `since_ms`, by close time.
  std::vector<trade_record> closed_trades(std::int64_t since_ms);
  // Exact sums over trades closed at or after `since_ms` (of one mode when given): gross
  // realized PnL, fees, and net (realized PnL - fees); "0" when there are none.
  std::string realized_pnl_since(std::int64_t since_ms, std::optional<trade_mode> mode = {});
  std::string fees_since(std::int64_t since_ms, std::optional<trade_mode> mode = {});
  std::string net_pnl_since(std::int64_t since_ms, std::optional<trade_mode> mode = {});
  // Snapshots at or after `since_ms`, oldest first.
  std::vector<equity_snapshot> equity_since(std::int64_t since_ms);

  const std::string& db_path() const noexcept { return db_.path(); }
  const std::string& trades_json_path() const noexcept { return trades_json_path_; }

 private:
  trade_journal(sqlite_db db, std::string trades_json_path, bool durable);
  std::vector<trade_record> all_trades_locked();
  void write_trades_json_locked();          // throws trades_json_error
  void refresh_trades_json_locked() noexcept;  // records a failure in trades_json_problem_
  enum class closed_sum { realized_pnl, fees, net_pnl };
  std::string closed_sum_locked(std::int64_t since_ms, std::optional<trade_mode> mode,
                                closed_sum what);

  std::mutex mutex_;
  sqlite_db db_;
  std::string trades_json_path_;
  std::optional<std::string> trades_json_problem_;
  bool durable_;
  // open_trades() as last read; dropped by every change to a trade (backtests ask often).
  std::optional<std::vector<trade_record>> open_trades_cache_;
};

}  // namespace tb::host
