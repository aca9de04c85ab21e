#pragma once
// A MonitoringService on a virtual clock with the real registries and alert manager, and an
// inbox of the alert events it causes; shared by the monitoring tests.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/alert_manager.hpp"
#include "core/breaker_registry.hpp"
#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/metrics_registry.hpp"
#include "services/monitoring_service.hpp"

namespace tb::host::testing {

using namespace std::chrono_literals;

// Opens after one failure; closes after one good probe once its cooldown has passed.
inline breaker_config one_strike_breaker() {
  breaker_config c;
  c.consecutive_failures = 1;
  c.failure_rate = 2.0;
  c.cooldown = 10min;
  c.half_open_max_probes = 1;
  c.probe_successes_to_close = 1;
  return c;
}

class monitoring_fixture : public ::testing::Test {
 protected:
  static constexpr std::chrono::milliseconds scan_period{60'000};

  monitoring_fixture() {
    alerts.subscribe([this](const alert_event& e) {
      std::lock_guard<std::mutex> guard(inbox_mutex_);
      if (e.key.rfind("monitor:", 0) == 0) inbox_.push_back(e);
    });
  }

  monitoring_service& service(const monitoring_settings& s = {}) {
    monitoring_identity id;
    id.mode = "paper";
    id.version = "1.2.3";
    id.started_ms = clk.wall_ms();
    id.plugins = {{"binance", "0.9.0", "exchange"}, {"ictsmc", "2.1.0", "strategy"}};
    monitor = std::make_unique<monitoring_service>(metrics, health, alerts, breakers, clk, s,
                                                   std::move(id), scan_period);
    return *monitor;
  }

  // The monitor:* events so far, then forgets them.
  std::vector<alert_event> take_events() {
    std::lock_guard<std::mutex> guard(inbox_mutex_);
    return std::exchange(inbox_, {});
  }

  // Expects the monitor:* events since the last take to be one raise of `key`; returns it for
  // further checks (an empty event when there was not exactly one).
  alert_event take_raise(std::string_view key,
                         std::source_location at = std::source_location::current()) {
    return take_one(key, false, at);
  }
  // Expects the monitor:* events since the last take to be one resolution of `key`.
  void take_resolution(std::string_view key,
                       std::source_location at = std::source_location::current()) {
    take_one(key, true, at);
  }

  double value_of(const std::string& family, const metric_labels& labels = {}) const {
    const std::vector<family_snapshot> families = metrics.snapshot();
    const series_snapshot* s = series_of(families, family, labels);
    return s != nullptr ? s->value : -1.0;
  }

  const series_snapshot* series_of(const std::vector<family_snapshot>& families,
                                   const std::string& family, const metric_labels& labels) const {
    for (const auto& f : families) {
      if (f.name != family) continue;
      for (const auto& s : f.series) {
        if (s.labels == labels) return &s;
      }
    }
    return nullptr;
  }

  health_state health_of(const std::string& component) const {
    const auto c = health.get(component);
    EXPECT_TRUE(c.has_value()) << "no health component " << component;
    return c ? c->state : health_state::healthy;
  }

  virtual_clock clk;
  metrics_registry metrics;
  health_registry health{clk};
  alert_manager alerts{clk, &metrics};
  breaker_registry breakers{clk, one_strike_breaker(), {}, &metrics, &alerts};
  std::unique_ptr<monitoring_service> monitor;

  std::mutex inbox_mutex_;
  std::vector<alert_event> inbox_;

 private:
  alert_event take_one(std::string_view key, bool resolved, std::source_location at) {
    const ::testing::ScopedTrace trace(at.file_name(), static_cast<int>(at.line()),
                                       resolved ? "a resolution expected" : "a raise expected");
    std::vector<alert_event> events = take_events();
    EXPECT_EQ(events.size(), 1u);
    if (events.size() != 1) return {};
    EXPECT_EQ(events[0].key, key);
    EXPECT_EQ(events[0].resolved, resolved);
    return std::move(events[0]);
  }
};

inline scan_timings scan_of(std::chrono::milliseconds total, bool ok = true) {
  scan_timings t;
  t.total_ns = std::chrono::nanoseconds(total).count();
  t.fetch_ns = t.total_ns / 2;
  t.analyze_ns = t.total_ns / 4;
  t.rank_ns = 0;
  t.execute_ns = t.total_ns / 4;
  t.symbols = 10;
  t.signals_found = 3;
  t.signals_taken = 1;
  t.ok = ok;
  if (!ok) t.problem = "the exchange did not answer";
  return t;
}

inline position_view position(const std::string& symbol, std::optional<double> stop) {
  position_view p;
  p.symbol = symbol;
  p.side = "long";
  p.quantity = 0.5;
  p.entry_price = 100;
  p.stop_price = stop;
  p.take_profit = 120;
  p.unrealized_pnl = 2.5;
  p.opened_ms = 1'700'000'000'000;
  return p;
}

}  // namespace tb::host::testing
