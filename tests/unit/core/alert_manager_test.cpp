#include "core/alert_manager.hpp"

#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

using namespace std::chrono_literals;

struct inbox {
  std::mutex m;
  std::vector<alert_event> events;
  alert_manager::subscriber fn() {
    return [this](const alert_event& e) {
      std::lock_guard<std::mutex> guard(m);
      events.push_back(e);
    };
  }
};

TEST(alert_manager, raise_emits_once_per_active_key_and_resolve_emits_resolution) {
  virtual_clock clk(42'000, 0);
  alert_manager alerts(clk);
  inbox in;
  alerts.subscribe(in.fn());
  EXPECT_TRUE(alerts.raise("ws.down", alert_severity::critical, "Stream down", "no data 60 s"));
  EXPECT_FALSE(alerts.raise("ws.down", alert_severity::critical, "Stream down", "again"));
  ASSERT_EQ(in.events.size(), 1u);
  EXPECT_EQ(in.events[0].key, "ws.down");
  EXPECT_EQ(in.events[0].severity, alert_severity::critical);
  EXPECT_EQ(in.events[0].title, "Stream down");
  EXPECT_EQ(in.events[0].detail, "no data 60 s");
  EXPECT_FALSE(in.events[0].resolved);
  EXPECT_EQ(in.events[0].time_ms, 42'000);

  const auto active = alerts.active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].since_ms, 42'000);

  clk.advance_ms(1'000);
  EXPECT_TRUE(alerts.resolve("ws.down"));
  EXPECT_FALSE(alerts.resolve("ws.down"));
  ASSERT_EQ(in.events.size(), 2u);
  EXPECT_TRUE(in.events[1].resolved);
  EXPECT_EQ(in.events[1].key, "ws.down");
  EXPECT_EQ(in.events[1].time_ms, 43'000);
  EXPECT_TRUE(alerts.active().empty());
  // Once resolved, the key can fire again.
  EXPECT_TRUE(alerts.raise("ws.down", alert_severity::critical, "Stream down", ""));
}

TEST(alert_manager, rule_fires_after_holding_for_its_duration_and_resolves) {
  virtual_clock clk;
  metrics_registry metrics;
  const gauge lag = metrics.register_gauge("tb_stream_lag_seconds", "", {{"stream", "kline"}});
  alert_manager alerts(clk, &metrics);
  inbox in;
  alerts.subscribe(in.fn());
  alerts.add_rule({"stream_lag", "tb_stream_lag_seconds", {}, alert_condition::above, 30.0, 60s,
                   alert_severity::critical, "Market data lagging"});

  lag.set(10);
  alerts.evaluate();
  lag.set(45);
  alerts.evaluate();  // starts holding now
  clk.advance_ms(59'999);
  alerts.evaluate();
  EXPECT_TRUE(in.events.empty());
  clk.advance_ms(1);
  alerts.evaluate();
  ASSERT_EQ(in.events.size(), 1u);
  EXPECT_EQ(in.events[0].key, "rule:stream_lag{stream=\"kline\"}");
  EXPECT_EQ(in.events[0].title, "Market data lagging");
  EXPECT_EQ(in.events[0].severity, alert_severity::critical);
  EXPECT_NE(in.events[0].detail.find("= 45 is above 30"), std::string::npos);
  alerts.evaluate();  // still holding: nothing new
  EXPECT_EQ(in.events.size(), 1u);

  lag.set(5);
  alerts.evaluate();
  ASSERT_EQ(in.events.size(), 2u);
  EXPECT_TRUE(in.events[1].resolved);
  EXPECT_TRUE(alerts.active().empty());
}

TEST(alert_manager, a_dip_restarts_the_for_duration) {
  virtual_clock clk;
  metrics_registry metrics;
  const gauge g = metrics.register_gauge("tb_free_tokens", "");
  alert_manager alerts(clk, &metrics);
  alerts.add_rule({"low", "tb_free_tokens", {}, alert_condition::below, 100.0, 10s,
                   alert_severity::warning, ""});
  g.set(50);
  alerts.evaluate();
  clk.advance_ms(9'000);
  g.set(150);
  alerts.evaluate();  // stopped holding
  g.set(50);
  alerts.evaluate();
  clk.advance_ms(9'000);
  alerts.evaluate();
  EXPECT_TRUE(alerts.active().empty());
  clk.advance_ms(1'000);
  alerts.evaluate();
  ASSERT_EQ(alerts.active().size(), 1u);
  EXPECT_EQ(alerts.active()[0].key, "rule:low{}");
  EXPECT_EQ(alerts.active()[0].title, "low");  // the name when no title is given
}

TEST(alert_manager, rule_labels_select_series_and_each_series_alerts_on_its_own) {
  virtual_clock clk;
  metrics_registry metrics;
  const counter a = metrics.register_counter("tb_errors_total", "", {{"plugin", "a"}, {"kind", "io"}});
  const counter b = metrics.register_counter("tb_errors_total", "", {{"plugin", "b"}, {"kind", "io"}});
  const counter c = metrics.register_counter("tb_errors_total", "", {{"plugin", "c"}, {"kind", "auth"}});
  alert_manager alerts(clk, &metrics);
  alerts.add_rule({"io_errors", "tb_errors_total", {{"kind", "io"}}, alert_condition::above, 2.0,
                   0s, alert_severity::warning, ""});
  a.add(3);
  b.add(5);
  c.add(9);
  alerts.evaluate();
  const auto active = alerts.active();
  ASSERT_EQ(active.size(), 2u);
  EXPECT_EQ(active[0].key, "rule:io_errors{kind=\"io\",plugin=\"a\"}");
  EXPECT_EQ(active[1].key, "rule:io_errors{kind=\"io\",plugin=\"b\"}");
}

TEST(alert_manager, invalid_rules_are_refused) {
  virtual_clock clk;
  metrics_registry metrics;
  alert_manager without(clk);
  EXPECT_THROW(without.add_rule({"r", "m", {}, alert_condition::above, 1, 0s,
                                 alert_severity::info, ""}),
               std::invalid_argument);
  alert_manager alerts(clk, &metrics);
  alerts.add_rule({"r", "m", {}, alert_condition::above, 1, 0s, alert_severity::info, ""});
  EXPECT_THROW(alerts.add_rule({"r", "m", {}, alert_condition::above, 1, 0s,
                                alert_severity::info, ""}),
               std::invalid_argument);
  EXPECT_THROW(alerts.add_rule({"s", "bad name", {}, alert_condition::above, 1, 0s,
                                alert_severity::info, ""}),
               std::invalid_argument);
  EXPECT_THROW(alerts.add_rule({"t", "m", {}, alert_condition::above, 1, -1s,
                                alert_severity::info, ""}),
               std::invalid_argument);
}

TEST(alert_manager, a_throwing_subscriber_does_not_stop_the_others) {
  virtual_clock clk;
  alert_manager alerts(clk);
  inbox in;
  alerts.subscribe([](const alert_event&) { throw std::runtime_error("notifier down"); });
  alerts.subscribe(in.fn());
  alerts.raise("k", alert_severity::info, "t", "d");
  EXPECT_EQ(in.events.size(), 1u);
}

TEST(alert_manager, a_subscriber_may_raise_alerts_itself) {
  virtual_clock clk;
  alert_manager alerts(clk);
  inbox in;
  alerts.subscribe([&](const alert_event& e) {
    if (e.key == "first") alerts.raise("second", alert_severity::info, "from a subscriber", "");
  });
  alerts.subscribe(in.fn());
  alerts.raise("first", alert_severity::info, "t", "");
  ASSERT_EQ(in.events.size(), 2u);
  EXPECT_EQ(in.events[0].key, "first");
  EXPECT_EQ(in.events[1].key, "second");
}

TEST(alert_manager, unsubscribed_subscribers_get_nothing_more) {
  virtual_clock clk;
  alert_manager alerts(clk);
  inbox in;
  const auto id = alerts.subscribe(in.fn());
  alerts.raise("a", alert_severity::info, "", "");
  alerts.unsubscribe(id);
  alerts.raise("b", alert_severity::info, "", "");
  EXPECT_EQ(in.events.size(), 1u);
}

TEST(alert_manager, concurrent_raises_of_one_key_emit_exactly_one_event) {
  virtual_clock clk;
  alert_manager alerts(clk);
  inbox in;
  alerts.subscribe(in.fn());
  std::latch start(8);
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < 50; ++i) {
        if (alerts.raise("shared", alert_severity::warning, "t", "d")) ++winners;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
  std::lock_guard<std::mutex> guard(in.m);
  EXPECT_EQ(in.events.size(), 1u);
}

TEST(alert_manager, concurrent_raise_and_resolve_alternate_in_delivery_order) {
  virtual_clock clk;
  alert_manager alerts(clk);
  inbox in;
  alerts.subscribe(in.fn());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        if ((i + t) % 2 == 0) {
          alerts.raise("flappy", alert_severity::warning, "t", "");
        } else {
          alerts.resolve("flappy");
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  alerts.resolve("flappy");
  std::lock_guard<std::mutex> guard(in.m);
  ASSERT_FALSE(in.events.empty());
  for (std::size_t i = 0; i < in.events.size(); ++i) {
    EXPECT_EQ(in.events[i].resolved, i % 2 == 1) << "event " << i;
  }
  EXPECT_TRUE(in.events.back().resolved);
}

}  // namespace
}  // namespace tb::host
