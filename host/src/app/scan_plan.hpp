#pragma once
// What the start-up market scan fetches: the configured `data.intervals` and `data.lookback`
// merged with the strategies' data needs, so every strategy gets the candles it asked for
// even when the configuration does not list its intervals.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/settings.hpp"

namespace tb::host {

// The most candles one klines request returns (Binance's limit, and data.lookback's maximum).
inline constexpr std::uint32_t max_scan_lookback = 1500;

struct interval_lookback {
  std::string interval;   // a Binance interval code
  std::uint32_t lookback;  // candles requested per symbol: the closed ones wanted + the open one
  bool operator==(const interval_lookback&) const = default;
};

struct scan_plan {
  // The configured intervals in their order, then the intervals only strategies asked for,
  // shortest first. Each one requests data.lookback closed candles, or what a strategy asked
  // for when that is more, plus the candle still open (at most max_scan_lookback in all).
  std::vector<interval_lookback> intervals;
  // The intervals the strategies asked for, in the order of `intervals`: the series handed to
  // the strategies.
  std::vector<std::string> strategy_intervals;
  // The largest lookback: candles kept per series.
  std::uint32_t capacity = 0;
  // One line per need that was ignored (an unknown interval code) or capped.
  std::vector<std::string> problems;
};

// `needs`: interval code -> the largest lookback any strategy asked for it
// (strategy_engine::data_needs()).
scan_plan plan_scan(const data_settings& data, const std::map<std::string, std::uint32_t>& needs);

// The strategies' shortest interval: the cadence of decisions (and of a backtest's charts).
// Empty when no strategy asked for a known one.
std::string shortest_interval(const scan_plan& plan);

}  // namespace tb::host
