// The strategy_ictsmc plugin: ICT / smart-money concepts (higher-timeframe bias, liquidity
// sweeps, order blocks, fair-value gaps, OTE, kill zones). on_scan runs the causal signal
// rules (signals/setup_finder) on every symbol and emits the setup of its newest closed
// candle, if there is one. The reference indicators are offered on request through
// "tb.indicators/1" (`tradingbot analyze`), computed by indicators/registry.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "indicators/registry.hpp"
#include "settings.hpp"
#include "signals/setup_finder.hpp"
#include "tradingbot/sdk.hpp"

namespace tb::ictsmc {

constexpr char plugin_id[] = "strategy_ictsmc";
constexpr char plugin_version[] = "0.2.0";

namespace {

sdk::value_kind to_sdk(column_kind kind) {
  switch (kind) {
    case column_kind::float32: return sdk::value_kind::float32;
    case column_kind::int32: return sdk::value_kind::int32;
    case column_kind::float64: break;
  }
  return sdk::value_kind::float64;
}

// The series' closed candles, oldest first, into `out` (reusing its storage). The signal
// rules read no open and no volume, so those are left empty: copying 648 x 400 candles is
// a tenth of a scan.
void closed_candles(const sdk::series_view& series, ohlcv& out) {
  std::size_t n = 0;
  while (n < series.size() && (series[n].flags & TB_CANDLE_CLOSED) != 0) ++n;
  out.time_ms.resize(n);
  for (auto* column : {&out.high, &out.low, &out.close}) column->resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const sdk::candle& c = series[i];
    out.time_ms[i] = c.open_time_ms;
    out.high[i] = c.high;
    out.low[i] = c.low;
    out.close[i] = c.close;
  }
}

}  // namespace

class ictsmc_strategy final : public sdk::strategy, public sdk::indicators {
 public:
  // Settings are read here, not in start(): data_needs() depends on them and the host may
  // ask for it before starting the instance.
  ictsmc_strategy(sdk::host services, std::string instance_name)
      : sdk::strategy(services, std::move(instance_name)) {
    const std::string prefix = std::string(plugin_id) + " " + plugin_version + ": ";
    try {
      settings_ = parse_settings(host().config_json());
      sessions_ = kill_zones(settings_.kill_zones);
    } catch (const sdk::error& e) {
      throw sdk::error(e.status(), prefix + e.what());
    }
    for (const std::string& key : settings_.unknown_keys) {
      host().warn(prefix + "settings: unknown setting \"" + key + "\" ignored");
    }
  }

  std::vector<sdk::data_need> data_needs() override {
    return {{settings_.entry_interval, settings_.entry_lookback},
            {settings_.bias_interval, settings_.bias_lookback}};
  }

  // Every symbol with both timeframes in the batch; a symbol missing one is skipped (the
  // host logs what it could not fetch).
  void on_scan(const sdk::series_batch& batch, const sdk::signal_sink& sink) override {
    bias_by_symbol_.clear();
    for (std::size_t k = 0; k < batch.size(); ++k) {
      if (batch[k].interval() == settings_.bias_interval) bias_by_symbol_[batch[k].symbol_id()] = k;
    }
    const std::int64_t entry_ms = interval_ms(settings_.entry_interval);
    const std::int64_t bias_ms = interval_ms(settings_.bias_interval);
    for (const sdk::series_view series : batch) {
      if (series.interval() != settings_.entry_interval) continue;
      const auto bias = bias_by_symbol_.find(series.symbol_id());
      if (bias == bias_by_symbol_.end()) continue;
      closed_candles(series, entry_);
      closed_candles(batch[bias->second], bias_);
      if (entry_.size() == 0) continue;
      const auto setups = find_setups({entry_, entry_ms}, {bias_, bias_ms}, settings_, sessions_,
                                      entry_.size() - 1);
      for (const trade_setup& setup : setups) emit(series, setup, sink);
    }
  }

  std::vector<std::string> indicator_names() override { return ::tb::ictsmc::indicator_names(); }

  std::vector<sdk::indicator_column> compute_indicator(const std::string& name,
                                                       const sdk::indicator_params& given,
                                                       const sdk::series_view& candles) override {
    ohlcv data;
    data.reserve(candles.size());
    for (const sdk::candle& c : candles) {
      data.push_back(c.open_time_ms, c.open, c.high, c.low, c.close, c.volume);
    }
    params given_params(given);
    table result;
    try {
      result = ::tb::ictsmc::compute_indicator(name, data, given_params);
    } catch (const std::invalid_argument& e) {
      throw sdk::error(TB_E_INVALID_ARGUMENT, std::string(id()) + ": " + e.what());
    }
    std::vector<sdk::indicator_column> out;
    out.reserve(result.size());
    for (column& c : result) out.push_back({std::move(c.name), to_sdk(c.kind), std::move(c.values)});
    return out;
  }

 private:
  void emit(const sdk::series_view& series, const trade_setup& setup,
            const sdk::signal_sink& sink) {
    sdk::signal idea = sdk::signal_for(series, setup.side > 0 ? sdk::side::long_ : sdk::side::short_);
    idea.time_ms(series[setup.index].close_time_ms)  // the candle decided on, maybe not the newest
        .entry(setup.entry)
        .stop_loss(setup.stop)
        .take_profit(setup.take_profit)
        .confidence(setup.confidence)
        .reason(describe(setup, settings_))
        .meta_json(describe_json(setup));
    const tb_status status = sink.emit(idea);
    if (status != TB_OK) {
      host().warn(std::string(id()) + ": the host refused the " + std::string(series.symbol()) +
                  " signal (status " + std::to_string(status) + ")");
    }
  }

  settings settings_;
  kill_zones sessions_{{}};  // settings_.kill_zones, parsed once
  std::unordered_map<std::uint32_t, std::size_t> bias_by_symbol_;  // scratch, per scan
  ohlcv entry_, bias_;                                             // scratch, per symbol
};

}  // namespace tb::ictsmc

TB_PLUGIN_STRATEGY(tb::ictsmc::ictsmc_strategy, tb::ictsmc::plugin_id,
                   tb::ictsmc::plugin_version,
                   "ICT / smart-money-concepts strategy: causal multi-timeframe signals, "
                   "reference indicators on request");
