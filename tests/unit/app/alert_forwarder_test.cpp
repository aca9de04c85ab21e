// alert_forwarder with the good_notifier fixture plugin: it counts the notifications it is
// handed and says how many when flushed, so each test reads what really reached a plugin.
#include "app/alert_forwarder.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "fixture_paths.hpp"
#include "plugin/plugin_library.hpp"
#include "test_host_api.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;
using testing::fixture;
using testing::test_host;

class AlertForwarder : public ::testing::Test {
 protected:
  AlertForwarder()
      : notifier_(plugin_instance::create(plugin_library::open(fixture("good_notifier")),
                                          host_.api(), "discord")) {
    notifier_->start();
  }

  // How many notifications reached the plugin since the last call.
  unsigned delivered() {
    const auto* iface = notifier_->interface<tb_notifier_v1>();
    checked_call(notifier_->site("flush()"),
                 [&](tb_error* err) { return iface->flush(notifier_->self(), 0, err); });
    const auto lines = host_.lines();
    const std::string prefix = "good_notifier: delivered ";
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (it->text.rfind(prefix, 0) == 0) return std::stoul(it->text.substr(prefix.size()));
    }
    ADD_FAILURE() << "the notifier logged no delivery count";
    return 0;
  }

  virtual_clock clk;
  alert_manager alerts{clk};
  test_host host_;
  std::unique_ptr<plugin_instance> notifier_;
};

TEST_F(AlertForwarder, WithoutALimitEveryEventGoesOut) {
  alert_forwarder forwarder(alerts, {notifier_.get()});
  for (int i = 0; i < 3; ++i) {
    alerts.raise("monitor:drawdown", alert_severity::critical, "Drawdown", "12 %");
    alerts.resolve("monitor:drawdown");
  }
  EXPECT_EQ(delivered(), 6u);
}

TEST_F(AlertForwarder, ZeroNotifyEveryIsNoLimit) {
  alert_forwarder forwarder(alerts, {notifier_.get()}, clk, 0ms);
  alerts.raise("k", alert_severity::warning, "t", "");
  alerts.resolve("k");
  alerts.raise("k", alert_severity::warning, "t", "");
  EXPECT_EQ(delivered(), 3u);
}

TEST_F(AlertForwarder, AFlappingAlertIsHeardOncePerPeriodWithItsResolution) {
  alert_forwarder forwarder(alerts, {notifier_.get()}, clk, 5min);
  alerts.raise("monitor:stale_data", alert_severity::warning, "Stale", "");
  EXPECT_EQ(delivered(), 1u);
  clk.advance_ms(60'000);
  alerts.resolve("monitor:stale_data");
  EXPECT_EQ(delivered(), 0u);  // held: it may come back within the period

  clk.advance_ms(60'000);
  alerts.raise("monitor:stale_data", alert_severity::warning, "Stale", "");  // 2 min after
  alerts.resolve("monitor:stale_data");
  clk.advance_ms(60'000);
  alerts.raise("monitor:stale_data", alert_severity::warning, "Stale", "");  // 3 min after
  EXPECT_EQ(delivered(), 0u);

  // Another key is not held back by this one.
  alerts.raise("monitor:slow_scan", alert_severity::warning, "Slow", "");
  EXPECT_EQ(delivered(), 1u);
  forwarder.release_due();
  EXPECT_EQ(delivered(), 0u);  // stale data is active: nothing is held

  clk.advance_ms(2 * 60'000);  // 5 min after the raise that went out
  alerts.resolve("monitor:stale_data");
  EXPECT_EQ(delivered(), 1u);  // the period has passed: at once
  alerts.raise("monitor:stale_data", alert_severity::warning, "Stale", "");
  EXPECT_EQ(delivered(), 1u);
  clk.advance_ms(60'000);
  alerts.resolve("monitor:stale_data");
  forwarder.release_due();
  EXPECT_EQ(delivered(), 0u);  // held for the rest of its period
  clk.advance_ms(4 * 60'000);
  forwarder.release_due();
  EXPECT_EQ(delivered(), 1u);  // then it goes out
  forwarder.release_due();
  EXPECT_EQ(delivered(), 0u);
}

// The notifiers are never left believing resolved an alert that is active.
TEST_F(AlertForwarder, AnAlertRaisedAgainWithinThePeriodIsNeverHiddenAsResolved) {
  alert_forwarder forwarder(alerts, {notifier_.get()}, clk, 5min);
  alerts.raise("monitor:stopless{BTCUSDT}", alert_severity::critical, "No stop", "");
  EXPECT_EQ(delivered(), 1u);
  clk.advance_ms(60'000);
  alerts.resolve("monitor:stopless{BTCUSDT}");
  clk.advance_ms(60'000);
  alerts.raise("monitor:stopless{BTCUSDT}", alert_severity::critical, "No stop", "");
  clk.advance_ms(60 * 60'000);
  forwarder.release_due();
  EXPECT_EQ(delivered(), 0u);  // what they heard last is the raise, and it still holds
  ASSERT_EQ(alerts.active().size(), 1u);
  alerts.resolve("monitor:stopless{BTCUSDT}");
  EXPECT_EQ(delivered(), 1u);
}

TEST_F(AlertForwarder, AResolutionOfAnAlertRaisedBeforeItWasThereIsNotForwarded) {
  alerts.raise("breaker:binance.orders", alert_severity::warning, "Open", "");
  alert_forwarder forwarder(alerts, {notifier_.get()}, clk, 5min);
  alerts.resolve("breaker:binance.orders");
  EXPECT_EQ(delivered(), 0u);
}

TEST_F(AlertForwarder, StopsForwardingOnceDestroyed) {
  {
    alert_forwarder forwarder(alerts, {notifier_.get()}, clk, 5min);
    alerts.raise("k", alert_severity::info, "t", "");
  }
  alerts.resolve("k");
  EXPECT_EQ(delivered(), 1u);
}

TEST_F(AlertForwarder, RejectsANegativePeriod) {
  EXPECT_THROW(alert_forwarder(alerts, {notifier_.get()}, clk, -1ms), std::invalid_argument);
}

}  // namespace
}  // namespace tb::host
