// strategy_example: a moving-average cross, as a complete TradingBot strategy plugin.
//
// On every scan it looks at each symbol's closed candles at its interval. When the fast
// simple moving average crosses the slow one on the newest closed candle, it emits a signal:
// entry at that close, stop beyond the swing extreme of the last `swing_lookback` candles,
// take-profit at `reward_risk` times the risk, confidence from how far the averages have
// separated.
//
// Settings (the instance's `settings:` in the YAML), all optional:
//   interval: 1h        fast: 9        slow: 21        swing_lookback: 10        reward_risk: 2.0
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tradingbot/sdk.hpp"

namespace {

struct settings {
  std::string interval = "1h";
  std::uint32_t fast = 9;
  std::uint32_t slow = 21;
  std::uint32_t swing_lookback = 10;
  double reward_risk = 2.0;
};

settings read_settings(const std::string& text) {
  settings s;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw tb::sdk::error(TB_E_INVALID_ARGUMENT,
                         "strategy_example: settings are not valid JSON (byte " +
                             std::to_string(e.byte) + ")");
  }
  if (j.is_null()) return s;
  try {
    s.interval = j.value("interval", s.interval);
    s.fast = j.value("fast", s.fast);
    s.slow = j.value("slow", s.slow);
    s.swing_lookback = j.value("swing_lookback", s.swing_lookback);
    s.reward_risk = j.value("reward_risk", s.reward_risk);
  } catch (const nlohmann::json::exception&) {
    throw tb::sdk::error(TB_E_INVALID_ARGUMENT,
                         "strategy_example: settings: interval is a string, fast, slow and "
                         "swing_lookback whole numbers, reward_risk a number");
  }
  if (s.fast < 1 || s.slow <= s.fast || s.slow > 1000 || s.swing_lookback < 1 ||
      s.reward_risk <= 0) {
    throw tb::sdk::error(TB_E_INVALID_ARGUMENT,
                         "strategy_example: settings: need 1 <= fast < slow <= 1000, "
                         "swing_lookback >= 1 and reward_risk > 0");
  }
  return s;
}

// Mean close of the `period` candles ending at index `last` (inclusive).
double sma(const tb::sdk::series_view& series, std::size_t last, std::uint32_t period) {
  double sum = 0;
  for (std::size_t i = last + 1 - period; i <= last; ++i) sum += series[i].close;
  return sum / period;
}

class ma_cross final : public tb::sdk::strategy {
 public:
  ma_cross(tb::sdk::host services, std::string instance_name)
      : tb::sdk::strategy(services, std::move(instance_name)),
        settings_(read_settings(host().config_json())) {}

  std::vector<tb::sdk::data_need> data_needs() override {
    const std::uint32_t wanted = std::max(settings_.slow + 1, settings_.swing_lookback) + 1;
    return {{settings_.interval, wanted}};
  }

  void on_scan(const tb::sdk::series_batch& batch, const tb::sdk::signal_sink& sink) override {
    for (const tb::sdk::series_view series : batch) {
      if (series.interval() != settings_.interval) continue;
      // Decide on closed candles only: drop a still-forming newest candle.
      std::size_t closed = series.size();
      if (closed > 0 && (series.back().flags & TB_CANDLE_CLOSED) == 0) --closed;
      if (closed < settings_.slow + 1 || closed < settings_.swing_lookback) continue;
      scan_one(series, closed - 1, sink);
    }
  }

 private:
  void scan_one(const tb::sdk::series_view& series, std::size_t last,
                const tb::sdk::signal_sink& sink) {
    const double fast_now = sma(series, last, settings_.fast);
    const double slow_now = sma(series, last, settings_.slow);
    const double fast_before = sma(series, last - 1, settings_.fast);
    const double slow_before = sma(series, last - 1, settings_.slow);
    const bool up = fast_before <= slow_before && fast_now > slow_now;
    const bool down = fast_before >= slow_before && fast_now < slow_now;
    if (!up && !down) return;

    const tb::sdk::candle& now = series[last];
    double low = now.low;
    double high = now.high;
    for (std::size_t i = last + 1 - settings_.swing_lookback; i <= last; ++i) {
      low = std::min(low, series[i].low);
      high = std::max(high, series[i].high);
    }
    const double entry = now.close;
    const double stop = up ? low : high;
    const double risk = up ? entry - stop : stop - entry;
    if (risk <= 0) return;  // no room for a protective stop
    const double target = up ? entry + settings_.reward_risk * risk
                             : entry - settings_.reward_risk * risk;
    if (stop <= 0 || target <= 0) return;  // a short's target below zero: no trade
    // A 1% separation of the averages counts as full confidence.
    const double separation = (fast_now > slow_now ? fast_now - slow_now : slow_now - fast_now);
    const double confidence = std::min(1.0, separation / slow_now / 0.01);

    std::ostringstream reason;
    reason << "SMA" << settings_.fast << " crossed " << (up ? "above" : "below") << " SMA"
           << settings_.slow << " at " << entry << "; stop at the " << settings_.swing_lookback
           << "-candle swing " << (up ? "low" : "high");
    const tb_status status =
        sink.emit(tb::sdk::signal_for(series, up ? tb::sdk::side::long_ : tb::sdk::side::short_)
                      .time_ms(now.close_time_ms)
                      .entry(entry)
                      .stop_loss(stop)
                      .take_profit(target)
                      .confidence(confidence)
                      .reason(reason.str()));
    if (status != TB_OK) {
      host().warn("strategy_example: the host refused a signal for " +
                  std::string(series.symbol()) + ": " + tb_status_name(status));
    }
  }

  settings settings_;
};

}  // namespace

TB_PLUGIN_STRATEGY(ma_cross, "strategy_example", "0.1.0",
                   "Example: simple moving-average cross with swing stop and fixed reward/risk");
