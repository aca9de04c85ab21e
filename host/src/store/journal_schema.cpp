#include "store/journal_schema.hpp"

#include <array>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "store/journal_error.hpp"

namespace tb::host {

namespace {

// Schema version 1. Money, prices and quantities are TEXT (exact decimals); times are epoch
// milliseconds. STRICT tables refuse a value of the wrong type.
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE intents(
  id          INTEGER PRIMARY KEY,
  client_id   TEXT NOT NULL UNIQUE,
  symbol      TEXT NOT NULL,
  side        TEXT NOT NULL CHECK(side IN ('long','short')),
  quantity    TEXT NOT NULL,
  entry_price TEXT NOT NULL,
  stop_price  TEXT NOT NULL,
  take_profit TEXT,
  strategy    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK(state IN ('planned','sent','open','closed','failed','unknown')),
  mode        TEXT NOT NULL CHECK(mode IN ('live','paper')),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX intents_by_state ON intents(state);
CREATE TABLE orders(
  id                INTEGER PRIMARY KEY,
  intent_id         INTEGER NOT NULL REFERENCES intents(id),
  client_id         TEXT NOT NULL UNIQUE,
  role              TEXT NOT NULL CHECK(role IN ('entry','stop','take_profit','close')),
  type              TEXT NOT NULL,
  side              TEXT NOT NULL CHECK(side IN ('buy','sell')),
  quantity          TEXT NOT NULL,
  price             TEXT,
  stop_price        TEXT,
  exchange_order_id TEXT,
  state             TEXT NOT NULL CHECK(state IN ('planned','sent','open','partially_filled',
                      'filled','canceled','rejected','expired','unknown')),
  filled_quantity   TEXT NOT NULL,
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX orders_by_intent ON orders(intent_id);
CREATE TABLE fills(
  id               INTEGER PRIMARY KEY,
  order_client_id  TEXT NOT NULL REFERENCES orders(client_id),
  trade_id         TEXT NOT NULL,
  quantity         TEXT NOT NULL,
  price            TEXT NOT NULL,
  commission       TEXT NOT NULL,
  commission_asset TEXT NOT NULL,
  realized_pnl     TEXT NOT NULL,
  time_ms          INTEGER NOT NULL,
  UNIQUE(order_client_id, trade_id)
) STRICT;
CREATE TABLE trades(
  id           INTEGER PRIMARY KEY,
  intent_id    INTEGER REFERENCES intents(id),
  symbol       TEXT NOT NULL,
  side         TEXT NOT NULL CHECK(side IN ('long','short')),
  quantity     TEXT NOT NULL,
  entry_price  TEXT NOT NULL,
  exit_price   TEXT,
  realized_pnl TEXT NOT NULL,
  fees         TEXT NOT NULL,
  opened_ms    INTEGER NOT NULL,
  closed_ms    INTEGER,
  exit_reason  TEXT CHECK(exit_reason IN ('stop_loss','take_profit','manual','time_exit',
                 'reconciled')),
  mode         TEXT NOT NULL CHECK(mode IN ('live','paper')),
  CHECK((closed_ms IS NULL) = (exit_reason IS NULL) AND (closed_ms IS NULL) = (exit_price IS NULL))
) STRICT;
CREATE INDEX trades_by_closed ON trades(closed_ms);
CREATE TABLE equity_snapshots(
  id                INTEGER PRIMARY KEY,
  time_ms           INTEGER NOT NULL,
  equity            TEXT NOT NULL,
  available_balance TEXT NOT NULL,
  unrealized_pnl    TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK(mode IN ('live','paper'))
) STRICT;
CREATE INDEX equity_by_time ON equity_snapshots(time_ms);
)sql";

// Schema version 2: 'backtest' joins the modes (trades of `tradingbot backtest` and the demo).
// SQLite cannot alter a CHECK constraint, so the three tables with a mode are rebuilt, rows
// and ids kept (migrate_journal turns foreign keys off around it, as SQLite's documentation
// for such changes prescribes, and checks them afterwards).
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE intents_v2(
  id          INTEGER PRIMARY KEY,
  client_id   TEXT NOT NULL UNIQUE,
  symbol      TEXT NOT NULL,
  side        TEXT NOT NULL CHECK(side IN ('long','short')),
  quantity    TEXT NOT NULL,
  entry_price TEXT NOT NULL,
  stop_price  TEXT NOT NULL,
  take_profit TEXT,
  strategy    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK(state IN ('planned','sent','open','closed','failed','unknown')),
  mode        TEXT NOT NULL CHECK(mode IN ('live','paper','backtest')),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO intents_v2 SELECT * FROM intents;
DROP TABLE intents;
ALTER TABLE intents_v2 RENAME TO intents;
CREATE INDEX intents_by_state ON intents(state);
CREATE TABLE trades_v2(
  id           INTEGER PRIMARY KEY,
  intent_id    INTEGER REFERENCES intents(id),
  symbol       TEXT NOT NULL,
  side         TEXT NOT NULL CHECK(side IN ('long','short')),
  quantity     TEXT NOT NULL,
  entry_price  TEXT NOT NULL,
  exit_price   TEXT,
  realized_pnl TEXT NOT NULL,
  fees         TEXT NOT NULL,
  opened_ms    INTEGER NOT NULL,
  closed_ms    INTEGER,
  exit_reason  TEXT CHECK(exit_reason IN ('stop_loss','take_profit','manual','time_exit',
                 'reconciled')),
  mode         TEXT NOT NULL CHECK(mode IN ('live','paper','backtest')),
  CHECK((closed_ms IS NULL) = (exit_reason IS NULL) AND (closed_ms IS NULL) = (exit_price IS NULL))
) STRICT;
INSERT INTO trades_v2 SELECT * FROM trades;
DROP TABLE trades;
ALTER TABLE trades_v2 RENAME TO trades;
CREATE INDEX trades_by_closed ON trades(closed_ms);
CREATE TABLE equity_snapshots_v2(
  id                INTEGER PRIMARY KEY,
  time_ms           INTEGER NOT NULL,
  equity            TEXT NOT NULL,
  available_balance TEXT NOT NULL,
  unrealized_pnl    TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK(mode IN ('live','paper','backtest'))
) STRICT;
INSERT INTO equity_snapshots_v2 SELECT * FROM equity_snapshots;
DROP TABLE equity_snapshots;
ALTER TABLE equity_snapshots_v2 RENAME TO equity_snapshots;
CREATE INDEX equity_by_time ON equity_snapshots(time_ms);
)sql";

// migrations[v] takes a database from user_version v to v + 1.
constexpr std::array<std::string_view, journal_schema_version> migrations{schema_v1, schema_v2};

constexpr std::array<std::string_view, 5> v1_tables{"intents", "orders", "fills", "trades",
                                                     "equity_snapshots"};

constexpr std::string_view keep_the_file =
    "; start-up stopped and the file was left as it is: restore the journal from a backup, or "
    "move it away to start a new one (trades.json is then imported)";

[[noreturn]] void refuse(const std::string& path, const std::string& problem) {
  throw journal_error("trade journal " + path + ": " + problem + std::string(keep_the_file));
}

std::string hex(std::int64_t value) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  auto v = static_cast<std::uint32_t>(value);
  do {
    out.insert(out.begin(), digits[v % 16]);
    v /= 16;
  } while (v != 0);
  return "0x" + out;
}

sqlite_db open_read_only(const std::string& path) {
  try {
    return sqlite_db::open(path, sqlite_db::access::read_only);
  } catch (const journal_error& e) {
    refuse(path, std::string("cannot be opened read-only (") + e.what() + ")");
  }
}

std::int64_t pragma_integer(sqlite_db& db, std::string_view pragma) {
  try {
    return db.query_integer(pragma);
  } catch (const journal_error&) {
    if (db.last_error_is_not_a_database()) refuse(db.path(), "is not a SQLite database");
    if (db.last_error_is_corrupt()) refuse(db.path(), "is corrupt (" + db.last_error_message() + ")");
    refuse(db.path(), "cannot be read (" + db.last_error_message() + ")");
  }
}

void check_integrity(sqlite_db& db) {
  std::string problems;
  int lines = 0;
  try {
    statement s(db, "PRAGMA integrity_check(5)");
    while (s.step()) {
      const std::string line = s.text(0);
      if (line == "ok") continue;
      problems += (lines++ == 0 ? "" : "; ") + line;
    }
  } catch (const journal_error&) {
    refuse(db.path(), "is corrupt (PRAGMA integrity_check: " + db.last_error_message() + ")");
  }
  if (lines > 0) refuse(db.path(), "is corrupt (PRAGMA integrity_check: " + problems + ")");
}

void check_tables(sqlite_db& db, std::int64_t version) {
  for (const auto table : v1_tables) {
    statement s(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    s.bind(1, table);
    if (!s.step()) {
      refuse(db.path(), "has an unknown schema: schema version " + std::to_string(version) +
                            " but no table '" + std::string(table) + "'");
    }
  }
}

}  // namespace

void check_existing_journal(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) refuse(path, "cannot be read (" + ec.message() + ")");
  if (size == 0) refuse(path, "is empty (0 bytes), not a journal");

  auto db = open_read_only(path);
  const auto application_id = pragma_integer(db, "PRAGMA application_id");
  const auto version = pragma_integer(db, "PRAGMA user_version");
  if (application_id != journal_application_id) {
    refuse(path, "is a SQLite database but not a TradingBot trade journal (application_id " +
                     hex(application_id) + ", expected " + hex(journal_application_id) + ")");
  }
  if (version > journal_schema_version) {
    refuse(path, "has schema version " + std::to_string(version) +
                     ", newer than this build understands (" +
                     std::to_string(journal_schema_version) +
                     "): run the tradingbot that wrote it, or a newer one");
  }
  if (version < 1) {
    refuse(path, "has an unknown schema (user_version " + std::to_string(version) + ")");
  }
  check_integrity(db);
  check_tables(db, version);
}

void configure_connection(sqlite_db& db) {
  const std::string mode = db.query_text("PRAGMA journal_mode = WAL");
  if (mode != "wal") db.fail("cannot switch to WAL mode (journal_mode is '" + mode + "')");
  db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000");
}

void migrate_journal(sqlite_db& db, std::int64_t target_version) {
  // Rebuilding a table that others reference needs foreign keys off (it cannot change inside
  // a transaction); they are checked before each step commits and turned on again after.
  db.exec("PRAGMA foreign_keys = OFF");
  for (auto version = db.query_integer("PRAGMA user_version"); version < target_version;
       ++version) {
    transaction tx(db);
    db.exec(migrations[static_cast<std::size_t>(version)]);
    if (version == 0) {
      db.exec("PRAGMA application_id = " + std::to_string(journal_application_id));
    }
    statement violations(db, "PRAGMA foreign_key_check");
    if (violations.step()) {
      db.fail("migrating to schema version " + std::to_string(version + 1) +
              " broke a foreign key in table " + violations.text(0));
    }
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace tb::host
