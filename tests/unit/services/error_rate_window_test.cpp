#include "services/error_rate_window.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "core/metrics_registry.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t minute_ns = 60'000'000'000;

error_count count_of(double total) {
  error_count c;
  c.by_source["tb_errors_total"] = total;
  return c;
}

TEST(count_errors, CountsErrorAndFailureFamiliesAndFailedOutcomes) {
  metrics_registry metrics;
  metrics.register_counter("tb_errors_total", "", {{"plugin", "a"}}).add(2);
  metrics.register_counter("tb_errors_total", "", {{"plugin", "b"}}).add(3);
  metrics.register_counter("tb_strategy_scan_errors_total", "", {{"strategy", "ict"}}).add(1);
  metrics.register_counter("tb_order_failures_total", "").add(4);
  metrics.register_counter("tb_scans_total", "", {{"outcome", "failed"}}).add(5);
  metrics.register_counter("tb_scans_total", "", {{"outcome", "ok"}}).add(100);
  metrics.register_counter("tb_data_requests_total", "", {{"result", "failed"}}).add(6);
  metrics.register_counter("tb_data_requests_total", "", {{"result", "ok"}}).add(100);
  // Not errors: other counters, and gauges or histograms whatever their names.
  metrics.register_counter("tb_rate_limit_refusals_total", "").add(50);
  metrics.register_gauge("tb_data_failed_symbols", "", {{"interval", "1h"}}).set(9);
  metrics.register_gauge("tb_gauge_errors_total", "").set(70);
  metrics.register_counter("tb_things_total", "", {{"outcome", "ok"}, {"why", "failed"}}).add(8);

  const error_count c = count_errors(metrics.snapshot());
  double total = 0;
  for (const auto& [source, count] : c.by_source) total += count;
  EXPECT_DOUBLE_EQ(total, 21);
  EXPECT_EQ(c.by_source, (std::map<std::string, double>{
                             {"tb_data_requests_total{result=\"failed\"}", 6},
                             {"tb_errors_total", 5},
                             {"tb_order_failures_total", 4},
                             {"tb_scans_total{outcome=\"failed\"}", 5},
                             {"tb_strategy_scan_errors_total", 1}}));
}

TEST(error_rate_window, RateIsTheGrowthOverTheWholeWindowPerMinute) {
  error_rate_window w(5min);
  EXPECT_DOUBLE_EQ(w.current().per_minute, 0);  // no sample
  w.add(0, count_of(100));
  EXPECT_DOUBLE_EQ(w.current().per_minute, 0);  // one sample: nothing grew yet
  w.add(minute_ns, count_of(110));
  // A young window still divides by its full length: no spike at start-up.
  EXPECT_DOUBLE_EQ(w.current().per_minute, 2);
  EXPECT_DOUBLE_EQ(w.current().errors, 10);
  w.add(5 * minute_ns, count_of(130));
  EXPECT_DOUBLE_EQ(w.current().per_minute, 6);  // 30 since t=0, exactly a window ago
  w.add(6 * minute_ns, count_of(130));
  EXPECT_DOUBLE_EQ(w.current().per_minute, 4);  // 20 since t=1 min
  w.add(11 * minute_ns, count_of(130));
  EXPECT_DOUBLE_EQ(w.current().per_minute, 0);
}

TEST(error_rate_window, SamplesFurtherApartThanTheWindowAverageOverTheTimeTheySpan) {
  error_rate_window w(5min);
  w.add(0, count_of(0));
  w.add(15 * minute_ns, count_of(30));  // a check every 15 minutes
  EXPECT_DOUBLE_EQ(w.current().per_minute, 2);  // 30 in 15 minutes, not 30 in 5
  EXPECT_DOUBLE_EQ(w.current().errors, 30);
}

TEST(error_rate_window, NamesTheGrowingSourcesMostFirst) {
  error_rate_window w(5min);
  error_count before;
  before.by_source = {{"a_errors_total", 1}, {"b_errors_total", 5}, {"c_errors_total", 7}};
  error_count after;
  after.by_source = {{"a_errors_total", 4}, {"b_errors_total", 5}, {"c_errors_total", 6},
                     {"d_failures_total", 9}};
  w.add(0, before);
  w.add(minute_ns, after);
  const auto r = w.current();
  EXPECT_EQ(r.by_source, (std::vector<std::pair<std::string, double>>{
                             {"d_failures_total", 9}, {"a_errors_total", 3}}));
  EXPECT_DOUBLE_EQ(r.errors, 12);  // a source that went down counts 0
}

TEST(error_rate_window, FrequentSamplesKeepTheBaseAndOlderOnesAreDropped) {
  error_rate_window w(5min);
  w.add(minute_ns, count_of(0));
  w.add(0, count_of(1000));  // older than the newest: dropped
  EXPECT_DOUBLE_EQ(w.current().errors, 0);
  for (std::int64_t i = 1; i <= 100'000; ++i) {
    w.add(minute_ns + i * 1'000'000, count_of(static_cast<double>(i)));  // every ms
  }
  EXPECT_DOUBLE_EQ(w.current().errors, 100'000);
}

TEST(error_rate_window, RejectsANonPositiveSpan) {
  EXPECT_THROW(error_rate_window(0ns), std::invalid_argument);
}

}  // namespace
}  // namespace tb::host
