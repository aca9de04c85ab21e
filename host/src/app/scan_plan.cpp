#include "app/scan_plan.hpp"

#include <algorithm>
#include <tuple>

#include "services/interval.hpp"

namespace tb::host {

scan_plan plan_scan(const data_settings& data,
                    const std::map<std::string, std::uint32_t>& needs) {
  scan_plan plan;
  std::map<std::string, std::uint32_t> wanted;  // the valid needs, capped
  for (const auto& [interval, lookback] : needs) {
    if (interval_ms(interval) == 0) {
      plan.problems.push_back("a strategy asked for candles at '" + interval +
                              "', which is not a Binance interval code; ignored");
      continue;
    }
    if (lookback > max_scan_lookback) {
      plan.problems.push_back("a strategy asked for " + std::to_string(lookback) + " " +
                              interval + " candles; capped at " +
                              std::to_string(max_scan_lookback) +
                              ", the most one request returns");
    }
    wanted[interval] = std::min(lookback, max_scan_lookback);
  }

  const auto add = [&](const std::string& interval) {
    const auto it = wanted.find(interval);
    const std::uint32_t asked = it == wanted.end() ? 0 : it->second;
    // A klines reply ends with the candle still open: ask for one more than the closed
    // candles wanted.
    const std::uint32_t closed = std::max(data.lookback, asked);
    plan.intervals.push_back({interval, std::min(closed + 1, max_scan_lookback)});
    plan.capacity = std::max(plan.capacity, plan.intervals.back().lookback);
  };
  for (const auto& interval : data.intervals) add(interval);
  std::vector<std::string> extra;
  for (const auto& [interval, lookback] : wanted) {
    if (std::find(data.intervals.begin(), data.intervals.end(), interval) == data.intervals.end()) {
      extra.push_back(interval);
    }
  }
  std::sort(extra.begin(), extra.end(), [](const std::string& a, const std::string& b) {
    return std::tuple(interval_ms(a), a) < std::tuple(interval_ms(b), b);
  });
  for (const auto& interval : extra) add(interval);

  for (const auto& planned : plan.intervals) {
    if (wanted.contains(planned.interval)) plan.strategy_intervals.push_back(planned.interval);
  }
  return plan;
}

std::string shortest_interval(const scan_plan& plan) {
  std::string shortest;
  for (const auto& code : plan.strategy_intervals) {
    const std::int64_t ms = interval_ms(code);
    if (ms > 0 && (shortest.empty() || ms < interval_ms(shortest))) shortest = code;
  }
  return shortest;
}

}  // namespace tb::host
