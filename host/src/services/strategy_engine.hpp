#pragma once

#include <tradingbot/tb_abi.h>

#include <spdlog/logger.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/metric_handles.hpp"
#include "core/metrics_registry.hpp"
#include "plugin/plugin_instance.hpp"
#include "services/rank_signals.hpp"
#include "services/strategy_client.hpp"
#include "services/trade_signal.hpp"
#include "services/worker_pool.hpp"

namespace tb::host {

// A shard whose on_scan failed; its signals were discarded, the other shards' kept.
struct strategy_error {
  std::string strategy;
  std::string instance;
  strategy_status status;  // its message names the strategy and the instance
};

// How one strategy's scan went in one batch. Durations are on the engine's monotonic clock.
struct strategy_timing {
  std::string strategy;
  std::size_t shards = 0;
  std::size_t series = 0;        // series handed to its shards, in all
  std::size_t signals = 0;       // valid signals kept
  std::size_t invalid = 0;       // signals refused
  std::size_t failed = 0;        // shards whose on_scan failed (each one is in errors)
  std::int64_t duration_ns = 0;  // its slowest shard: the strategy's share of the batch time
  std::int64_t busy_ns = 0;      // every shard's time added up
};

// What analyze_batch() returns. Signals are in a fixed order: strategies in the order they
// were added, each one's shards in order, each shard's signals in emission order.
struct batch_result {
  std::vector<trade_signal> signals;
  std::vector<invalid_signal> invalid;
  std::vector<strategy_error> errors;
  std::vector<strategy_timing> timings;  // one per strategy, in the order added
  std::int64_t duration_ns = 0;
};

// How a strategy's latest scans went since it was added or last replaced: every
// analyze_batch() that handed it series counts one scan, failed when one of its shards failed.
// (Totals are the metrics' business: tb_strategy_scan_seconds, tb_strategy_scan_errors_total.)
struct scan_record {
  std::uint32_t failed_in_a_row = 0;  // the latest scans that failed, up to the last clean one
  std::uint32_t clean_in_a_row = 0;   // the latest clean scans, up to the last failed one
};

// Every strategy's data needs merged, for the DataService: the largest lookback asked for
// each interval. A strategy whose data_needs() failed is in errors and adds nothing.
struct needs_result {
  std::map<std::string, std::uint32_t> lookback_by_interval;
  std::vector<strategy_error> errors;
};

// Runs every configured strategy over the whole universe in parallel, and ranks the result.
//
// Shards. A strategy's calls are [instance]: one instance is never called from two threads
// at once. So a strategy is given one or more instances of its plugin ("shards"), and shard k
// of n scans the series whose symbol_id % n == k. Every interval of a symbol goes to the
// same shard, and since symbol ids are stable for the process's life, a symbol's per-symbol
// state stays in one instance from scan to scan. A strategy that looks across symbols
// (breadth, correlation with BTC) sees only its slice: give it one shard.
//
// analyze_batch() submits one task per (strategy, shard) with a non-empty slice to the
// engine's worker_pool and waits for all of them; the pool's size bounds how many run at
// once (the cores). A failing shard (a status, or an exception the plugin guard caught)
// becomes a strategy_error and does not stop the others. Every series of the universe goes
// to every strategy: each strategy picks the intervals it asked for.
//
// Logs (through the given logger): one info line per batch and per ranking, a warning per
// invalid signal, an error per failed shard, an info line per ranked signal.
// Metrics: tb_strategy_signals_total{strategy}, tb_strategy_invalid_signals_total{strategy},
// tb_strategy_scan_errors_total{strategy}, tb_strategy_scan_seconds{strategy} (the slowest
// shard's time), tb_rank_dropped_held_total, tb_rank_signals_total (signals ranked and kept).
//
// Thread-safety: add_strategy() is a [control] call, normally made before the first batch;
// it and analyze_batch() run one at a time (a second caller waits). rank_signals() may be called from
// any thread. The instances, clock, registry and logger must outlive the engine, and the
// instances must stay started while a batch runs.
class strategy_engine {
 public:
  // threads: the worker pool's size (0: std::thread::hardware_concurrency(), at least 1).
  // metrics and log may be null.
  strategy_engine(const clock& clk, metrics_registry* metrics,
                  std::shared_ptr<spdlog::logger> log, std::size_t threads = 0);
  ~strategy_engine();
  strategy_engine(const strategy_engine&) = delete;
  strategy_engine& operator=(const strategy_engine&) = delete;

  // Adds a strategy named `name` run by `shards` (at least one, all of the same plugin and
  // settings). Throws std::invalid_argument for no shard, a repeated name, an instance that
  // is already a shard (here or of another strategy) or one that is not a strategy (see
  // strategy_client). [control]
  void add_strategy(std::string name, const std::vector<const plugin_instance*>& shards);

  // For hot reload (app/strategy_reloader), [control] calls that wait for a running batch:
  // Puts `shards` (at least one; each one's own instance, started) in place of the shards of
  // strategy `name`, so the next batch runs them, and returns the old ones, which the caller
  // may then stop. Shard k of the new set scans the slice old shard k scanned when their
  // counts are equal. Its metrics go on; its scan_record starts again. Throws
  // std::invalid_argument (an unknown name, no shard, a null one, an instance that is a shard
  // of another strategy or twice in `shards`) or plugin_error (see strategy_client), leaving
  // the strategy as it was.
  std::vector<const plugin_instance*> replace_strategy(
      std::string_view name, const std::vector<const plugin_instance*>& shards);
  // The strategies' names, in the order added.
  std::vector<std::string> strategy_names() const;
  // The instances running strategy `name`, shard 0 first; empty for an unknown name.
  std::vector<const plugin_instance*> shards_of(std::string_view name) const;
  // Zero for an unknown name.
  scan_record scan_record_of(std::string_view name) const;

  // Asks each strategy's first shard (its shards share plugin and settings). Waits for a
  // running batch, like analyze_batch().
  needs_result data_needs();

  // The universe is borrowed for the call: every symbol's series at every interval needed.
  batch_result analyze_batch(const std::vector<tb_series>& universe);

  // rank_signals() of rank_signals.hpp, logged and counted.
  rank_outcome rank_signals(std::vector<trade_signal> signals,
                            const std::vector<std::string>& held_symbols, std::size_t limit = 3);
  // The same over a batch's signals; its refused signals count as candidates and invalid, so
  // the one log line of the batch's ranking has every count.
  rank_outcome rank_signals(const batch_result& batch, const std::vector<std::string>& held_symbols,
                            std::size_t limit = 3);

  std::size_t strategy_count() const noexcept { return strategies_.size(); }  // [control]
  // The level of the one line per batch and per ranking (info; a backtest's thousands of
  // passes use debug). The kept signals are always logged at info. [control]
  void summary_level(spdlog::level::level_enum level) noexcept { summary_level_ = level; }
  std::size_t threads() const noexcept { return pool_.size(); }

 private:
  struct strategy;
  struct shard_run;

  strategy* find(std::string_view name) const noexcept;  // under batch_mutex_
  // The clients of strategy `name` over `shards`, refusing an instance that another strategy
  // than `replacing` (may be null) already runs. Under batch_mutex_.
  std::vector<strategy_client> clients_for(const std::string& name,
                                           const std::vector<const plugin_instance*>& shards,
                                           const strategy* replacing) const;
  // Counts the batch's scan in each strategy's scan_record. Under batch_mutex_.
  void record_scans(const batch_result& result);

  // Runs every shard on the pool and waits for all of them.
  void run_one(shard_run& run) const;
  void run_all(std::vector<shard_run>& runs);
  batch_result collect(std::vector<shard_run>& runs) const;
  void publish(const batch_result& result, std::size_t series);
  // Counts and logs what ranking did; `limit` for the log.
  void publish(const rank_outcome& outcome, std::size_t limit);

  const clock& clock_;
  metrics_registry* metrics_;
  std::shared_ptr<spdlog::logger> log_;
  spdlog::level::level_enum summary_level_ = spdlog::level::info;
  counter dropped_held_;
  counter ranked_;
  std::vector<std::unique_ptr<strategy>> strategies_;  // guarded by batch_mutex_
  mutable std::mutex batch_mutex_;  // one analyze_batch() or add_strategy() at a time
  worker_pool pool_;                                   // last: its threads stop first
};

}  // namespace tb::host
