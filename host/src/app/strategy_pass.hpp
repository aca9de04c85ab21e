#pragma once
// The strategies of a run: one StrategyEngine over every running strategy plugin, each one
// strategy with one instance (a single shard; sharding settings may come later). It asks
// for their data needs before the market scan, then hands them every symbol of the universe
// at the intervals they asked for, straight from the DataService's candle store, and ranks
// their signals.
//
// Failures never stop the run: a strategy that cannot be added, whose data_needs() or
// on_scan() fails, is logged (the engine logs each failed shard, naming the strategy) and
// the "strategy" health component turns degraded with the first failure; otherwise it is
// healthy once a pass has run.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "services/data_service.hpp"
#include "services/rank_signals.hpp"
#include "services/strategy_engine.hpp"

namespace tb::host {

class strategy_pass {
 public:
  // Adds every running strategy plugin to the engine, named after its instance. The plugins
  // and services must outlive the pass, and the plugins stay started while it runs.
  strategy_pass(core_services& services, const plugin_set& plugins);
  strategy_pass(const strategy_pass&) = delete;
  strategy_pass& operator=(const strategy_pass&) = delete;

  // Interval code -> the largest lookback any strategy asked for; failures are logged.
  std::map<std::string, std::uint32_t> data_needs();

  // Analyses every universe symbol at `intervals` (closed candles, newest last, read under
  // the store's locks for the whole batch) and ranks the signals: symbols in `held` (open
  // positions) are dropped, and the best `max_signals` are kept. Logs one summary line.
  // `data` must stay alive for the call; its store backs the series.
  rank_outcome run(data_service& data, const std::vector<std::string>& intervals,
                   std::size_t max_signals, const std::vector<std::string>& held = {});

  std::size_t strategy_count() const noexcept { return engine_.strategy_count(); }
  // How long the last run()'s analysis took (the engine's batch; the rest was the ranking).
  std::int64_t last_analysis_ns() const noexcept { return last_analysis_ns_; }
  // The engine, for the strategy_reloader's [control] calls between passes.
  strategy_engine& engine() noexcept { return engine_; }
  // The level of the one summary line per pass: info for a run's single pass, debug for a
  // backtest's thousands.
  void summary_level(spdlog::level::level_enum level) noexcept {
    summary_level_ = level;
    engine_.summary_level(level);
  }

 private:
  void failed(const std::string& detail);
  void settle_health(std::size_t signals);
  // The series of `symbols` at `intervals`, worked out again only when one of them or the
  // symbol table changed (a backtest asks thousands of times for the same).
  const std::vector<candle_store::series_id>& series_of(const std::vector<std::string>& symbols,
                                                        const std::vector<std::string>& intervals,
                                                        const symbol_table& table);

  struct series_plan {
    std::vector<std::string> symbols;
    std::vector<std::string> intervals;
    std::size_t known_symbols = 0;  // the table's size then
    std::vector<candle_store::series_id> ids;
  };

  core_services& services_;
  std::shared_ptr<spdlog::logger> log_;  // the "strategy" component
  std::vector<std::string> failures_;    // what made the pass degraded, first first
  spdlog::level::level_enum summary_level_ = spdlog::level::info;
  strategy_engine engine_;
  series_plan series_;
  std::int64_t last_analysis_ns_ = 0;
};

}  // namespace tb::host
