// The signal rules' state for one symbol, fed one closed candle at a time (docs/strategy-
// ictsmc.md, "Signal rules"). find_setups() runs one over a whole series; the plugin keeps
// one per symbol between scans, so a scan analyses only the candles that closed since the
// last one: a backtest's every step, and a long-running service's every scan, cost one
// candle per symbol instead of the whole lookback.
//
// Bias candles are added as they close, before the entry candles that close after them; an
// entry candle reads only the bias candles closed by its own close, so adding a bias candle
// early changes nothing (the causal property test holds find_setups, and so this, to it).
//
// Memory stays bounded: once twice `keep` candles are held, the oldest are dropped down to
// `keep` (the longest window a rule reads: lookback, range, zone age, sweep lookback and
// swing window, plus a margin) and the state's indices move down with them. The one
// difference from unbounded history: an order block made by breaking a swing older than
// `keep` candles is searched from the oldest candle kept. A setup's `index` counts candles
// from the first one fed, whatever was dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "indicators/ohlcv.hpp"
#include "settings.hpp"
#include "signals/average_true_range.hpp"
#include "signals/kill_zones.hpp"
#include "signals/liquidity_pools.hpp"
#include "signals/market_structure.hpp"
#include "signals/setup_finder.hpp"
#include "signals/zones.hpp"

namespace tb::ictsmc {

class setup_tracker {
 public:
  // `config` and `sessions` must outlive the tracker.
  setup_tracker(const settings& config, const kill_zones& sessions, std::int64_t entry_interval_ms,
                std::int64_t bias_interval_ms);

  // Room for this many candles more, so a first scan's whole window is fed without regrowth.
  void reserve(std::size_t entries, std::size_t biases);
  // A bias candle that has closed, after every bias candle before it.
  void add_bias(std::int64_t open_time_ms, double high, double low, double close);
  // The next closed entry candle: analysed, with the setup decided at its close, if any.
  std::optional<trade_setup> add_entry(std::int64_t open_time_ms, double high, double low,
                                       double close);

  // Open times of the last candles fed; nullopt before the first.
  std::optional<std::int64_t> last_entry_time() const noexcept;
  std::optional<std::int64_t> last_bias_time() const noexcept;
  // Entry candles fed so far, dropped ones included.
  std::size_t entries_fed() const noexcept { return dropped_ + entry_.size(); }

 private:
  void drop_old_entries();
  void drop_old_bias();

  const settings& config_;
  const kill_zones& sessions_;
  std::int64_t entry_ms_;
  std::int64_t bias_ms_;
  std::size_t keep_;

  ohlcv entry_, bias_;  // time, high, low and close only: the rules read nothing else
  std::size_t dropped_ = 0;  // entry candles dropped since the first one fed
  std::size_t next_bias_ = 0;  // the first bias candle not yet closed by the last entry close
  market_structure bias_structure_, entry_structure_;
  zone_book zones_;
  liquidity_pools pools_;
  average_true_range atr_;
};

}  // namespace tb::ictsmc
