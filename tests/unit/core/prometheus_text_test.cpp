#include "core/prometheus_text.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "core/metrics_registry.hpp"

namespace tb::host {
namespace {

TEST(prometheus_text, counters_and_gauges_with_escaped_labels_and_help) {
  metrics_registry m;
  m.register_counter("tb_requests_total", "Requests sent\\by \"us\"\nper endpoint",
                     {{"endpoint", "/fapi/v1/order"}, {"note", "a\"b\\c\nd"}})
      .add(3);
  m.register_counter("tb_requests_total", "ignored: the first help wins",
                     {{"endpoint", "/fapi/v1/klines"}, {"note", ""}})
      .add(1);
  m.register_gauge("tb_up", "Is it up").set(1);
  EXPECT_EQ(m.to_prometheus(),
            "# HELP tb_requests_total Requests sent\\\\by \"us\"\\nper endpoint\n"
            "# TYPE tb_requests_total counter\n"
            "tb_requests_total{endpoint=\"/fapi/v1/klines\",note=\"\"} 1\n"
            "tb_requests_total{endpoint=\"/fapi/v1/order\",note=\"a\\\"b\\\\c\\nd\"} 3\n"
            "# HELP tb_up Is it up\n"
            "# TYPE tb_up gauge\n"
            "tb_up 1\n");
}

TEST(prometheus_text, histograms_have_cumulative_buckets_inf_sum_and_count) {
  metrics_registry m;
  const histogram h = m.register_histogram("tb_latency_seconds", "Latency",
                                           {{"op", "place"}}, {0.005, 0.25, 1.0});
  for (double v : {0.00390625, 0.125, 0.25, 0.5, 7.5}) h.observe(v);  // exact in binary
  EXPECT_EQ(m.to_prometheus(),
            "# HELP tb_latency_seconds Latency\n"
            "# TYPE tb_latency_seconds histogram\n"
            "tb_latency_seconds_bucket{op=\"place\",le=\"0.005\"} 1\n"
            "tb_latency_seconds_bucket{op=\"place\",le=\"0.25\"} 3\n"
            "tb_latency_seconds_bucket{op=\"place\",le=\"1\"} 4\n"
            "tb_latency_seconds_bucket{op=\"place\",le=\"+Inf\"} 5\n"
            "tb_latency_seconds_sum{op=\"place\"} 8.37890625\n"
            "tb_latency_seconds_count{op=\"place\"} 5\n");
}

TEST(prometheus_text, one_type_line_per_family_whatever_the_series_count) {
  metrics_registry m;
  for (int i = 0; i < 5; ++i) {
    m.register_histogram("tb_h", "", {{"i", std::to_string(i)}}, {1.0}).observe(i);
  }
  const std::string text = m.to_prometheus();
  std::size_t type_lines = 0;
  for (std::size_t at = text.find("# TYPE"); at != std::string::npos;
       at = text.find("# TYPE", at + 1)) {
    ++type_lines;
  }
  EXPECT_EQ(type_lines, 1u);
}

TEST(prometheus_text, values_use_prometheus_spellings) {
  EXPECT_EQ(format_prometheus_value(0.5), "0.5");
  EXPECT_EQ(format_prometheus_value(2400), "2400");
  EXPECT_EQ(format_prometheus_value(-3), "-3");
  EXPECT_EQ(format_prometheus_value(1e21), "1e+21");
  EXPECT_EQ(format_prometheus_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_prometheus_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_prometheus_value(std::nan("")), "NaN");
}

}  // namespace
}  // namespace tb::host
