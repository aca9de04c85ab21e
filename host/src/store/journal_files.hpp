#pragma once

// Internal to the journal: the file steps of trade_journal::open.

#include <string>
#include <vector>

#include "store/journal_records.hpp"

namespace tb::host::journal_files {

// The trades of an existing trades.json to import (parse_trades_json), or none when the file
// does not exist; an unreadable file throws journal_error naming it.
std::vector<trade_record> read_import(const std::string& trades_json_path);

// Builds a new journal at `<db_path>.new` with the schema and `imported`, then renames it to
// `db_path` and fsyncs the directory: the journal appears whole or not at all. A leftover
// `<db_path>.new` (a start that crashed) is replaced. Refuses a `<db_path>-wal` that has no
// database, whose content would otherwise be replayed into the new journal.
void create_journal(const std::string& db_path, const std::vector<trade_record>& imported);

}  // namespace tb::host::journal_files
