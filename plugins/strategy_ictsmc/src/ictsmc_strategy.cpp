// The strategy_ictsmc plugin: ICT / smart-money concepts (higher-timeframe bias, liquidity
// sweeps, order blocks, fair-value gaps). Version 0.1.0 reads its settings and declares the
// candles it needs; on_scan answers TB_E_UNSUPPORTED ("... is not supported yet") until the
// analysis lands. Its indicators are offered on request through "tb.indicators/1"
// (`tradingbot analyze`), computed by indicators/registry.
#include <stdexcept>
#include <string>
#include <vector>

#include "indicators/registry.hpp"
#include "settings.hpp"
#include "tradingbot/sdk.hpp"

namespace tb::ictsmc {

constexpr char plugin_id[] = "strategy_ictsmc";
constexpr char plugin_version[] = "0.1.0";

namespace {

sdk::value_kind to_sdk(column_kind kind) {
  switch (kind) {
    case column_kind::float32: return sdk::value_kind::float32;
    case column_kind::int32: return sdk::value_kind::int32;
    case column_kind::float64: break;
  }
  return sdk::value_kind::float64;
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

  void on_scan(const sdk::series_batch&, const sdk::signal_sink&) override {
    throw sdk::error(TB_E_UNSUPPORTED, std::string(id()) + " " + std::string(version()) +
                                           ": on_scan is not supported yet");
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
  settings settings_;
};

}  // namespace tb::ictsmc

TB_PLUGIN_STRATEGY(tb::ictsmc::ictsmc_strategy, tb::ictsmc::plugin_id,
                   tb::ictsmc::plugin_version,
                   "ICT / smart-money-concepts strategy (0.1.0: data needs, indicators on "
                   "request)");
