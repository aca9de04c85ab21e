#include "core/rate_limiter.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

double series_value(const metrics_registry& metrics, const std::string& family,
                    const metric_labels& labels) {
  for (const auto& f : metrics.snapshot()) {
    if (f.name != family) continue;
    for (const auto& s : f.series) {
      if (s.labels == labels) return f.type == metric_type::histogram ? s.count : s.value;
    }
  }
  return -1.0;
}

TEST(rate_limiter, binance_defaults_are_the_documented_limits) {
  const auto buckets = binance_usdm_default_buckets();
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[0].name, "binance.ip_weight");
  EXPECT_EQ(buckets[0].capacity, 2400u);
  EXPECT_EQ(buckets[0].refill_interval, 60s);
  EXPECT_EQ(buckets[1].name, "binance.orders_1m");
  EXPECT_EQ(buckets[1].capacity, 1200u);
  EXPECT_EQ(buckets[1].refill_interval, 60s);
  EXPECT_EQ(buckets[2].name, "binance.orders_10s");
  EXPECT_EQ(buckets[2].capacity, 300u);
  EXPECT_EQ(buckets[2].refill_interval, 10s);
  for (const auto& b : buckets) EXPECT_DOUBLE_EQ(b.critical_reserve, 0.1);

  virtual_clock clk;
  rate_limiter limiter(clk);
  for (const auto& b : buckets) limiter.add_bucket(b);
  EXPECT_EQ(limiter.bucket_names(),
            (std::vector<std::string>{"binance.ip_weight", "binance.orders_10s",
                                      "binance.orders_1m"}));
}

TEST(rate_limiter, duplicate_and_invalid_buckets_are_clear_errors) {
  virtual_clock clk;
  metrics_registry metrics;
  rate_limiter limiter(clk, &metrics);
  limiter.add_bucket({"a", 10, 1s, 0.1});
  try {
    limiter.add_bucket({"a", 20, 1s, 0.1});
    FAIL() << "a duplicate bucket was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("'a' is configured twice"));
  }
  EXPECT_THROW(limiter.add_bucket({"b", 0, 1s, 0.1}), std::invalid_argument);
  EXPECT_EQ(limiter.find("b"), nullptr);
  // The refused bucket left no metric series behind.
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_acquired_weight_total", {{"bucket", "b"}}), -1.0);
}

TEST(rate_limiter, unknown_buckets_are_reported_not_thrown) {
  virtual_clock clk;
  metrics_registry metrics;
  rate_limiter limiter(clk, &metrics);
  EXPECT_EQ(limiter.find("nope"), nullptr);
  EXPECT_EQ(limiter.try_acquire(limiter.find("nope"), 1, lane::normal),
            acquire_result::unknown_bucket);
  EXPECT_EQ(limiter.acquire("nope", 1, lane::normal, clk.monotonic_ns() + 1),
            acquire_result::unknown_bucket);
  EXPECT_FALSE(limiter.report_usage("nope", 1));
  EXPECT_FALSE(limiter.pause_until("nope", clk.wall_ms() + 1));
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_refusals_total",
                         {{"bucket", "(unknown)"}, {"reason", "unknown_bucket"}}),
            2.0);
}

TEST(rate_limiter, handle_and_name_calls_reach_the_same_bucket) {
  virtual_clock clk;
  rate_limiter limiter(clk);
  token_bucket& added = limiter.add_bucket({"w", 10, 10s, 0.0});
  token_bucket* found = limiter.find("w");
  ASSERT_EQ(found, &added);
  EXPECT_EQ(limiter.try_acquire(found, 4, lane::normal), acquire_result::ok);
  EXPECT_EQ(limiter.try_acquire("w", 4, lane::normal), acquire_result::ok);
  EXPECT_TRUE(limiter.report_usage("w", 9));
  EXPECT_EQ(found->available(), 1u);
}

TEST(rate_limiter, pause_all_pauses_every_bucket) {
  virtual_clock clk;
  rate_limiter limiter(clk);
  for (const auto& b : binance_usdm_default_buckets()) limiter.add_bucket(b);
  limiter.pause_all_until(clk.wall_ms() + 30'000);
  for (const auto& name : limiter.bucket_names()) {
    EXPECT_EQ(limiter.try_acquire(name, 1, lane::critical), acquire_result::paused) << name;
  }
  clk.advance_ms(30'000);
  EXPECT_EQ(limiter.try_acquire("binance.orders_10s", 1, lane::critical), acquire_result::ok);
}

TEST(rate_limiter, records_per_bucket_metrics) {
  virtual_clock clk;
  metrics_registry metrics;
  rate_limiter limiter(clk, &metrics);
  limiter.add_bucket({"binance.ip_weight", 100, 60s, 0.1});
  token_bucket* b = limiter.find("binance.ip_weight");
  ASSERT_EQ(limiter.acquire(b, 20, lane::bulk, clk.monotonic_ns()), acquire_result::ok);
  ASSERT_EQ(limiter.try_acquire(b, 5, lane::normal), acquire_result::ok);
  ASSERT_EQ(limiter.try_acquire(b, 200, lane::normal), acquire_result::weight_exceeds_capacity);
  const metric_labels bucket{{"bucket", "binance.ip_weight"}};
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_acquired_weight_total", bucket), 25.0);
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_tokens_available", bucket), 75.0);
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_wait_seconds", bucket), 1.0);  // one acquire()
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_refusals_total",
                         {{"bucket", "binance.ip_weight"}, {"reason", "weight_exceeds_capacity"}}),
            1.0);
  clk.advance_ms(60'000);
  limiter.update_gauges();
  EXPECT_EQ(series_value(metrics, "tb_rate_limit_tokens_available", bucket), 100.0);
}

// Threads of every lane acquire from the limiter on the real clock; the grants stay within
// capacity plus refill over the whole run.
TEST(rate_limiter, many_threads_never_get_more_than_capacity_plus_refill) {
  real_clock clk;
  rate_limiter limiter(clk);
  const std::int64_t start = clk.monotonic_ns();
  limiter.add_bucket({"shared", 30, 100ms, 0.1});
  token_bucket* bucket = limiter.find("shared");
  std::atomic<std::uint64_t> granted{0};
  const std::int64_t end = start + 250'000'000;
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      const lane l = static_cast<lane>(i % 3);
      const std::uint32_t weight = 1 + static_cast<std::uint32_t>(i % 2);
      while (clk.monotonic_ns() < end) {
        const auto r = i % 2 == 0 ? limiter.acquire(bucket, weight, l, end)
                                  : limiter.try_acquire(bucket, weight, l);
        if (r == acquire_result::ok) granted.fetch_add(weight);
      }
    });
  }
  for (auto& t : threads) t.join();
  const std::int64_t elapsed = clk.monotonic_ns() - start;
  EXPECT_LE(granted.load(), 30u + static_cast<std::uint64_t>(30 * elapsed / 100'000'000));
  EXPECT_GE(granted.load(), 27u);  // at least the non-reserved initial tokens went out
}

}  // namespace
}  // namespace tb::host
