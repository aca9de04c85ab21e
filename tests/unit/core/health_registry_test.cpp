#include "core/health_registry.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(health_registry, overall_is_the_worst_component_and_healthy_when_empty) {
  virtual_clock clk;
  health_registry health(clk);
  EXPECT_EQ(health.overall(), health_state::healthy);
  health.update("exchange", health_state::healthy, "");
  health.update("journal", health_state::degraded, "disk 91% full");
  EXPECT_EQ(health.overall(), health_state::degraded);
  health.update("notifier", health_state::unhealthy, "webhook 401");
  EXPECT_EQ(health.overall(), health_state::unhealthy);
  health.remove("notifier");
  EXPECT_EQ(health.overall(), health_state::degraded);
}

TEST(health_registry, change_time_moves_only_when_the_state_changes) {
  virtual_clock clk(1'000, 0);
  health_registry health(clk);
  health.update("exchange", health_state::degraded, "reconnecting");
  clk.advance_ms(500);
  health.update("exchange", health_state::degraded, "reconnecting, attempt 2");
  auto c = health.get("exchange");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->changed_ms, 1'000);
  EXPECT_EQ(c->updated_ms, 1'500);
  EXPECT_EQ(c->detail, "reconnecting, attempt 2");
  clk.advance_ms(500);
  health.update("exchange", health_state::healthy, "");
  c = health.get("exchange");
  EXPECT_EQ(c->changed_ms, 2'000);
  EXPECT_EQ(c->state, health_state::healthy);
  EXPECT_FALSE(health.get("missing").has_value());
}

TEST(health_registry, snapshot_is_sorted_by_component) {
  virtual_clock clk;
  health_registry health(clk);
  health.update("b", health_state::healthy, "");
  health.update("a", health_state::unhealthy, "down");
  const auto snap = health.snapshot();
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0].component, "a");
  EXPECT_EQ(snap[0].state, health_state::unhealthy);
  EXPECT_STREQ(to_string(snap[0].state), "unhealthy");
  EXPECT_EQ(snap[1].component, "b");
}

TEST(health_registry, concurrent_updates_leave_one_entry_per_component) {
  virtual_clock clk;
  health_registry health(clk);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        health.update("c" + std::to_string(i % 10), static_cast<health_state>((i + t) % 3), "x");
        (void)health.overall();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(health.snapshot().size(), 10u);
}

}  // namespace
}  // namespace tb::host
