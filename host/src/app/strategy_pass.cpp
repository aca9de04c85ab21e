#include "app/strategy_pass.hpp"

#include <exception>
#include <string_view>

#include "services/universe_series.hpp"

namespace tb::host {
namespace {

constexpr std::string_view component = "strategy";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

strategy_pass::strategy_pass(core_services& services, const plugin_set& plugins)
    : services_(services),
      log_(services.logs().logger_for(component)),
      engine_(services.time(), &services.metrics(), log_) {
  for (const plugin_instance* instance : plugins.of_kind(TB_KIND_STRATEGY)) {
    try {
      engine_.add_strategy(instance->name(), {instance});
    } catch (const std::exception& e) {
      failed("strategy '" + instance->name() + "' cannot be run: " + e.what());
    }
  }
}

void strategy_pass::failed(const std::string& detail) {
  log_->error("{}", detail);
  failures_.push_back(detail);
  services_.health().update(component, health_state::degraded, failures_.front());
}

void strategy_pass::settle_health(std::size_t signals) {
  if (!failures_.empty()) {
    services_.health().update(
        component, health_state::degraded,
        std::to_string(failures_.size()) + " failure(s); first: " + failures_.front());
    return;
  }
  services_.health().update(component, health_state::healthy,
                            std::to_string(engine_.strategy_count()) + " strategies, " +
                                std::to_string(signals) + " signals");
}

std::map<std::string, std::uint32_t> strategy_pass::data_needs() {
  if (engine_.strategy_count() == 0) return {};
  needs_result needs = engine_.data_needs();
  for (const auto& e : needs.errors) {
    failed("strategy '" + e.strategy + "' did not say which candles it needs: " +
           e.status.describe());
  }
  std::vector<std::string> asked;
  for (const auto& [interval, lookback] : needs.lookback_by_interval) {
    asked.push_back(interval + " x " + std::to_string(lookback));
  }
  log_->info("strategies need: {}", asked.empty() ? "nothing" : joined(asked));
  return std::move(needs.lookback_by_interval);
}

const std::vector<candle_store::series_id>& strategy_pass::series_of(
    const std::vector<std::string>& symbols, const std::vector<std::string>& intervals,
    const symbol_table& table) {
  const std::size_t known = table.size();
  if (symbols != series_.symbols || intervals != series_.intervals ||
      known != series_.known_symbols) {
    series_ = {symbols, intervals, known, universe_series(symbols, intervals, table)};
  }
  return series_.ids;
}

rank_outcome strategy_pass::run(data_service& data, const std::vector<std::string>& intervals,
                                std::size_t max_signals, const std::vector<std::string>& held) {
  last_analysis_ns_ = 0;
  if (engine_.strategy_count() == 0) {
    log_->warn("strategy pass skipped: no strategy plugin is running");
    return {};
  }
  if (intervals.empty()) {
    failed("strategy pass skipped: no strategy asked for candles");
    return {};
  }
  try {
    const auto symbols = data.universe();
    const auto& ids = series_of(symbols, intervals, data.symbols());
    batch_result batch;
    const std::size_t series =
        data.store().with_series_set(ids, [&](const std::vector<tb_series>& universe) {
          batch = engine_.analyze_batch(universe);
        });
    last_analysis_ns_ = batch.duration_ns;
    rank_outcome ranked = engine_.rank_signals(batch, held, max_signals);
    for (const auto& e : batch.errors) {
      failures_.push_back("strategy '" + e.strategy + "' shard '" + e.instance +
                          "' failed: " + e.status.describe());
    }
    settle_health(batch.signals.size());
    log_->log(batch.errors.empty() ? summary_level_ : spdlog::level::warn,
              "strategy pass: {} strategies on {} series ({} symbols x {} intervals: {}): "
              "{} signals, {} invalid, {} ranked (max {}), {} failed shards, {} ms",
              engine_.strategy_count(), series, symbols.size(), intervals.size(),
              joined(intervals), batch.signals.size(), batch.invalid.size(), ranked.kept.size(),
              max_signals, batch.errors.size(), batch.duration_ns / 1'000'000);
    return ranked;
  } catch (const std::exception& e) {  // the host ran out of memory, say; never stop the run
    failed(std::string("strategy pass failed: ") + e.what());
    return {};
  }
}

}  // namespace tb::host
