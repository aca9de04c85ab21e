#include "core/clock.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

TEST(real_clock, monotonic_time_never_goes_back) {
  real_clock clk;
  std::int64_t last = clk.monotonic_ns();
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t now = clk.monotonic_ns();
    ASSERT_GE(now, last);
    last = now;
  }
}

TEST(real_clock, wall_time_is_utc_epoch_milliseconds) {
  real_clock clk;
  const auto system_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  EXPECT_NEAR(static_cast<double>(clk.wall_ms()), static_cast<double>(system_ms), 60'000.0);
  EXPECT_GT(clk.wall_ms(), 1'600'000'000'000);  // after 2020
}

TEST(real_clock, wait_until_a_past_deadline_returns) {
  real_clock clk;
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock<std::mutex> lock(m);
  clk.wait_until(cv, lock, clk.monotonic_ns() - 1);
  EXPECT_TRUE(lock.owns_lock());
}

TEST(virtual_clock, advance_moves_both_times_and_carries_sub_milliseconds) {
  virtual_clock clk(5'000, 100);
  clk.advance_ns(600'000);
  EXPECT_EQ(clk.wall_ms(), 5'000);
  EXPECT_EQ(clk.monotonic_ns(), 600'100);
  clk.advance_ns(600'000);  // 1.2 ms in total
  EXPECT_EQ(clk.wall_ms(), 5'001);
  clk.advance_ms(2);
  EXPECT_EQ(clk.wall_ms(), 5'003);
  EXPECT_EQ(clk.monotonic_ns(), 3'200'100);
}

TEST(virtual_clock, monotonic_time_cannot_go_back) {
  virtual_clock clk(0, 1'000);
  EXPECT_THROW(clk.advance_ns(-1), std::invalid_argument);
  EXPECT_THROW(clk.set_monotonic_ns(999), std::invalid_argument);
  clk.set_monotonic_ns(2'000);
  EXPECT_EQ(clk.monotonic_ns(), 2'000);
  clk.set_wall_ms(-5);  // wall time may be corrected backwards
  EXPECT_EQ(clk.wall_ms(), -5);
}

TEST(virtual_clock, wait_until_a_reached_deadline_returns_without_blocking) {
  virtual_clock clk(0, 1'000);
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock<std::mutex> lock(m);
  clk.wait_until(cv, lock, 1'000);
  EXPECT_TRUE(lock.owns_lock());
  EXPECT_EQ(clk.waiter_count(), 0u);
}

TEST(virtual_clock, advancing_wakes_a_waiter_without_real_sleep) {
  virtual_clock clk(0, 0);
  std::mutex m;
  std::condition_variable_any cv;
  time_listener listener(clk, cv, m);
  std::atomic<bool> woke{false};
  std::thread waiter([&] {
    std::unique_lock<std::mutex> lock(m);
    while (clk.monotonic_ns() < 1'000) clk.wait_until(cv, lock, 1'000);
    woke = true;
  });
  ASSERT_TRUE(test::eventually([&] { return clk.waiter_count() == 1; }));
  EXPECT_FALSE(woke.load());
  clk.advance_ns(1'000);
  waiter.join();
  EXPECT_TRUE(woke.load());
  EXPECT_EQ(clk.waiter_count(), 0u);
}

// The advance races the waiter's check-then-wait; a lost wake-up would hang the join (and
// ctest's timeout would report it).
TEST(virtual_clock, no_wakeup_is_lost_when_advance_races_the_wait) {
  for (int round = 0; round < 300; ++round) {
    virtual_clock clk(0, 0);
    std::mutex m;
    std::condition_variable_any cv;
    time_listener listener(clk, cv, m);
    std::thread waiter([&] {
      std::unique_lock<std::mutex> lock(m);
      while (clk.monotonic_ns() < 10) clk.wait_until(cv, lock, 1'000'000);
    });
    clk.advance_ns(10);
    waiter.join();
    EXPECT_EQ(clk.waiter_count(), 0u);
  }
}

TEST(virtual_clock, set_wall_time_wakes_waiters_too) {
  virtual_clock clk(0, 0);
  std::mutex m;
  std::condition_variable_any cv;
  time_listener listener(clk, cv, m);
  std::thread waiter([&] {
    std::unique_lock<std::mutex> lock(m);
    while (clk.wall_ms() < 5'000) clk.wait_until(cv, lock, 1'000'000);
  });
  ASSERT_TRUE(test::eventually([&] { return clk.waiter_count() == 1; }));
  clk.set_wall_ms(5'000);
  waiter.join();
  EXPECT_EQ(clk.monotonic_ns(), 0);
}

TEST(virtual_clock, a_notify_from_elsewhere_also_wakes_the_waiter) {
  virtual_clock clk(0, 0);
  std::mutex m;
  std::condition_variable_any cv;
  time_listener listener(clk, cv, m);
  bool flag = false;
  std::thread waiter([&] {
    std::unique_lock<std::mutex> lock(m);
    while (!flag) clk.wait_until(cv, lock, 1'000'000);
  });
  ASSERT_TRUE(test::eventually([&] { return clk.waiter_count() == 1; }));
  {
    std::lock_guard<std::mutex> guard(m);
    flag = true;
  }
  cv.notify_all();
  waiter.join();
  EXPECT_EQ(clk.monotonic_ns(), 0);
}

}  // namespace
}  // namespace tb::host
