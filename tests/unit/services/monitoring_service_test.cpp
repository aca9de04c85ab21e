#include "services/monitoring_service.hpp"

#include <atomic>
#include <stdexcept>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "monitoring_fixture.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;
using testing::monitoring_fixture;
using testing::position;
using testing::scan_of;
using namespace std::chrono_literals;

class MonitoringService : public monitoring_fixture {};

account_observation equity_of(double equity) {
  account_observation a;
  a.equity = equity;
  return a;
}

// --- drawdown --------------------------------------------------------------------------

TEST_F(MonitoringService, DrawdownFiresOnceAboveItsLimitAndResolves) {
  monitoring_settings s;
  s.max_drawdown_percent = 10;
  monitoring_service& m = service(s);
  m.observe_account(equity_of(1000));
  m.observe_account(equity_of(950));  // 5 %
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());

  m.observe_account(equity_of(880));  // 12 %
  m.check_alerts();
  m.check_alerts();
  const alert_event raised = take_raise("monitor:drawdown");
  EXPECT_EQ(raised.severity, alert_severity::critical);
  EXPECT_THAT(raised.detail, HasSubstr("12.00% below its peak 1000.00"));

  // A failed read (no equity) keeps the last one rather than reading as a 100 % drawdown.
  m.observe_account(account_observation{});
  EXPECT_DOUBLE_EQ(value_of("tb_equity"), 880);
  m.observe_account(equity_of(960));
  m.check_alerts();
  take_resolution("monitor:drawdown");
}

TEST_F(MonitoringService, DrawdownCountsFromAPeakHandedIn) {
  monitoring_settings s;
  s.max_drawdown_percent = 10;
  monitoring_service& m = service(s);
  account_observation a = equity_of(850);
  a.equity_peak = 1000;  // from the journal's history
  m.observe_account(a);
  m.check_alerts();
  take_raise("monitor:drawdown");
  EXPECT_DOUBLE_EQ(value_of("tb_equity_peak"), 1000);
  EXPECT_DOUBLE_EQ(value_of("tb_drawdown_percent"), 15);
}

TEST_F(MonitoringService, DrawdownAlertIsOffAtZero) {
  monitoring_settings s;
  s.max_drawdown_percent = 0;
  monitoring_service& m = service(s);
  m.observe_account(equity_of(1000));
  m.observe_account(equity_of(100));
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  EXPECT_DOUBLE_EQ(value_of("tb_drawdown_percent"), 90);  // still measured
}

// --- error rate ------------------------------------------------------------------------

TEST_F(MonitoringService, ErrorRateFiresAboveItsLimitOverFiveMinutesAndResolves) {
  monitoring_settings s;
  s.max_errors_per_minute = 2;  // more than 10 errors in 5 minutes
  const counter plugin_errors =
      metrics.register_counter("tb_plugin_call_errors_total", "", {{"plugin", "binance"}});
  plugin_errors.add(100);  // before the service started: not counted
  monitoring_service& m = service(s);

  plugin_errors.add(5);
  clk.advance_ms(10'000);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());  // 1 per minute
  EXPECT_DOUBLE_EQ(value_of("tb_errors_per_minute"), 1.0);

  const counter failed_requests =
      metrics.register_counter("tb_data_requests_total", "", {{"result", "failed"}});
  metrics.register_counter("tb_data_requests_total", "", {{"result", "ok"}}).add(1000);
  failed_requests.add(3);
  m.record_scan(scan_of(1s, false));
  m.record_scan(scan_of(1s, false));
  metrics.register_counter("tb_exchange_failures_total", "").add(1);  // 5 + 3 + 2 + 1 = 11
  clk.advance_ms(10'000);
  m.check_alerts();
  m.check_alerts();
  const alert_event raised = take_raise("monitor:error_rate");
  EXPECT_EQ(raised.severity, alert_severity::warning);
  EXPECT_THAT(raised.detail, HasSubstr("2.2 errors per minute"));
  EXPECT_THAT(raised.detail, HasSubstr("tb_plugin_call_errors_total 5"));
  EXPECT_THAT(raised.detail, HasSubstr("tb_data_requests_total{result=\"failed\"} 3"));
  EXPECT_THAT(raised.detail, HasSubstr("tb_scans_total{outcome=\"failed\"} 2"));
  EXPECT_THAT(raised.detail, HasSubstr("tb_exchange_failures_total 1"));

  clk.advance_ms(5 * 60'000);  // the errors leave the window
  m.check_alerts();
  take_resolution("monitor:error_rate");
}

TEST_F(MonitoringService, ErrorRateAlertIsOffAtZero) {
  monitoring_settings s;
  s.max_errors_per_minute = 0;
  monitoring_service& m = service(s);
  metrics.register_counter("tb_errors_total", "").add(10'000);
  clk.advance_ms(10'000);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
}

// --- slow scan -------------------------------------------------------------------------

TEST_F(MonitoringService, SlowScanDefaultsToHalfThePeriodAndResolvesOnAFastScan) {
  monitoring_service& m = service();  // max_scan_time 0: 30 s of the 60 s period
  m.record_scan(scan_of(30s));
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  EXPECT_EQ(health_of("scan"), health_state::healthy);

  m.record_scan(scan_of(31s));
  EXPECT_EQ(health_of("scan"), health_state::degraded);
  m.check_alerts();
  m.check_alerts();
  EXPECT_THAT(take_raise("monitor:slow_scan").detail, HasSubstr("31.0 s, over the 30.0 s limit"));

  m.record_scan(scan_of(2s));
  m.check_alerts();
  take_resolution("monitor:slow_scan");
  EXPECT_EQ(health_of("scan"), health_state::healthy);
}

TEST_F(MonitoringService, SlowScanUsesItsSetting) {
  monitoring_settings s;
  s.max_scan_time = 50s;
  monitoring_service& m = service(s);
  m.record_scan(scan_of(45s));
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  m.record_scan(scan_of(51s));
  m.check_alerts();
  take_raise("monitor:slow_scan");
}

TEST_F(MonitoringService, FailedScanMakesTheScanUnhealthy) {
  monitoring_service& m = service();
  m.record_scan(scan_of(1s, false));
  const auto c = health.get("scan");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, health_state::unhealthy);
  EXPECT_THAT(c->detail, HasSubstr("the exchange did not answer"));
}

// --- breakers --------------------------------------------------------------------------

TEST_F(MonitoringService, BreakerOpenForLongerThanItsLimitFiresAndResolvesOnClosing) {
  monitoring_settings s;
  s.breaker_open_for = 60s;
  monitoring_service& m = service(s);
  circuit_breaker& orders = breakers.get("binance.orders");
  ASSERT_TRUE(orders.allow());
  orders.report(false);
  ASSERT_EQ(orders.state(), breaker_state::open);
  m.check_alerts();  // first seen open
  clk.advance_ms(60'000);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());

  clk.advance_ms(1'000);
  m.check_alerts();
  m.check_alerts();
  EXPECT_THAT(take_raise("monitor:breaker_open{binance.orders}").detail,
              HasSubstr("stopped for 1m 01s"));

  clk.advance_ms(10 * 60'000);  // the cooldown: half-open still counts as open
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  ASSERT_TRUE(orders.allow());
  orders.report(true);
  ASSERT_EQ(orders.state(), breaker_state::closed);
  m.check_alerts();
  take_resolution("monitor:breaker_open{binance.orders}");
}

TEST_F(MonitoringService, BreakerWithZeroLimitFiresAtTheFirstCheck) {
  monitoring_service& m = service();  // breaker_open_for 0
  breakers.get("binance.market").report(false);
  breakers.get("binance.orders");  // closed: quiet
  m.check_alerts();
  take_raise("monitor:breaker_open{binance.market}");
}

// --- stale market data -----------------------------------------------------------------

TEST_F(MonitoringService, StaleDataIsQuietUntilDataWasSeenThenFiresAfterThreePeriods) {
  monitoring_service& m = service();  // stale_data_after 0: 180 s
  clk.advance_ms(3'600'000);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  EXPECT_FALSE(health.get("market_data"));

  m.observe_market_data(clk.wall_ms() - 60'000);
  EXPECT_EQ(health_of("market_data"), health_state::healthy);
  clk.advance_ms(120'000);  // 180 s old: not older than the limit
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());

  clk.advance_ms(1'000);
  m.check_alerts();
  m.check_alerts();
  EXPECT_THAT(take_raise("monitor:stale_data").detail, HasSubstr("3m 01s old (limit 3m 00s)"));
  EXPECT_EQ(health_of("market_data"), health_state::degraded);
  EXPECT_DOUBLE_EQ(value_of("tb_market_data_age_seconds"), 181);

  m.observe_market_data(clk.wall_ms() - 500'000);  // older than what was seen: ignored
  m.observe_market_data(clk.wall_ms());
  m.check_alerts();
  take_resolution("monitor:stale_data");
  EXPECT_EQ(health_of("market_data"), health_state::healthy);
}

TEST_F(MonitoringService, StaleDataUsesItsSetting) {
  monitoring_settings s;
  s.stale_data_after = 10min;
  monitoring_service& m = service(s);
  m.observe_market_data(clk.wall_ms());
  clk.advance_ms(9 * 60'000);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  clk.advance_ms(2 * 60'000);
  m.check_alerts();
  take_raise("monitor:stale_data");
}

// --- positions without a stop ----------------------------------------------------------

TEST_F(MonitoringService, PositionWithoutAStopFiresPerSymbolAfterItsGraceAndResolves) {
  monitoring_settings s;
  s.stopless_after = 60s;
  monitoring_service& m = service(s);
  account_observation a = equity_of(1000);
  a.positions = {position("BTCUSDT", std::nullopt), position("ETHUSDT", 95.0)};
  m.observe_account(a);
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  EXPECT_EQ(health_of("positions"), health_state::degraded);
  EXPECT_DOUBLE_EQ(value_of("tb_positions_without_stop"), 1);
  EXPECT_DOUBLE_EQ(value_of("tb_open_positions"), 2);

  clk.advance_ms(30'000);
  m.observe_account(a);  // still none: the time counts from the first sighting
  clk.advance_ms(31'000);
  m.check_alerts();
  m.check_alerts();
  const alert_event raised = take_raise("monitor:stopless{BTCUSDT}");
  EXPECT_EQ(raised.severity, alert_severity::critical);
  EXPECT_THAT(raised.detail, HasSubstr("no working stop order for 1m 01s"));
  EXPECT_EQ(health_of("positions"), health_state::unhealthy);

  a.positions[0].stop_price = 90.0;
  m.observe_account(a);
  m.check_alerts();
  take_resolution("monitor:stopless{BTCUSDT}");
  EXPECT_EQ(health_of("positions"), health_state::healthy);
}

TEST_F(MonitoringService, ClosedStoplessPositionResolvesAndANewOneStartsAfresh) {
  monitoring_settings s;
  s.stopless_after = 60s;
  monitoring_service& m = service(s);
  account_observation a;
  a.positions = {position("SOLUSDT", std::nullopt)};
  m.observe_account(a);
  clk.advance_ms(61'000);
  m.check_alerts();
  take_raise("monitor:stopless{SOLUSDT}");

  m.observe_account(account_observation{});  // closed
  m.check_alerts();
  take_resolution("monitor:stopless{SOLUSDT}");

  m.observe_account(a);  // opened again, without a stop: a new grace period
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
}

// --- strategy faults -------------------------------------------------------------------

TEST_F(MonitoringService, StrategyFaultingFiresAtItsCountInARowAndResolvesOnSuccess) {
  monitoring_settings s;
  s.strategy_faults = 3;
  monitoring_service& m = service(s);
  m.record_strategy_outcome("ict", false, "on_scan failed: TB_E_INTERNAL");
  m.record_strategy_outcome("ict", true, "");
  m.record_strategy_outcome("ict", false, "one");
  m.record_strategy_outcome("ict", false, "two");
  m.record_strategy_outcome("trend", true, "");
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  EXPECT_EQ(health_of("strategy.ict"), health_state::degraded);
  EXPECT_EQ(health_of("strategy.trend"), health_state::healthy);

  m.record_strategy_outcome("ict", false, "three");
  m.check_alerts();
  m.check_alerts();
  EXPECT_THAT(take_raise("monitor:strategy_fault{ict}").detail,
              HasSubstr("3 failed scans in a row (limit 3); the last: three"));
  EXPECT_EQ(health_of("strategy.ict"), health_state::unhealthy);

  m.record_strategy_outcome("ict", true, "");
  m.check_alerts();
  take_resolution("monitor:strategy_fault{ict}");
  EXPECT_EQ(health_of("strategy.ict"), health_state::healthy);
}

// --- settings, configured rules, metrics -----------------------------------------------

TEST_F(MonitoringService, NewSettingsApplyAtTheNextCheck) {
  monitoring_settings s;
  s.max_drawdown_percent = 0;
  monitoring_service& m = service(s);
  m.observe_account(equity_of(1000));
  m.observe_account(equity_of(700));
  m.check_alerts();
  EXPECT_TRUE(take_events().empty());
  s.max_drawdown_percent = 20;
  m.update_settings(s);
  m.check_alerts();
  take_raise("monitor:drawdown");
}

TEST_F(MonitoringService, CheckAlertsAlsoEvaluatesTheConfiguredRules) {
  monitoring_service& m = service();
  alerts.add_rule({"too_many_positions", "tb_open_positions", {}, alert_condition::above, 1.0,
                   0ms, alert_severity::warning, ""});
  account_observation a;
  a.positions = {position("BTCUSDT", 90.0), position("ETHUSDT", 90.0)};
  m.observe_account(a);
  m.check_alerts();
  const auto active = alerts.active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].key, "rule:too_many_positions{}");
}

TEST_F(MonitoringService, ScansFillTheStageHistogramsAndCounters) {
  monitoring_service& m = service();
  m.record_scan(scan_of(2s));
  m.record_scan(scan_of(4s, false));  // counted, but kept out of the stage histograms
  const auto families = metrics.snapshot();
  for (const char* stage : {"fetch", "analyze", "rank", "execute", "total"}) {
    const series_snapshot* h = series_of(families, "tb_scan_stage_seconds", {{"stage", stage}});
    ASSERT_NE(h, nullptr) << stage;
    EXPECT_EQ(h->count, 1u) << stage;
  }
  EXPECT_DOUBLE_EQ(series_of(families, "tb_scan_stage_seconds", {{"stage", "total"}})->sum, 2.0);
  EXPECT_DOUBLE_EQ(series_of(families, "tb_scan_stage_seconds", {{"stage", "fetch"}})->sum, 1.0);
  EXPECT_DOUBLE_EQ(value_of("tb_scans_total", {{"outcome", "ok"}}), 1);
  EXPECT_DOUBLE_EQ(value_of("tb_scans_total", {{"outcome", "failed"}}), 1);
  EXPECT_DOUBLE_EQ(value_of("tb_scans_missed_total"), 0);
  m.record_missed_scans(3);
  EXPECT_DOUBLE_EQ(value_of("tb_scans_missed_total"), 3);
  EXPECT_DOUBLE_EQ(value_of("tb_signals_found_total"), 6);
  EXPECT_DOUBLE_EQ(value_of("tb_signals_taken_total"), 2);
}

TEST_F(MonitoringService, AccountAndPauseSetTheirGauges) {
  monitoring_service& m = service();
  account_observation a = equity_of(1200);
  a.today_pnl = -15.5;
  a.positions = {position("BTCUSDT", 90.0), position("ETHUSDT", std::nullopt)};
  m.observe_account(a);
  m.set_paused(true);
  EXPECT_DOUBLE_EQ(value_of("tb_equity"), 1200);
  EXPECT_DOUBLE_EQ(value_of("tb_equity_peak"), 1200);
  EXPECT_DOUBLE_EQ(value_of("tb_drawdown_percent"), 0);
  EXPECT_DOUBLE_EQ(value_of("tb_today_pnl"), -15.5);
  EXPECT_DOUBLE_EQ(value_of("tb_unrealized_pnl"), 5);
  EXPECT_DOUBLE_EQ(value_of("tb_open_positions"), 2);
  EXPECT_DOUBLE_EQ(value_of("tb_positions_without_stop"), 1);
  EXPECT_DOUBLE_EQ(value_of("tb_paused"), 1);
  m.set_paused(false);
  EXPECT_DOUBLE_EQ(value_of("tb_paused"), 0);
}

TEST_F(MonitoringService, RecordMetricSetsAGaugeRegisteredOnFirstUse) {
  monitoring_service& m = service();
  m.record_metric("tb_universe_symbols", 120, {{"interval", "1h"}, {"exchange", "binance"}});
  m.record_metric("tb_universe_symbols", 118, {{"exchange", "binance"}, {"interval", "1h"}});
  EXPECT_DOUBLE_EQ(value_of("tb_universe_symbols", {{"exchange", "binance"}, {"interval", "1h"}}),
                   118);
  EXPECT_THROW(m.record_metric("bad name", 1), std::invalid_argument);
  EXPECT_THROW(m.record_metric("tb_scans_total", 1), std::invalid_argument);  // a counter
}

TEST_F(MonitoringService, UpdateHealthReachesTheRegistry) {
  monitoring_service& m = service();
  m.update_health("journal", health_state::degraded, "disk almost full");
  const auto c = health.get("journal");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, health_state::degraded);
  EXPECT_EQ(c->detail, "disk almost full");
}

TEST_F(MonitoringService, RejectsANonPositiveScanPeriod) {
  EXPECT_THROW(monitoring_service(metrics, health, alerts, breakers, clk, {}, {}, 0ms),
               std::invalid_argument);
}

// --- threads ---------------------------------------------------------------------------

TEST_F(MonitoringService, ReadersAndRecordersRunConcurrently) {
  monitoring_settings s;
  s.max_drawdown_percent = 1;
  s.max_errors_per_minute = 0.001;
  monitoring_service& m = service(s);
  // An alert subscriber may read the status while the alert goes out.
  std::atomic<int> read_in_subscriber{0};
  alerts.subscribe([&](const alert_event&) {
    (void)m.status();
    ++read_in_subscriber;
  });

  constexpr int rounds = 300;
  std::atomic<bool> done{false};
  std::thread recorder([&] {
    for (int i = 0; i < rounds; ++i) {
      m.record_scan(scan_of(std::chrono::milliseconds(i % 50 * 1000), i % 7 != 0));
      account_observation a = equity_of(1000.0 - i % 40);
      a.positions = {position("BTCUSDT", i % 2 == 0 ? std::optional<double>(90) : std::nullopt)};
      m.observe_account(a);
      m.observe_market_data(clk.wall_ms());
      m.record_strategy_outcome("ict", i % 3 != 0, "flaky");
      m.record_metric("tb_test_gauge", i);
      clk.advance_ms(1'000);
    }
    done = true;
  });
  std::thread checker([&] {
    while (!done) m.check_alerts();
  });
  std::size_t reads = 0;
  while (!done) {
    const nlohmann::json status = m.status();
    const nlohmann::json stats = m.stats();
    const std::string text = m.status_text();
    EXPECT_EQ(status["mode"], "paper");
    EXPECT_TRUE(stats.contains("scans"));
    EXPECT_FALSE(text.empty());
    m.set_paused(reads % 2 == 0);
    ++reads;
  }
  recorder.join();
  checker.join();
  m.check_alerts();
  EXPECT_GT(reads, 0u);
  EXPECT_GT(read_in_subscriber.load(), 0);
  EXPECT_EQ(m.stats()["scans"]["count"], rounds);
}

}  // namespace
}  // namespace tb::host
