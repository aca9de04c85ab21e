#pragma once

#include <stdexcept>
#include <string>

namespace tb::host {

// Every failure of the trade journal: a message naming the file, the operation and the cause,
// and what to do about it. Thrown at start-up (a journal or trades.json that cannot be used)
// and by a recording call whose change was not stored (rolled back as a whole).
class journal_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// trades.json could not be written (disk full, permissions): thrown by trade_journal::open and
// rewrite_trades_json(). The database is unaffected.
class trades_json_error : public journal_error {
 public:
  using journal_error::journal_error;
};

}  // namespace tb::host
