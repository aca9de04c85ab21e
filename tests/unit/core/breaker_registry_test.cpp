#include "core/breaker_registry.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

using namespace std::chrono_literals;

breaker_config quick(std::uint32_t failures) {
  breaker_config c;
  c.consecutive_failures = failures;
  c.failure_rate = 2.0;
  c.cooldown = 5s;
  c.half_open_max_probes = 1;
  c.probe_successes_to_close = 1;
  return c;
}

double value_of(const metrics_registry& metrics, const std::string& family,
                const metric_labels& labels) {
  for (const auto& f : metrics.snapshot()) {
    if (f.name != family) continue;
    for (const auto& s : f.series) {
      if (s.labels == labels) return s.value;
    }
  }
  return -1.0;
}

TEST(breaker_registry, get_creates_once_with_the_named_or_default_config) {
  virtual_clock clk;
  breaker_registry reg(clk, quick(5), {{"binance.orders", quick(1)}});
  circuit_breaker& orders = reg.get("binance.orders");
  EXPECT_EQ(&orders, &reg.get("binance.orders"));
  EXPECT_EQ(reg.find("binance.market"), nullptr);
  circuit_breaker& market = reg.get("binance.market");
  EXPECT_EQ(reg.find("binance.market"), &market);
  orders.report(false);
  EXPECT_EQ(orders.state(), breaker_state::open);  // its own config: 1 failure
  for (int i = 0; i < 4; ++i) market.report(false);
  EXPECT_EQ(market.state(), breaker_state::closed);  // the default: 5 failures
  market.report(false);
  EXPECT_EQ(market.state(), breaker_state::open);
  EXPECT_EQ(reg.names(), (std::vector<std::string>{"binance.market", "binance.orders"}));
}

TEST(breaker_registry, invalid_configs_fail_at_construction) {
  virtual_clock clk;
  breaker_config bad;
  bad.window_size = 0;
  EXPECT_THROW(breaker_registry(clk, bad), std::invalid_argument);
  EXPECT_THROW(breaker_registry(clk, quick(1), {{"x", bad}}), std::invalid_argument);
}

TEST(breaker_registry, transitions_update_metrics_and_alerts) {
  virtual_clock clk;
  metrics_registry metrics;
  alert_manager alerts(clk);
  std::vector<alert_event> events;
  alerts.subscribe([&](const alert_event& e) { events.push_back(e); });
  breaker_registry reg(clk, quick(2), {}, &metrics, &alerts);
  circuit_breaker& b = reg.get("binance.orders");
  EXPECT_EQ(value_of(metrics, "tb_breaker_state", {{"breaker", "binance.orders"}}), 0.0);

  b.report(false);
  b.report(false);
  EXPECT_EQ(value_of(metrics, "tb_breaker_state", {{"breaker", "binance.orders"}}), 1.0);
  EXPECT_EQ(value_of(metrics, "tb_breaker_transitions_total",
                     {{"breaker", "binance.orders"}, {"to", "open"}}),
            1.0);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].key, "breaker:binance.orders");
  EXPECT_FALSE(events[0].resolved);
  EXPECT_EQ(events[0].severity, alert_severity::warning);
  EXPECT_NE(events[0].detail.find("2 consecutive failures"), std::string::npos);
  ASSERT_EQ(alerts.active().size(), 1u);

  clk.advance_ms(5'000);
  ASSERT_TRUE(b.allow());
  EXPECT_EQ(value_of(metrics, "tb_breaker_state", {{"breaker", "binance.orders"}}), 2.0);
  b.report(true);
  EXPECT_EQ(value_of(metrics, "tb_breaker_state", {{"breaker", "binance.orders"}}), 0.0);
  EXPECT_EQ(value_of(metrics, "tb_breaker_transitions_total",
                     {{"breaker", "binance.orders"}, {"to", "half_open"}}),
            1.0);
  EXPECT_EQ(value_of(metrics, "tb_breaker_transitions_total",
                     {{"breaker", "binance.orders"}, {"to", "closed"}}),
            1.0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[1].resolved);
  EXPECT_TRUE(alerts.active().empty());
}

TEST(breaker_registry, observers_see_transitions_until_unsubscribed) {
  virtual_clock clk;
  breaker_registry reg(clk, quick(1));
  std::vector<std::string> seen;
  const auto id = reg.subscribe([&](const breaker_transition& t) {
    seen.push_back(t.breaker + ":" + to_string(t.to));
  });
  reg.get("a").report(false);
  reg.unsubscribe(id);
  reg.get("b").report(false);
  EXPECT_EQ(seen, std::vector<std::string>{"a:open"});
}

TEST(breaker_registry, concurrent_get_returns_one_breaker_per_name) {
  virtual_clock clk;
  breaker_registry reg(clk);
  std::vector<circuit_breaker*> got(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = &reg.get("shared"); });
  }
  for (auto& t : threads) t.join();
  for (auto* b : got) EXPECT_EQ(b, got[0]);
}

}  // namespace
}  // namespace tb::host
