// plan_scan(): the configured intervals and lookback merged with the strategies' needs.
#include <gtest/gtest.h>

#include "app/scan_plan.hpp"

namespace tb::host {
namespace {

using strings = std::vector<std::string>;
using plan_rows = std::vector<interval_lookback>;

data_settings data_with(strings intervals, std::uint32_t lookback) {
  data_settings d;
  d.intervals = std::move(intervals);
  d.lookback = lookback;
  return d;
}

// Every request asks for one candle more than the closed ones wanted: a klines reply ends
// with the candle still open.
TEST(ScanPlan, WithoutNeedsItIsTheConfiguration) {
  const scan_plan plan = plan_scan(data_with({"15m", "1h", "4h"}, 500), {});
  EXPECT_EQ(plan.intervals, (plan_rows{{"15m", 501}, {"1h", 501}, {"4h", 501}}));
  EXPECT_TRUE(plan.strategy_intervals.empty());
  EXPECT_EQ(plan.capacity, 501u);
  EXPECT_TRUE(plan.problems.empty());
}

TEST(ScanPlan, AddsTheIntervalsOnlyStrategiesAskForWithTheirLookback) {
  const scan_plan plan = plan_scan(data_with({"1h"}, 50), {{"1h", 200}, {"4h", 200}});
  EXPECT_EQ(plan.intervals, (plan_rows{{"1h", 201}, {"4h", 201}}));
  EXPECT_EQ(plan.strategy_intervals, (strings{"1h", "4h"}));
  EXPECT_EQ(plan.capacity, 201u);
  EXPECT_TRUE(plan.problems.empty());
}

TEST(ScanPlan, TheConfiguredLookbackIsAFloorForEveryInterval) {
  const scan_plan plan = plan_scan(data_with({"15m", "1h"}, 500), {{"1h", 200}, {"4h", 900}});
  EXPECT_EQ(plan.intervals, (plan_rows{{"15m", 501}, {"1h", 501}, {"4h", 901}}));
  EXPECT_EQ(plan.strategy_intervals, (strings{"1h", "4h"}));
  EXPECT_EQ(plan.capacity, 901u);
}

TEST(ScanPlan, ExtraIntervalsComeAfterTheConfiguredOnesShortestFirst) {
  // The needs map is ordered by code ("1d" < "1m" < "2h" < "4h"); the plan by duration.
  const scan_plan plan =
      plan_scan(data_with({"4h", "1h"}, 100), {{"1d", 10}, {"1m", 10}, {"2h", 10}, {"4h", 10}});
  EXPECT_EQ(plan.intervals,
            (plan_rows{{"4h", 101}, {"1h", 101}, {"1m", 101}, {"2h", 101}, {"1d", 101}}));
  EXPECT_EQ(plan.strategy_intervals, (strings{"4h", "1m", "2h", "1d"}));
}

TEST(ScanPlan, IgnoresUnknownIntervalsAndCapsLookbacksWithAProblemEach) {
  const scan_plan plan = plan_scan(data_with({"1h"}, 500), {{"2hr", 100}, {"4h", 5000}});
  EXPECT_EQ(plan.intervals, (plan_rows{{"1h", 501}, {"4h", max_scan_lookback}}));
  EXPECT_EQ(plan.strategy_intervals, (strings{"4h"}));
  EXPECT_EQ(plan.capacity, max_scan_lookback);
  EXPECT_EQ(plan.problems,
            (strings{"a strategy asked for candles at '2hr', which is not a Binance interval "
                     "code; ignored",
                     "a strategy asked for 5000 4h candles; capped at 1500, the most one "
                     "request returns"}));
}

}  // namespace
}  // namespace tb::host
