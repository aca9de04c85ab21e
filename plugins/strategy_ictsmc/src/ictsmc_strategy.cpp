// The strategy_ictsmc plugin: ICT / smart-money concepts (higher-timeframe bias, liquidity
// sweeps, order blocks, fair-value gaps, OTE, kill zones). on_scan runs the causal signal
// rules (signals/setup_finder) on every symbol and emits the setup of its newest closed
// candle, if there is one. The reference indicators are offered on request through
// "tb.indicators/1" (`tradingbot analyze`), computed by indicators/registry.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "indicators/registry.hpp"
#include "settings.hpp"
#include "signals/setup_finder.hpp"
#include "signals/setup_tracker.hpp"
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

// How many of the series' candles are closed: all but a last one still forming (the host
// hands closed candles, oldest first, then at most the one still open). Only the last is
// read: a scan must not cost the whole window.
std::size_t closed_count(const sdk::series_view& series) {
  const std::size_t n = series.size();
  return n > 0 && (series[n - 1].flags & TB_CANDLE_CLOSED) == 0 ? n - 1 : n;
}

// The first of the first `n` candles opening after `time_ms`, one interval apart; n when
// none does, and nullopt when the series does not hold `time_ms` itself (a gap, or another
// history: start over). Found from the end: a scan's new candles are the last few.
std::optional<std::size_t> after(const sdk::series_view& series, std::size_t n,
                                 std::int64_t time_ms, std::int64_t interval_ms) {
  if (n == 0 || interval_ms <= 0) return std::nullopt;
  const std::int64_t newer = series[n - 1].open_time_ms - time_ms;
  if (newer < 0 || newer % interval_ms != 0) return std::nullopt;
  const auto back = static_cast<std::uint64_t>(newer / interval_ms);
  if (back >= n || series[n - 1 - back].open_time_ms != time_ms) return std::nullopt;
  return n - back;
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
      entry_ms_ = interval_ms(settings_.entry_interval);
      bias_ms_ = interval_ms(settings_.bias_interval);
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
  // host logs what it could not fetch). Each symbol's analysis continues from the last scan
  // (signals/setup_tracker.hpp): only candles closed since are analysed. A series that no
  // longer holds the last candle analysed (a gap, a restart of its history) starts over from
  // its whole window.
  void on_scan(const sdk::series_batch& batch, const sdk::signal_sink& sink) override {
    // Symbol ids are the host's small interned numbers: plain vectors index them.
    bias_by_symbol_.assign(bias_by_symbol_.size(), no_series);
    for (std::size_t k = 0; k < batch.size(); ++k) {
      if (batch[k].interval() != settings_.bias_interval) continue;
      const std::uint32_t id = batch[k].symbol_id();
      if (id >= bias_by_symbol_.size()) bias_by_symbol_.resize(id + 1, no_series);
      bias_by_symbol_[id] = k;
    }
    for (const sdk::series_view series : batch) {
      if (series.interval() != settings_.entry_interval) continue;
      const std::uint32_t id = series.symbol_id();
      if (id >= bias_by_symbol_.size() || bias_by_symbol_[id] == no_series) continue;
      scan_symbol(series, batch[bias_by_symbol_[id]], sink);
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
    idea.time_ms(setup.close_time_ms - 1)  // the close time of the candle decided on
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

  void scan_symbol(const sdk::series_view& entry, const sdk::series_view& bias,
                   const sdk::signal_sink& sink) {
    const std::size_t entries = closed_count(entry), biases = closed_count(bias);
    if (entries == 0) return;
    if (entry.symbol_id() >= trackers_.size()) trackers_.resize(entry.symbol_id() + 1);
    auto& tracker = trackers_[entry.symbol_id()];
    std::size_t entry_from = 0, bias_from = 0;
    if (tracker) {
      const auto last_entry = tracker->last_entry_time();
      const auto last_bias = tracker->last_bias_time();
      const auto e = last_entry ? after(entry, entries, *last_entry, entry_ms_) : std::nullopt;
      const auto b =
          last_bias ? after(bias, biases, *last_bias, bias_ms_) : std::optional<std::size_t>(0);
      if (e && b) {
        entry_from = *e;
        bias_from = *b;
      } else {
        tracker.reset();
      }
    }
    if (!tracker) {
      tracker = std::make_unique<setup_tracker>(settings_, sessions_, entry_ms_, bias_ms_);
      tracker->reserve(entries, biases);
    }
    for (std::size_t k = bias_from; k < biases; ++k) {
      const sdk::candle& c = bias[k];
      tracker->add_bias(c.open_time_ms, c.high, c.low, c.close);
    }
    for (std::size_t i = entry_from; i < entries; ++i) {
      const sdk::candle& c = entry[i];
      const auto setup = tracker->add_entry(c.open_time_ms, c.high, c.low, c.close);
      if (setup && i + 1 == entries) emit(entry, *setup, sink);  // only the newest is news
    }
  }

  settings settings_;
  kill_zones sessions_{{}};  // settings_.kill_zones, parsed once
  std::int64_t entry_ms_ = 0, bias_ms_ = 0;
  static constexpr std::size_t no_series = static_cast<std::size_t>(-1);
  std::vector<std::size_t> bias_by_symbol_;  // symbol id -> its bias series in the batch
  // Each symbol's analysis so far, by the host's symbol id.
  std::vector<std::unique_ptr<setup_tracker>> trackers_;
};

}  // namespace tb::ictsmc

TB_PLUGIN_STRATEGY(tb::ictsmc::ictsmc_strategy, tb::ictsmc::plugin_id,
                   tb::ictsmc::plugin_version,
                   "ICT / smart-money-concepts strategy: causal multi-timeframe signals, "
                   "reference indicators on request");
