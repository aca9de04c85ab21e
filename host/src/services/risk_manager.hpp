// The RiskManager: turns a ranked trade signal into an exact order plan, or refuses it with a
// reason a user can act on. Pure logic: the caller hands it the account, the open positions,
// the symbol's exchange filters and the time; it does no I/O and reads no clock.
//
// The checks, in order (the first that fails decides the reason):
//   1. locks: the daily loss limit (realized loss today >= daily_loss_limit_percent of the
//      day's starting equity, taken as equity - day_realized_pnl) locks new entries until the
//      next UTC day; the drawdown limit (equity >= max_drawdown_percent below the peak) locks
//      them until reset_drawdown_lock(). A lock is checked before anything else, so
//      `lock_started` is reported on the first evaluate() that sees it.
//   2. the signal itself (signal_problem), the symbol info (same symbol, TRADING, filters
//      that parse, positive step and tick);
//   3. positions: none already open on the symbol, fewer than max_open_positions open;
//   4. the stop-loss cooldown of the symbol;
//   5. prices on the tick grid (price_rounding in order_grid.hpp), the stop still strictly
//      on the losing side of the entry and the take-profit on the winning side, and the loss
//      at the stop less than the initial margin (|entry - stop| * leverage < entry), so the
//      stop triggers before an isolated position could be liquidated;
//   6. equity and available margin positive;
//   7. quantity = equity * risk_per_trade_percent / 100 / |entry - stop|, floored to the
//      step, then capped (floored to the step again) by max_notional_per_position / entry,
//      by max_leverage * available_margin / entry (the margin check: a position never needs
//      more initial margin than is available) and by the symbol's max_qty;
//   8. quantity >= min_qty and quantity * entry >= min_notional, exactly: an order below a
//      filter is refused with the filter and the numbers, never rounded up to it.
// Sizing uses the prices on the grid, so the risk amount is the loss at the stop actually
// placed. The risk budget (equity * percent) is computed in double and then converted
// exactly (decimal::from_double); every step after that is exact decimal arithmetic.
//
// Leverage: always max_leverage. The stop, not the leverage, bounds the loss; the highest
// allowed leverage leaves the most margin free for the other positions, and check 5 keeps
// the stop inside the liquidation distance (maintenance margin is not modelled).
#pragma once

#include <tradingbot/tb_abi.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "services/trade_signal.hpp"

namespace tb::host {

// The account as the caller last saw it, in the quote currency.
struct account_view {
  double equity = 0;            // wallet balance plus unrealized PnL
  double available_margin = 0;  // what a new position may use as initial margin
  double day_realized_pnl = 0;  // realized PnL (after fees) since 00:00 UTC of now_ms's day
  double equity_peak = 0;       // the highest equity seen; drawdown is measured from it
};

// A position (or a pending entry) that counts against the limits.
struct open_position {
  std::string symbol;
  std::int32_t side = TB_SIDE_LONG;
};

enum class risk_lock_kind { daily_loss, drawdown };

struct risk_lock {
  risk_lock_kind kind = risk_lock_kind::daily_loss;
  std::int64_t since_ms = 0;
  std::string reason;  // names the limit and the numbers that hit it
};

// Why a signal was refused; `reason` in risk_decision says it with the numbers.
enum class risk_rejection {
  none,
  locked,                   // a daily loss or drawdown lock is in force
  invalid_signal,           // signal_problem() found one
  bad_symbol_info,          // another symbol, not TRADING, or a filter that does not parse
  position_open,            // already a position on this symbol
  max_positions,            // max_open_positions reached
  cooldown,                 // a stop-loss on this symbol less than stop_loss_cooldown ago
  prices_off_grid,          // the stop or take-profit crossed the entry on the tick grid
  no_equity,                // equity or available margin not positive
  below_min_qty,            // the quantity is below the symbol's min_qty (or floors to zero)
  below_min_notional,       // quantity * entry is below min_notional
  stop_beyond_liquidation,  // the loss at the stop would exceed the initial margin
  too_large,                // a number left the exact range (order_grid.hpp)
};

const char* to_string(risk_rejection value) noexcept;
const char* to_string(margin_type value) noexcept;
const char* to_string(entry_order_type value) noexcept;

// An accepted signal as exact order values; every decimal is canonical text on its grid.
struct order_plan {
  std::string symbol;
  std::int32_t side = TB_SIDE_LONG;
  entry_order_type entry_type = entry_order_type::market;
  std::string quantity;           // on the step grid, min_qty..max_qty
  std::string entry_price;        // the limit price, or the reference price of a market entry
  std::string stop_price;         // on the tick grid, away from the entry
  std::string take_profit_price;  // on the tick grid, toward the entry
  std::uint32_t leverage = 1;
  margin_type margin = margin_type::isolated;
  std::chrono::milliseconds limit_timeout{0};  // limit entries only; 0 for market
  std::string notional;                        // quantity * entry_price, exact
  std::string risk_amount;  // quantity * |entry_price - stop_price|, exact: the loss at the stop
  std::string summary;      // one line for the log
};

struct risk_decision {
  std::optional<order_plan> plan;  // set exactly when accepted
  risk_rejection rejection = risk_rejection::none;
  std::string reason;  // empty when accepted
  // This call started a lock: the caller raises its alert now, once.
  bool lock_started = false;

  bool accepted() const noexcept { return plan.has_value(); }
};

// The lock state after looking at an account.
struct lock_update {
  std::optional<risk_lock> lock;  // the lock in force, if any
  bool started = false;           // it started on this update
};

class risk_manager {
 public:
  explicit risk_manager(risk_settings settings);

  risk_decision evaluate(const trade_signal& signal, const account_view& account,
                         const std::vector<open_position>& positions, const tb_symbol_info& info,
                         std::int64_t now_ms);

  // Checks the limits against `account` (as evaluate() does first); call it on every account
  // update too, so a lock starts (and its alert is raised) even when no signal comes.
  lock_update update_locks(const account_view& account, std::int64_t now_ms);

  // The lock in force at `now_ms`, if any (a daily lock ends at the next 00:00 UTC; a
  // drawdown lock holds until reset_drawdown_lock()). When both hold, the drawdown lock.
  std::optional<risk_lock> locked(std::int64_t now_ms) const;
  // A user's decision after a drawdown lock: entries may resume. Returns whether one was set.
  // If the drawdown is still past the limit, the next update locks again.
  bool reset_drawdown_lock();

  // A stop-loss on `symbol` closed a position at `time_ms`: no new entry on it until
  // time_ms + stop_loss_cooldown (that instant itself is allowed). The later time wins.
  void record_stop_loss(const std::string& symbol, std::int64_t time_ms);

  const risk_settings& settings() const noexcept { return settings_; }

 private:
  risk_settings settings_;
  std::optional<risk_lock> daily_lock_;
  std::optional<risk_lock> drawdown_lock_;
  std::map<std::string, std::int64_t> last_stop_ms_;
};

}  // namespace tb::host
