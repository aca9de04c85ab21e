#include "core/token_bucket.hpp"

#include "core/metrics_registry.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t second_ns = 1'000'000'000;

bucket_config config(std::uint64_t capacity, std::chrono::milliseconds interval,
                     double reserve = 0.0) {
  return bucket_config{"test.bucket", capacity, interval, reserve};
}

TEST(token_bucket, starts_full_and_refuses_when_empty) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  EXPECT_EQ(b.available(), 10u);
  EXPECT_EQ(b.try_acquire(7, lane::normal), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(3, lane::normal), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(1, lane::critical), acquire_result::exhausted);
  EXPECT_EQ(b.available(), 0u);
}

TEST(token_bucket, refills_evenly_over_the_interval_and_caps_at_capacity) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  clk.advance_ms(999);
  EXPECT_EQ(b.available(), 0u);
  clk.advance_ms(1);
  EXPECT_EQ(b.available(), 1u);
  clk.advance_ms(4'500);
  EXPECT_EQ(b.available(), 5u);
  clk.advance_ms(60'000);
  EXPECT_EQ(b.available(), 10u);
}

TEST(token_bucket, bulk_lane_cannot_take_the_critical_reserve) {
  virtual_clock clk;
  token_bucket b(config(10, 10s, 0.1), clk, {});
  EXPECT_EQ(b.try_acquire(9, lane::bulk), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(1, lane::bulk), acquire_result::exhausted);
  EXPECT_EQ(b.try_acquire(1, lane::normal), acquire_result::ok);
}

TEST(token_bucket, reserve_of_a_tenth_of_2400_is_240_tokens) {
  virtual_clock clk;
  token_bucket b(config(2400, 60s, 0.1), clk, {});
  EXPECT_EQ(b.try_acquire(2160, lane::bulk), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(1, lane::bulk), acquire_result::exhausted);
  EXPECT_EQ(b.try_acquire(240, lane::critical), acquire_result::ok);
}

TEST(token_bucket, weight_that_can_never_fit_is_refused_at_once) {
  virtual_clock clk;
  token_bucket b(config(10, 10s, 0.1), clk, {});
  EXPECT_EQ(b.try_acquire(11, lane::critical), acquire_result::weight_exceeds_capacity);
  EXPECT_EQ(b.acquire(11, lane::critical, clk.monotonic_ns() + 100 * second_ns),
            acquire_result::weight_exceeds_capacity);
  // Bulk may never use the reserve, so 10 can never be granted to it.
  EXPECT_EQ(b.try_acquire(10, lane::bulk), acquire_result::weight_exceeds_capacity);
  EXPECT_EQ(b.try_acquire(10, lane::critical), acquire_result::ok);
}

TEST(token_bucket, zero_weight_is_granted_without_tokens) {
  virtual_clock clk;
  token_bucket b(config(1, 1s), clk, {});
  ASSERT_EQ(b.try_acquire(1, lane::normal), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(0, lane::bulk), acquire_result::ok);
}

TEST(token_bucket, report_usage_lowers_but_never_raises_the_count) {
  virtual_clock clk;
  token_bucket b(config(100, 60s), clk, {});
  b.report_usage(30);
  EXPECT_EQ(b.available(), 70u);
  ASSERT_EQ(b.try_acquire(60, lane::normal), acquire_result::ok);
  b.report_usage(5);  // the server thinks more is left than we do: stay conservative
  EXPECT_EQ(b.available(), 10u);
  b.report_usage(500);
  EXPECT_EQ(b.available(), 0u);
}

TEST(token_bucket, invalid_configs_are_refused_with_the_bucket_name) {
  virtual_clock clk;
  const auto message_of = [&](const bucket_config& c) {
    try {
      token_bucket b(c, clk, {});
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_NE(message_of({"x.cap", 0, 1s, 0.1}).find("'x.cap'"), std::string::npos);
  EXPECT_NE(message_of({"x.int", 1, 0s, 0.1}).find("refill interval"), std::string::npos);
  EXPECT_NE(message_of({"x.res", 1, 1s, 1.0}).find("critical_reserve"), std::string::npos);
  EXPECT_NE(message_of({"", 1, 1s, 0.1}).find("name is empty"), std::string::npos);
  EXPECT_NE(message_of({"x.big", 1'000'000'000'000ULL, 1s, 0.1}).find("too large"),
            std::string::npos);
}

TEST(token_bucket, pause_refuses_try_acquire_and_acquires_whose_deadline_is_earlier) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  b.pause_until(clk.wall_ms() + 5'000);
  EXPECT_EQ(b.paused_until_wall_ms(), clk.wall_ms() + 5'000);
  EXPECT_EQ(b.try_acquire(1, lane::critical), acquire_result::paused);
  // Fails at once: no thread, no time advance needed.
  EXPECT_EQ(b.acquire(1, lane::critical, clk.monotonic_ns() + 4 * second_ns),
            acquire_result::paused);
  b.pause_until(clk.wall_ms() + 1'000);  // shorter: does not shorten the pause in force
  EXPECT_EQ(b.paused_until_wall_ms(), clk.wall_ms() + 5'000);
  clk.advance_ms(5'000);
  EXPECT_EQ(b.paused_until_wall_ms(), 0);
  EXPECT_EQ(b.try_acquire(1, lane::critical), acquire_result::ok);
}

TEST(token_bucket, acquire_waits_out_a_pause_that_ends_before_its_deadline) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  b.pause_until(clk.wall_ms() + 2'000);
  std::atomic<int> result{-1};
  std::thread t([&] {
    result = static_cast<int>(b.acquire(1, lane::normal, clk.monotonic_ns() + 10 * second_ns));
  });
  ASSERT_TRUE(test::eventually([&] { return b.waiting() == 1; }));
  clk.advance_ms(1'000);
  EXPECT_EQ(result.load(), -1);
  clk.advance_ms(1'000);
  t.join();
  EXPECT_EQ(result.load(), static_cast<int>(acquire_result::ok));
}

TEST(token_bucket, acquire_blocks_until_refill_and_then_succeeds) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  std::atomic<int> result{-1};
  std::thread t([&] {
    result = static_cast<int>(b.acquire(3, lane::normal, clk.monotonic_ns() + 60 * second_ns));
  });
  ASSERT_TRUE(test::eventually([&] { return b.waiting() == 1; }));
  clk.advance_ms(2'000);
  EXPECT_EQ(result.load(), -1);  // 2 of 3 tokens back: still waiting
  EXPECT_EQ(b.waiting(), 1u);
  clk.advance_ms(1'000);
  t.join();
  EXPECT_EQ(result.load(), static_cast<int>(acquire_result::ok));
  EXPECT_EQ(b.available(), 0u);
}

TEST(token_bucket, acquire_times_out_at_once_when_refill_cannot_make_the_deadline) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  EXPECT_EQ(b.acquire(5, lane::normal, clk.monotonic_ns() + 4 * second_ns),
            acquire_result::timeout);
  EXPECT_EQ(b.waiting(), 0u);
}

TEST(token_bucket, queued_waiter_times_out_at_its_deadline) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  std::atomic<int> first{-1};
  std::atomic<int> second{-1};
  const std::int64_t start = clk.monotonic_ns();
  std::thread a([&] { first = static_cast<int>(b.acquire(5, lane::normal, start + 60 * second_ns)); });
  ASSERT_TRUE(test::eventually([&] { return b.waiting() == 1; }));
  std::thread c([&] { second = static_cast<int>(b.acquire(1, lane::normal, start + 2 * second_ns)); });
  ASSERT_TRUE(test::eventually([&] { return b.waiting() == 2; }));
  clk.advance_ms(2'000);  // the second's deadline: it is behind the first, so it gives up
  c.join();
  EXPECT_EQ(second.load(), static_cast<int>(acquire_result::timeout));
  clk.advance_ms(3'000);
  a.join();
  EXPECT_EQ(first.load(), static_cast<int>(acquire_result::ok));
}

// Parks one waiter per lane on an empty bucket, lowest lane first, then lets one token in at
// a time: the order of service must be critical, normal, bulk.
TEST(token_bucket, higher_lane_waiters_are_served_first) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  std::mutex m;
  std::vector<lane> served;
  const std::int64_t deadline = clk.monotonic_ns() + 600 * second_ns;
  std::vector<std::thread> threads;
  for (lane l : {lane::bulk, lane::normal, lane::critical}) {
    const std::size_t before = b.waiting();
    threads.emplace_back([&, l] {
      if (b.acquire(1, l, deadline) == acquire_result::ok) {
        std::lock_guard<std::mutex> guard(m);
        served.push_back(l);
      }
    });
    ASSERT_TRUE(test::eventually([&] { return b.waiting() == before + 1; }));
  }
  // A newcomer in a lane below a waiter may not take tokens even when there are some.
  for (std::size_t step = 1; step <= 3; ++step) {
    clk.advance_ms(1'000);
    ASSERT_TRUE(test::eventually([&] {
      std::lock_guard<std::mutex> guard(m);
      return served.size() == step;
    }));
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(served, (std::vector<lane>{lane::critical, lane::normal, lane::bulk}));
}

TEST(token_bucket, same_lane_waiters_are_served_first_in_first_out) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(10, lane::normal), acquire_result::ok);
  std::mutex m;
  std::vector<int> served;
  const std::int64_t deadline = clk.monotonic_ns() + 600 * second_ns;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      if (b.acquire(1, lane::normal, deadline) == acquire_result::ok) {
        std::lock_guard<std::mutex> guard(m);
        served.push_back(i);
      }
    });
    ASSERT_TRUE(test::eventually([&] { return b.waiting() == static_cast<std::size_t>(i + 1); }));
  }
  for (std::size_t step = 1; step <= 4; ++step) {
    clk.advance_ms(1'000);
    ASSERT_TRUE(test::eventually([&] {
      std::lock_guard<std::mutex> guard(m);
      return served.size() == step;
    }));
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(served, (std::vector<int>{0, 1, 2, 3}));
}

TEST(token_bucket, try_acquire_does_not_overtake_a_waiter_of_its_lane_or_above) {
  virtual_clock clk;
  token_bucket b(config(10, 10s), clk, {});
  ASSERT_EQ(b.try_acquire(7, lane::normal), acquire_result::ok);  // 3 left
  std::thread t([&] { b.acquire(5, lane::normal, clk.monotonic_ns() + 60 * second_ns); });
  ASSERT_TRUE(test::eventually([&] { return b.waiting() == 1; }));
  EXPECT_EQ(b.try_acquire(1, lane::normal), acquire_result::exhausted);
  EXPECT_EQ(b.try_acquire(1, lane::bulk), acquire_result::exhausted);
  EXPECT_EQ(b.try_acquire(1, lane::critical), acquire_result::ok);  // a higher lane may
  clk.advance_ms(3'000);
  t.join();
  EXPECT_EQ(b.waiting(), 0u);
}

TEST(token_bucket, metrics_count_grants_and_refusals) {
  virtual_clock clk;
  metrics_registry metrics;
  token_bucket_metrics m;
  m.acquired_weight = metrics.register_counter("acquired_total", "");
  m.tokens_available = metrics.register_gauge("tokens", "");
  m.refused_exhausted = metrics.register_counter("exhausted_total", "");
  m.refused_paused = metrics.register_counter("paused_total", "");
  m.refused_timeout = metrics.register_counter("timeout_total", "");
  m.refused_too_large = metrics.register_counter("too_large_total", "");
  m.wait_seconds = metrics.register_histogram("wait_seconds", "");
  token_bucket b(config(10, 10s), clk, m);
  EXPECT_EQ(m.tokens_available.value(), 10.0);
  ASSERT_EQ(b.acquire(4, lane::normal, clk.monotonic_ns()), acquire_result::ok);
  ASSERT_EQ(b.try_acquire(6, lane::normal), acquire_result::ok);
  EXPECT_EQ(b.try_acquire(1, lane::normal), acquire_result::exhausted);
  EXPECT_EQ(b.try_acquire(11, lane::normal), acquire_result::weight_exceeds_capacity);
  EXPECT_EQ(b.acquire(5, lane::normal, clk.monotonic_ns() + 1), acquire_result::timeout);
  b.pause_until(clk.wall_ms() + 1'000);
  EXPECT_EQ(b.try_acquire(1, lane::normal), acquire_result::paused);
  EXPECT_EQ(m.acquired_weight.value(), 10.0);
  EXPECT_EQ(m.tokens_available.value(), 0.0);
  EXPECT_EQ(m.refused_exhausted.value(), 1.0);
  EXPECT_EQ(m.refused_too_large.value(), 1.0);
  EXPECT_EQ(m.refused_timeout.value(), 1.0);
  EXPECT_EQ(m.refused_paused.value(), 1.0);
  clk.advance_ms(5'000);
  b.refresh_gauge();
  EXPECT_EQ(m.tokens_available.value(), 5.0);
}

// Several threads hammer one bucket while virtual time moves in steps: whatever the
// interleaving, the total granted never exceeds capacity plus what refilled.
TEST(token_bucket, concurrent_grants_never_exceed_capacity_plus_refill_virtual_time) {
  virtual_clock clk;
  token_bucket b(config(50, 1s), clk, {});
  std::atomic<std::uint64_t> granted{0};
  std::atomic<std::uint64_t> attempts{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      const lane l = static_cast<lane>(i % 3);
      while (!stop.load()) {
        if (b.try_acquire(1, l) == acquire_result::ok) granted.fetch_add(1);
        attempts.fetch_add(1);
      }
    });
  }
  std::int64_t advanced_ms = 0;
  for (int step = 0; step < 200; ++step) {
    // Let the threads compete at every step, so time never runs ahead of them.
    const std::uint64_t seen = attempts.load();
    ASSERT_TRUE(test::eventually([&] { return attempts.load() >= seen + 8; }));
    clk.advance_ms(7);
    advanced_ms += 7;
  }
  stop = true;
  for (auto& t : threads) t.join();
  const std::uint64_t bound = 50 + 50 * static_cast<std::uint64_t>(advanced_ms) / 1'000;
  EXPECT_LE(granted.load(), bound);
  EXPECT_GT(granted.load(), 0u);
}

TEST(token_bucket, concurrent_blocking_acquires_never_exceed_capacity_plus_refill_real_time) {
  real_clock clk;
  const std::int64_t start = clk.monotonic_ns();
  token_bucket b(config(20, 100ms), clk, {});
  std::atomic<std::uint64_t> granted{0};
  const std::int64_t end = start + 300'000'000;  // a 300 ms run
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      const lane l = static_cast<lane>(i % 3);
      while (clk.monotonic_ns() < end) {
        if (b.acquire(1, l, end) == acquire_result::ok) granted.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  const std::int64_t elapsed = clk.monotonic_ns() - start;
  const std::uint64_t bound = 20 + static_cast<std::uint64_t>(20 * elapsed / 100'000'000);
  EXPECT_LE(granted.load(), bound);
  EXPECT_GE(granted.load(), 20u);
}

}  // namespace
}  // namespace tb::host
