#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/settings.hpp"
#include "core/alert_manager.hpp"
#include "core/breaker_registry.hpp"
#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/metrics_registry.hpp"
#include "services/error_rate_window.hpp"
#include "services/monitoring_alerts.hpp"
#include "services/monitoring_metrics.hpp"

namespace tb::host {

// One scan cycle; durations in ns on the monotonic clock.
struct scan_timings {
  std::int64_t fetch_ns = 0;
  std::int64_t analyze_ns = 0;
  std::int64_t rank_ns = 0;
  std::int64_t execute_ns = 0;
  std::int64_t total_ns = 0;
  std::size_t symbols = 0;
  std::size_t signals_found = 0;
  std::size_t signals_taken = 0;
  std::int64_t finished_ms = 0;  // wall clock
  bool ok = true;                // false: the cycle failed as a whole
  std::string problem;           // why, when !ok
};

struct position_view {
  std::string symbol;
  std::string side;  // "long" / "short"
  double quantity = 0;
  double entry_price = 0;
  std::optional<double> stop_price;   // of a working stop order; none: unprotected
  std::optional<double> take_profit;  // of a working take-profit order
  double unrealized_pnl = 0;
  std::int64_t opened_ms = 0;  // wall clock
};

// {"symbol", "side", "quantity", "entry_price", "stop_price", "take_profit" (null: none),
// "unrealized_pnl", "opened_ms"}: /api/status and /api/positions show positions so.
nlohmann::json position_json(const position_view& p);

// The duration of one stage of the scan (`total`: the whole of it).
std::int64_t stage_ns(const scan_timings& scan, scan_stage stage) noexcept;

// What one read of the account showed.
struct account_observation {
  // Wallet balance + unrealized PnL. Leave it empty when the read failed: the last equity
  // stays (a 0 would read as a 100 % drawdown).
  std::optional<double> equity;
  // A peak known from before this run (the journal's equity history); the service keeps the
  // highest of it and every equity it saw.
  std::optional<double> equity_peak;
  double today_pnl = 0;  // realized since 00:00 UTC, net of fees
  std::vector<position_view> positions;
};

struct monitored_plugin {
  std::string name;     // the instance name
  std::string version;  // the plugin's own version
  std::string kind;     // "exchange", "strategy", ...; may be empty
};

struct monitoring_identity {
  std::string mode;     // "paper", "live", ...
  std::string version;  // the host's
  std::int64_t started_ms = 0;  // wall clock
  std::vector<monitored_plugin> plugins;
};

// The MonitoringService: what the bot is doing and whether it is well, for the admin API
// (/api/stats, /api/status), the chat commands and the alert notifiers. The service loop
// feeds it after every scan and every account read, and calls check_alerts() every
// monitoring.check_every.
//
// Metrics it keeps (in the given registry):
//   tb_scan_stage_seconds{stage=fetch|analyze|rank|execute|total}  histogram, ok scans only
//   tb_scans_total{outcome=ok|failed}                              counter
//   tb_scans_missed_total                                          counter
//   tb_signals_found_total, tb_signals_taken_total                 counters
//   tb_equity, tb_equity_peak, tb_drawdown_percent                 gauges (percent of the peak)
//   tb_today_pnl, tb_unrealized_pnl                                gauges
//   tb_open_positions, tb_positions_without_stop                   gauges
//   tb_market_data_age_seconds                                     gauge, set by check_alerts()
//   tb_errors_per_minute                                           gauge, set by check_alerts()
//   tb_paused                                                      gauge, 1 while paused
//   and whatever record_metric() is given (gauges).
//
// Built-in alerts (raised and resolved through the alert manager by check_alerts(); each
// resolves at the first check where its condition no longer holds; thresholds are
// monitoring.* settings):
//   monitor:drawdown              critical  equity more than max_drawdown_percent below its
//                                           peak (0: off). The peak is the highest equity seen
//                                           by this run or handed in as equity_peak.
//   monitor:error_rate            warning   errors per minute over the last 5 minutes above
//                                           max_errors_per_minute (0: off). What counts as an
//                                           error: see count_errors() in error_rate_window.hpp
//                                           (every *_errors_total and *_failures_total counter,
//                                           tb_scans_total{outcome="failed"},
//                                           tb_data_requests_total{result="failed"}).
//   monitor:slow_scan             warning   the last scan's total time above max_scan_time
//                                           (0: half the scan period).
//   monitor:breaker_open{NAME}    warning   circuit breaker NAME not closed (open, or
//                                           half-open probing) for longer than
//                                           breaker_open_for (0: at the first check that sees
//                                           it open), measured from the first check that saw
//                                           it so. The breaker registry's own "breaker:NAME"
//                                           alert fires at once on every opening.
//   monitor:stale_data            warning   the newest closed candle seen is older than
//                                           stale_data_after (0: three scan periods); never
//                                           before observe_market_data() was first called.
//   monitor:stopless{SYMBOL}      critical  an open position with no working stop for longer
//                                           than stopless_after, measured from the first
//                                           observe_account() that showed it without one.
//   monitor:strategy_fault{NAME}  warning   strategy NAME failed strategy_faults scans in a row.
//
// Health components it keeps (in the given registry):
//   scan             healthy; degraded when the last scan was slow; unhealthy when it failed.
//   market_data      healthy; degraded when stale (from the first observe_market_data()).
//   positions        healthy; degraded while a position has no stop; unhealthy once one has
//                    had none for longer than stopless_after (from the first observe_account()).
//   strategy.NAME    healthy; degraded after a failed scan; unhealthy at strategy_faults in a
//                    row (from the first record_strategy_outcome() for NAME).
//
// Thread-safety: every member may be called from any thread, concurrently. check_alerts()
// runs one at a time (a second caller waits) and must not be called from an alert
// subscriber. Alerts go to the alert manager outside this service's lock, so a subscriber
// may read status() or stats().
class monitoring_service {
 public:
  // How many of the latest successful scans stats() takes its stage percentiles over.
  static constexpr std::size_t scan_history = 100;
  // The window of the error rate.
  static constexpr std::chrono::minutes error_window{5};

  // Every reference must outlive the service. Throws std::invalid_argument when scan_period
  // is not positive.
  monitoring_service(metrics_registry& metrics, health_registry& health, alert_manager& alerts,
                     breaker_registry& breakers, const clock& clk,
                     const monitoring_settings& settings, monitoring_identity identity,
                     std::chrono::milliseconds scan_period);
  monitoring_service(const monitoring_service&) = delete;
  monitoring_service& operator=(const monitoring_service&) = delete;

  // New thresholds (a configuration reload); they apply from the next check.
  void update_settings(const monitoring_settings& settings);

  // Sets a gauge, registered on first use. Throws std::invalid_argument (from the registry)
  // for an invalid name or label, or a name registered as another type.
  void record_metric(std::string_view name, double value, metric_labels labels = {});
  void update_health(std::string_view component, health_state state, std::string_view detail);

  void record_scan(const scan_timings& scan);
  // Scheduled scans that did not happen: the scan before ran past their time.
  void record_missed_scans(std::uint64_t count);
  // One strategy's outcome in a scan: counts its failures in a row.
  void record_strategy_outcome(std::string_view strategy, bool ok, std::string_view detail);
  void observe_account(const account_observation& account);
  // The close time (wall clock, ms) of the newest closed candle the last scan saw.
  void observe_market_data(std::int64_t newest_close_ms);
  void set_paused(bool paused);

  // The built-in rules above, then alert_manager::evaluate() for the configured rules.
  void check_alerts();

  // Statistics per service:
  //   scans:      count, failures, missed, window (scans the percentiles cover), stages: {fetch,
  //               analyze, rank, execute, total: {p50_ms, p95_ms, max_ms}} (nearest rank,
  //               over the latest `scan_history` successful scans; null before the first)
  //   data:       requests, requests_failed, weight_used, cache_hits, candles_pushed, gaps,
  //               stream_disconnects, failed_symbols, stale_symbols (the last two summed over
  //               intervals), from the registry's tb_data_* families
  //   strategies: {NAME: {signals, invalid, errors, faults_in_a_row}}, from
  //               tb_strategy_*_total{strategy} and record_strategy_outcome()
  //   execution:  signals_found, signals_taken, ranked (tb_rank_signals_total),
  //               open_positions, positions_without_stop
  //   errors:     per_minute (at the last check), window_minutes
  //   breakers:   {NAME: "closed" | "open" | "half_open"}
  //   alerts:     active: [{key, severity, title, detail, since_ms}]
  nlohmann::json stats() const;
  // One screen: time_ms, started_ms, uptime_ms, mode, version, plugins [{name, version,
  // kind}], paused, last_scan (null, or {finished_ms, duration_ms, symbols, signals_found,
  // signals_taken, ok, problem}), equity, equity_peak, drawdown_percent (null before the
  // first equity), today_pnl, unrealized_pnl, positions [{symbol, side, quantity,
  // entry_price, stop_price, take_profit (null when none), unrealized_pnl, opened_ms}],
  // market_data ({newest_close_ms, age_ms} or null), health {overall, components
  // [{component, state, detail, changed_ms}]}, alerts [as in stats()].
  nlohmann::json status() const;
  // status() as a short human-readable block, for the log and chat.
  std::string status_text() const;

 private:
  struct strategy_record {
    std::uint32_t faults_in_a_row = 0;
    std::string last_problem;
  };
  using breaker_states = std::vector<std::pair<std::string, breaker_state>>;

  breaker_states read_breakers() const;
  std::vector<monitor_alert> wanted_alerts_locked(std::int64_t now_ns, std::int64_t now_ms,
                                                  const breaker_states& breakers);
  void update_market_data_health_locked(std::int64_t now_ms);
  void update_positions_health_locked(std::int64_t now_ns);
  void update_strategy_health_locked(const std::string& strategy, const strategy_record& r);
  std::chrono::milliseconds slow_limit_locked() const;

  metrics_registry& metrics_;
  health_registry& health_;
  alert_manager& alerts_;
  breaker_registry& breakers_;
  const clock& clock_;
  const monitoring_identity identity_;
  const std::chrono::milliseconds scan_period_;
  monitoring_metrics handles_;

  std::mutex check_mutex_;  // one check_alerts() at a time
  mutable std::mutex mutex_;
  monitoring_settings settings_;                                  // guarded by mutex_
  bool paused_ = false;                                           // guarded by mutex_
  std::optional<scan_timings> last_scan_;                         // guarded by mutex_
  std::deque<scan_timings> recent_scans_;  // ok scans, oldest first; guarded by mutex_
  std::map<std::string, strategy_record, std::less<>> strategies_;  // guarded by mutex_
  std::optional<double> equity_;                                  // guarded by mutex_
  double equity_peak_ = 0;                                        // guarded by mutex_
  double today_pnl_ = 0;                                          // guarded by mutex_
  bool account_seen_ = false;                                     // guarded by mutex_
  std::vector<position_view> positions_;                          // guarded by mutex_
  // Symbol -> monotonic time of the first observation without a stop.
  std::map<std::string, std::int64_t, std::less<>> stopless_since_ns_;    // guarded by mutex_
  std::optional<std::int64_t> newest_close_ms_;                            // guarded by mutex_
  // Breaker -> monotonic time of the first check that saw it not closed.
  std::map<std::string, std::int64_t, std::less<>> breaker_open_since_ns_;  // guarded by mutex_
  error_rate_window errors_;                                               // guarded by mutex_
  std::set<std::string, std::less<>> raised_;  // monitor:* keys raised; guarded by mutex_
};

}  // namespace tb::host
