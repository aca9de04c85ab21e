#pragma once
// Following open positions once they are entered (docs/risk-and-execution.md, "Following
// positions"):
// - the account stream: order updates are queued by the plugin's thread (a stream callback
//   returns at once) and handed to the ExecutionService on the monitor's own thread, so a
//   stop or target that fills closes its trade, with its fills, within moments;
// - a periodic REST check, the safety net for whatever the stream missed (a dropped
//   connection, a restart): in live mode the reconciler closes trades whose position is gone
//   and re-arms missing protection;
// - management at every check, from the positions' mark prices: the stop moves to the entry
//   once the position is break_even_at_r R in profit, trails trailing_stop_r R behind the
//   price once it is that far in profit, and a position held longer than max_hold is closed
//   at market. A stop only ever moves toward profit, on the tick grid, never through the
//   price; the new one is placed before the old one is cancelled.
// R is the planned risk: the distance from the entry to the intent's first stop.
#include <spdlog/logger.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "config/settings.hpp"
#include "core/alert_manager.hpp"
#include "core/clock.hpp"
#include "services/execution_service.hpp"
#include "services/order_gateway.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

class position_monitor {
 public:
  // The tick size of a symbol, as the exchange states it ("0.1"); nullopt when unknown.
  using tick_lookup = std::function<std::optional<std::string>(const std::string& symbol)>;

  position_monitor(order_gateway& gateway, trade_journal& journal, execution_service& execution,
                   alert_manager& alerts, const clock& clk, std::shared_ptr<spdlog::logger> log,
                   position_settings settings, trade_mode mode, tick_lookup ticks,
                   std::chrono::milliseconds call_timeout);
  ~position_monitor();
  position_monitor(const position_monitor&) = delete;
  position_monitor& operator=(const position_monitor&) = delete;

  // Subscribes to the account stream (live and backtest mode) and starts the monitor's thread, which
  // checks every check_every. False when the stream could not be subscribed: the checks
  // still run.
  bool start();
  // The same without the thread, for a backtest's single thread: subscribes (live and
  // backtest mode); the caller hands queued updates over with pump() and calls check().
  bool attach();
  // Hands every queued account update to the ExecutionService, on the caller's thread;
  // returns how many there were.
  std::size_t pump();
  // Stops the thread after the update or check it is working on. Idempotent.
  void stop();
  // One check now, on the caller's thread: reconcile (live), then manage every open trade.
  void check();
  // Blocks until `duration` has passed or no trade of the mode is open any more.
  void follow(std::chrono::milliseconds duration);
  // The journal's open trades of the mode.
  std::size_t open_trade_count();
  // Called before each check (paper mode feeds the simulation fresh prices with it).
  void before_check(std::function<void()> hook) { before_check_ = std::move(hook); }

 private:
  void run();
  void manage(const intent_record& intent, const trade_record& trade, double mark);

  order_gateway& gateway_;
  trade_journal& journal_;
  execution_service& execution_;
  alert_manager& alerts_;
  const clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  position_settings settings_;
  trade_mode mode_;
  tick_lookup ticks_;
  std::chrono::milliseconds call_timeout_;
  std::function<void()> before_check_;

  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<tb_order_state> updates_;
  bool stopping_ = false;
  bool check_soon_ = false;
  std::mutex check_mutex_;  // one check at a time (the thread's, or a caller's)
  std::thread thread_;
};

}  // namespace tb::host
