// The bot's settings after loading and validation: plain values, every path absolute.
//
// load_settings() (config/load_settings.hpp) fills these from a YAML file; every field has
// been checked against the range documented beside it, so users of these structs need not
// check again. docs/configuration.md describes each setting as the user writes it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::host {

// demo: the whole bot offline, on the simulated exchange's synthetic market (a backtest with
// defaults); backtest: `tradingbot backtest` over the `backtest:` period; paper: live prices,
// fills simulated by the host; live: real orders.
enum class run_mode { demo, paper, live, backtest };
enum class log_level { trace, debug, info, warn, error, critical };  // TB_LOG_* order
enum class log_format { text, json };
enum class plugin_kind { exchange, strategy, notifier };
enum class severity_level { info, warning, critical };  // TB_SEVERITY_* order
enum class reload_mode { manual, watch };

// The YAML spelling of each enum value ("demo", "warn", "notifier", ...).
std::string_view to_string(run_mode value);
std::string_view to_string(log_level value);
std::string_view to_string(log_format value);
std::string_view to_string(plugin_kind value);
std::string_view to_string(severity_level value);
std::string_view to_string(reload_mode value);

struct logging_settings {
  log_level level = log_level::info;
  bool console = true;
  std::filesystem::path file;           // absolute; "trading_bot.log" in state_dir by default
  std::uint32_t max_file_size_mb = 10;  // 1..1024: the log file rotates past this size
  std::uint32_t max_files = 5;          // 1..100: rotated files kept, the live one included
  log_format format = log_format::text;
  std::map<std::string, log_level> components;  // per-component overrides of `level`

  bool operator==(const logging_settings&) const = default;
};

struct plugin_entry {
  std::string name;                 // [a-z0-9_]+: loads <name>.so; the descriptor id must match
  std::optional<plugin_kind> kind;  // when set, the loaded plugin must be of this kind
  bool optional = false;            // true: a failure is reported and the plugin is skipped
  // Always a JSON object; settings.dump() cannot throw (strings are checked to be UTF-8) and
  // is what config_get hands the plugin.
  nlohmann::json settings = nlohmann::json::object();

  bool operator==(const plugin_entry&) const = default;
};

struct plugins_settings {
  std::vector<std::filesystem::path> directories;  // absolute; searched before the defaults
  std::vector<plugin_entry> load;                  // in load order; names are unique

  bool operator==(const plugins_settings&) const = default;
};

struct rate_limit_bucket {
  std::string name;                       // [A-Za-z0-9_.-]+, unique: "binance.ip_weight"
  std::uint32_t capacity = 0;             // 1..1000000 tokens per interval
  std::chrono::milliseconds interval{0};  // 100ms..24h
  double critical_reserve = 0.0;          // 0..0.9: share of capacity only TB_LANE_CRITICAL may use

  bool operator==(const rate_limit_bucket&) const = default;
};

struct breaker_settings {
  std::uint32_t consecutive_failures = 5;      // 1..1000: this many failures in a row open it
  double failure_rate = 0.5;                   // 0.01..1: or this share of the window failing
  std::uint32_t window_calls = 20;             // 1..10000: calls the failure rate looks back on
  std::uint32_t minimum_calls = 10;            // 1..window_calls: calls before the rate counts
  std::chrono::milliseconds cooldown{30'000};  // 100ms..1h: open time before half-open
  std::uint32_t half_open_probes = 3;          // 1..100: successes in half-open that close it

  bool operator==(const breaker_settings&) const = default;
};

struct circuit_breaker_settings {
  breaker_settings defaults;  // YAML `default`: breakers without an override
  // Breaker name -> settings: `default` with the keys the override gives applied on top.
  std::map<std::string, breaker_settings> overrides;

  bool operator==(const circuit_breaker_settings&) const = default;
};

struct cache_settings {
  std::chrono::milliseconds default_ttl{30'000};  // 100ms..24h: for puts with ttl_ms <= 0
  std::uint64_t max_entries = 100'000;            // 1..100000000
  std::uint32_t max_size_mb = 256;                // 1..65536

  bool operator==(const cache_settings&) const = default;
};

// YAML `data.universe`: which symbols are scanned.
struct data_universe_settings {
  std::string quote = "USDT";        // [A-Z0-9]+: the quote asset of the perpetuals kept
  std::vector<std::string> include;  // symbols ([A-Z0-9_]+); non-empty: only these
  std::vector<std::string> exclude;  // symbols never scanned; wins over include

  bool operator==(const data_universe_settings&) const = default;
};

// YAML `data`: the market-data service (host/src/services/data_service.hpp).
struct data_settings {
  std::uint32_t batch_size = 50;                      // 1..200: requests in flight at once
  std::chrono::milliseconds request_timeout{10'000};  // 100ms..5m: deadline of each request
  std::chrono::milliseconds cache_ttl{30'000};        // 100ms..24h: klines in the host cache
  std::vector<std::string> intervals = {"15m", "1h", "4h"};  // Binance codes, unique, >= 1
  std::uint32_t lookback = 500;  // 10..1500: closed candles kept per symbol and interval
  data_universe_settings universe;

  bool operator==(const data_settings&) const = default;
};

// YAML `strategy`: how the StrategyEngine's signals are used.
struct strategy_settings {
  std::uint32_t max_signals = 3;  // 1..100: ranked signals kept per scan (rank_signals' limit)

  bool operator==(const strategy_settings&) const = default;
};

enum class margin_type { isolated, cross };
enum class entry_order_type { market, limit };

// YAML `risk`: the RiskManager's limits (host/src/services/risk_manager.hpp).
struct risk_settings {
  std::uint32_t max_open_positions = 3;  // 1..100; one position per symbol always
  double risk_per_trade_percent = 1.0;   // 0.01..10: equity lost if the stop is hit
  std::uint32_t max_leverage = 5;        // 1..125: the leverage every entry is set to
  margin_type margin = margin_type::isolated;  // YAML `margin_type`
  double max_notional_per_position = 0;  // 0..1e12 quote currency; 0: no limit
  double daily_loss_limit_percent = 3;   // 0..100 of the day's starting equity; 0: off
  double max_drawdown_percent = 15;      // 0..100 below the equity peak; 0: off
  std::chrono::milliseconds stop_loss_cooldown{4 * 3'600'000};  // 0..168h per symbol
  entry_order_type entry_order = entry_order_type::market;      // YAML `entry_order`
  std::chrono::milliseconds limit_timeout{60'000};  // 1s..1h: a limit entry's lifetime

  bool operator==(const risk_settings&) const = default;
};

// YAML `positions`: how open positions are followed once entered (position_monitor.hpp).
struct position_settings {
  std::chrono::milliseconds check_every{30'000};  // 1s..1h: the REST safety net's period
  // 0..30d: how long `tradingbot run` keeps following open positions after its pass (the
  // account stream, the checks, the stop moves); 0 leaves them to their exchange-held orders.
  std::chrono::milliseconds follow_for{0};
  double break_even_at_r = 0;   // 0..100: at this many R of profit the stop moves to the entry; 0 off
  double trailing_stop_r = 0;   // 0..100: the stop trails the price by this many R; 0 off
  std::chrono::milliseconds max_hold{0};  // 0..90d: older positions are closed at market; 0 off

  // Break-even, trailing or a time exit: a check of the open positions has work to do.
  bool manages_positions() const noexcept {
    return break_even_at_r > 0 || trailing_stop_r > 0 || max_hold.count() > 0;
  }

  bool operator==(const position_settings&) const = default;
};

struct alert_rule_settings {
  std::string name;    // [A-Za-z0-9_.-]+, unique: the alert key handed to notifiers
  std::string metric;  // a metric name: [A-Za-z_:][A-Za-z0-9_:]*
  // Exactly one of above/below is set, a finite number. The alert fires when the metric is
  // strictly above (below) it for at least `for_duration`.
  std::optional<double> above;
  std::optional<double> below;
  std::chrono::milliseconds for_duration{0};  // YAML `for`: 0..24h
  severity_level severity = severity_level::warning;

  bool operator==(const alert_rule_settings&) const = default;
};

struct alert_settings {
  std::vector<alert_rule_settings> rules;

  bool operator==(const alert_settings&) const = default;
};

// YAML `backtest`: the period and the outputs of a backtest (run_mode backtest or demo) on a
// simulated exchange (docs/backtesting.md).
struct backtest_settings {
  // UTC epoch milliseconds, start < end; required in backtest mode. The demo's default is the
  // 60 days before 2025-11-01.
  std::int64_t start_ms = 1'756'684'800'000;  // 2025-09-01
  std::int64_t end_ms = 1'761'955'200'000;    // 2025-11-01
  // 1m..1d: while trades are open the host handles fills and checks its positions at least
  // this often (virtual time); flat, it moves from one strategy candle close to the next.
  std::chrono::milliseconds step{60'000};
  std::filesystem::path output_dir = "backtest";  // absolute after loading; state_dir-relative
  std::uint32_t chart_symbols = 6;  // 0..100: symbols charted in the report, most traded first
  bool progress = true;             // a progress bar on a terminal, lines otherwise

  bool operator==(const backtest_settings&) const = default;
};

// YAML `service`: `tradingbot run` as a long-running service (docs/operations.md).
struct service_settings {
  // 0: a scan at every close of the strategies' shortest interval; otherwise every this
  // long (10s..24h), counted from the start.
  std::chrono::milliseconds scan_every{0};
  // 0..5m: how long after a close the scan starts, so that the exchange has closed the candle.
  std::chrono::milliseconds scan_delay{3'000};
  // 1s..10m: the bound on an orderly stop (SIGTERM, SIGINT): the cycle in flight may finish
  // within it, then the journal, metrics.json and the plugins are closed.
  std::chrono::milliseconds stop_timeout{30'000};
  // Strategy hot-reload: manual (SIGHUP, POST /api/reload) or watch (also on a change in a
  // plugin directory, seen through inotify and debounced).
  reload_mode strategy_reload = reload_mode::manual;
  std::chrono::milliseconds reload_debounce{500};  // 50ms..1m
  // 1..100: failed scans in a row after a reload that roll the strategy back to the
  // version before it.
  std::uint32_t reload_probation_faults = 3;

  bool operator==(const service_settings&) const = default;
};

// YAML `api`: the admin HTTP API (docs/operations.md).
struct api_settings {
  bool enabled = false;
  std::string bind = "127.0.0.1";  // an IPv4 or IPv6 address literal
  std::uint16_t port = 8787;       // 0: any free port (the log says which)
  // Bearer token of every route but /healthz and /readyz: at least 16 characters, required
  // when enabled; write it as ${TB_API_TOKEN}. Always one of bot_settings::secrets.
  std::string token;

  bool operator==(const api_settings&) const = default;
};

// YAML `monitoring`: the MonitoringService's checks and the thresholds of its built-in
// alerts (services/monitoring_service.hpp lists them). 0 turns off the drawdown and error-rate
// alerts; for the durations, 0 means the default named beside each.
struct monitoring_settings {
  std::chrono::milliseconds check_every{10'000};  // 1s..1h: alerts are evaluated this often
  double max_drawdown_percent = 10;               // 0..100: equity below its peak
  double max_errors_per_minute = 10;              // 0..1e6: errors of every kind, over 5 minutes
  std::chrono::milliseconds max_scan_time{0};     // 0..1h; 0: the scan period's half
  std::chrono::milliseconds stale_data_after{0};  // 0..7d; 0: three scan periods
  std::chrono::milliseconds breaker_open_for{0};  // 0..1h: a breaker open this long alerts
  std::chrono::milliseconds stopless_after{60'000};  // 1s..1h: a position without a stop
  std::uint32_t strategy_faults = 3;  // 1..1000: failed scans in a row of one strategy
  // 0..24h: an alert's resolution within this period of its raise is held back until the
  // period ends, and dropped with the raise if the alert comes back meanwhile: a flapping
  // alert is heard once per period, and an active one is never left looking resolved.
  std::chrono::milliseconds notify_every{300'000};

  bool operator==(const monitoring_settings&) const = default;
};

// Binance USD-M futures limits: 2400 request weight per minute per IP, 1200 orders per
// minute and 300 orders per 10 seconds per account. Used when `rate_limits` is omitted.
std::vector<rate_limit_bucket> default_rate_limits();

struct bot_settings {
  run_mode mode = run_mode::demo;
  std::filesystem::path source_file;  // absolute path of the YAML file these came from
  std::filesystem::path state_dir;    // absolute; trades.json, metrics.json and logs live here
  logging_settings logging;
  plugins_settings plugins;
  std::vector<rate_limit_bucket> rate_limits = default_rate_limits();
  circuit_breaker_settings circuit_breakers;
  cache_settings cache;
  alert_settings alerts;
  data_settings data;
  strategy_settings strategy;
  risk_settings risk;
  position_settings positions;
  backtest_settings backtest;
  service_settings service;
  api_settings api;
  monitoring_settings monitoring;
  // Every value substituted from the environment (${VAR}), non-empty, without duplicates,
  // longest first so a redactor replacing them in order never leaves part of one behind.
  // Nothing that prints settings may show these; the logger redacts them.
  std::vector<std::string> secrets;
  // Where those values were used: the paths of settings written with ${VAR} in them, as
  // diagnostics name them ("mode", "rate_limits[0].capacity", "plugins.load[1].settings.key").
  std::set<std::string> from_environment;

  bool operator==(const bot_settings&) const = default;
};

}  // namespace tb::host
