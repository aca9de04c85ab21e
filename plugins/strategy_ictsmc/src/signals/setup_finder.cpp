#include "signals/setup_finder.hpp"

#include "signals/setup_tracker.hpp"

namespace tb::ictsmc {

std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, std::size_t report_from) {
  return find_setups(entry, bias, config, kill_zones(config.kill_zones), report_from);
}

std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, const kill_zones& sessions,
                                     std::size_t report_from) {
  setup_tracker tracker(config, sessions, entry.interval_ms, bias.interval_ms);
  const ohlcv& b = bias.candles;
  for (std::size_t k = 0; k < b.size(); ++k) tracker.add_bias(b.time_ms[k], b.high[k], b.low[k], b.close[k]);
  const ohlcv& c = entry.candles;
  std::vector<trade_setup> found;
  for (std::size_t i = 0; i < c.size(); ++i) {
    auto setup = tracker.add_entry(c.time_ms[i], c.high[i], c.low[i], c.close[i]);
    if (setup && i >= report_from) found.push_back(std::move(*setup));
  }
  return found;
}

}  // namespace tb::ictsmc
