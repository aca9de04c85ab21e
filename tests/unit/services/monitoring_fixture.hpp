#pragma once
// A MonitoringService on a virtual clock with the real registries and alert manager, and an
// inbox of the alert events it causes; shared by the monitoring tests.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
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

  double value_of(const std::string& family, const metric_labels& labels = {}) const {
    for (const auto& f : metrics.snapshot()) {
      if (f.name != family) continue;
      for (const auto& s : f.series) {
        if (s.labels == labels) return s.value;
      }
    }
    return -1.0;
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
