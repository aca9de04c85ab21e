#pragma once
// The trading part of a run (docs/risk-and-execution.md): the trade journal in the state
// directory, the order gateway of the mode (the exchange in live mode; the host's paper
// simulation in paper and demo mode, whose account is kept in the state directory),
// reconciliation with the account before anything new, the ranked signals executed through
// the RiskManager and the ExecutionService, then (positions.follow_for) the open positions
// followed.
//
// A journal that cannot be opened (corrupt, another program's file, a newer schema) throws
// journal_error from the constructor: start-up stops and the file is left as it was.
#include <spdlog/logger.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "services/exchange_client.hpp"
#include "services/execution_service.hpp"
#include "services/paper_gateway.hpp"
#include "services/position_monitor.hpp"
#include "services/rank_signals.hpp"
#include "services/risk_manager.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

class trading_pass {
 public:
  trading_pass(core_services& services, const plugin_set& plugins, const bot_settings& settings);
  ~trading_pass();
  trading_pass(const trading_pass&) = delete;
  trading_pass& operator=(const trading_pass&) = delete;

  // Live: brings the journal in line with the exchange. False when the exchange could not
  // be read: no new entry is made then.
  bool reconcile();
  // Symbols with an open position: the ranking skips them.
  std::vector<std::string> held_symbols();
  // Executes the ranked signals in order; logs each outcome.
  void execute(const rank_outcome& ranked);
  // Follows the open positions (position_monitor.hpp) for `duration` at most, or until none
  // is left: the account stream, the periodic checks, break-even, trailing and time exits.
  void follow(std::chrono::milliseconds duration);

  // The long-running bot: the position monitor's own thread follows the open positions (the
  // account stream, a check every positions.check_every) from start_monitoring() until
  // stop_monitoring() (or destruction). Idempotent.
  void start_monitoring();
  void stop_monitoring();

  // Backtests follow positions on their one thread: attach_positions() once (subscribes to
  // the simulated account stream), then follow_step() after every move of the clock hands
  // the queued fills to the ExecutionService and, with `check`, checks the positions.
  void attach_positions();
  void follow_step(bool check);
  // Trades of this pass's mode still open in the journal (0 before attach_positions()).
  std::size_t open_trade_count();
  // The account's USDT equity now (wallet + unrealized PnL); 0 when it cannot be read.
  double equity();
  // Net realized PnL (after fees) of this mode's trades closed since 00:00 UTC.
  double today_net_pnl(std::int64_t now_ms);
  // Closes every open position at market (exit reason "manual", `why` noted): the end of a
  // backtest, so that its results hold no open trade.
  void close_all(const std::string& why);

  // Tells `listener` (null: nobody) of every trade opened or closed; it must outlive the
  // pass or be replaced first.
  void set_trade_listener(trade_listener* listener);

  trade_journal& journal() noexcept { return *journal_; }
  trade_mode mode() const noexcept { return mode_; }

 private:
  // The account for a decision; remembers it as latest_equity_.
  account_view account(std::int64_t now_ms);
  // The account's USDT balance; nullopt when there is no gateway or it cannot be read.
  std::optional<tb_balance> usdt_balance();
  // A monitor of the open positions (paper mode replays prices before each check).
  std::unique_ptr<position_monitor> make_monitor();
  // The exchange's symbol filters, read once; false when they could not be read.
  bool load_filters();
  // Paper mode: every 1m candle since the account's last price, for each symbol held, so
  // that stops and targets reached meanwhile fill (up to 1500 minutes back): at start-up,
  // for what happened while the bot was away, and before every check while following.
  void replay_paper_prices();
  // The paper account outlives the process in state_dir/paper_account.json: read at start
  // (an unreadable file stops start-up, untouched: journal_error), written atomically after
  // reconciliation, every pass and every check.
  std::filesystem::path paper_account_path() const;
  void load_paper_account();
  void save_paper_account() noexcept;

  core_services& services_;
  const bot_settings& settings_;
  std::shared_ptr<spdlog::logger> log_;
  trade_mode mode_;
  std::unique_ptr<trade_journal> journal_;
  std::unique_ptr<exchange_client> exchange_;  // market data and symbol filters; live orders
  std::unique_ptr<paper_gateway> paper_;       // paper and demo orders
  order_gateway* gateway_ = nullptr;
  risk_manager risk_;
  std::unique_ptr<execution_service> execution_;
  std::map<std::string, tb_symbol_info> filters_;
  bool reconciled_ = false;
  std::optional<equity_snapshot> latest_equity_;
  std::optional<double> journal_peak_;  // the highest equity journalled before this pass
  std::unique_ptr<position_monitor> stepped_monitor_;  // attach_positions(); before execution_
  std::unique_ptr<position_monitor> service_monitor_;  // start_monitoring(); before execution_

  // A backtest's account (one thread; every change comes as an order update that
  // follow_step() pumps, or from the orders execute() and close_all() send) is read again
  // only after such a change: the held symbols always, the equity while no trade is open
  // (no mark moves it then). Live and paper accounts are always read.
  struct account_cache {
    std::optional<double> equity;
    std::optional<std::vector<std::string>> held;
  };
  bool caches_account() const noexcept { return stepped_monitor_ != nullptr; }
  void account_changed() noexcept { cached_ = {}; }
  account_cache cached_;  // filled only when caches_account()
};

}  // namespace tb::host
