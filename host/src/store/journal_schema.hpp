#pragma once

#include <cstdint>
#include <string>

#include "store/sqlite_db.hpp"

namespace tb::host {

// The journal's schema version (PRAGMA user_version) that this build writes and reads.
inline constexpr std::int64_t journal_schema_version = 2;  // 2: the backtest mode
// PRAGMA application_id of a TradingBot journal: "TBJN".
inline constexpr std::int64_t journal_application_id = 0x54424A4E;

// Checks an existing journal through a read-only connection, so that nothing is written to a
// file that is not a healthy journal: it must be a SQLite database, carry the journal's
// application_id, have a schema version this build knows (1..journal_schema_version) with its
// tables, and pass PRAGMA integrity_check. Throws journal_error naming the file and the
// problem otherwise.
void check_existing_journal(const std::string& path);

// Sets the connection's settings: WAL (verified), synchronous=FULL (a commit survives power
// loss: an intent is durable before its order is sent), foreign keys on, a busy timeout.
void configure_connection(sqlite_db& db);

// Brings the schema from its user_version up to target_version (tests stop at an older one),
// one transaction per step; a new, empty database gets the whole schema.
void migrate_journal(sqlite_db& db, std::int64_t target_version = journal_schema_version);

}  // namespace tb::host
