#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "monitoring_fixture.hpp"
#include "services/data_metrics.hpp"
#include "services/monitoring_service.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;
using testing::monitoring_fixture;
using testing::position;
using testing::scan_of;
using namespace std::chrono_literals;
using json = nlohmann::json;

class MonitoringReport : public monitoring_fixture {};

TEST_F(MonitoringReport, StatsSummarizeScansOverTheLatestSuccessfulOnes) {
  monitoring_service& m = service();
  // Totals 1 s .. 20 s; p50 is the 10th smallest, p95 the 19th.
  for (int i = 20; i >= 1; --i) m.record_scan(scan_of(std::chrono::seconds(i)));
  m.record_scan(scan_of(500s, false));  // a failure: counted, not in the percentiles
  EXPECT_EQ(m.stats()["scans"]["missed"], 0);
  m.record_missed_scans(2);  // the failed scan ran past two scan times
  const json scans = m.stats()["scans"];
  EXPECT_EQ(scans["count"], 21);
  EXPECT_EQ(scans["failures"], 1);
  EXPECT_EQ(scans["missed"], 2);
  EXPECT_EQ(scans["window"], 20);
  EXPECT_DOUBLE_EQ(scans["stages"]["total"]["p50_ms"].get<double>(), 10'000);
  EXPECT_DOUBLE_EQ(scans["stages"]["total"]["p95_ms"].get<double>(), 19'000);
  EXPECT_DOUBLE_EQ(scans["stages"]["total"]["max_ms"].get<double>(), 20'000);
  EXPECT_DOUBLE_EQ(scans["stages"]["fetch"]["max_ms"].get<double>(), 10'000);
  EXPECT_DOUBLE_EQ(scans["stages"]["rank"]["max_ms"].get<double>(), 0);
  for (const char* stage : {"fetch", "analyze", "rank", "execute", "total"}) {
    EXPECT_TRUE(scans["stages"].contains(stage)) << stage;
  }
}

TEST_F(MonitoringReport, StatsKeepOnlyTheLatestScansForPercentiles) {
  monitoring_service& m = service();
  for (std::size_t i = 0; i < monitoring_service::scan_history; ++i) m.record_scan(scan_of(90s));
  for (std::size_t i = 0; i < monitoring_service::scan_history; ++i) m.record_scan(scan_of(1s));
  const json scans = m.stats()["scans"];
  EXPECT_EQ(scans["count"], 2 * monitoring_service::scan_history);
  EXPECT_EQ(scans["window"], monitoring_service::scan_history);
  EXPECT_DOUBLE_EQ(scans["stages"]["total"]["max_ms"].get<double>(), 1'000);
}

TEST_F(MonitoringReport, StatsBeforeAnyScanHaveNoPercentiles) {
  const json stats = service().stats();
  EXPECT_EQ(stats["scans"]["count"], 0);
  EXPECT_TRUE(stats["scans"]["stages"]["total"].is_null());
  EXPECT_TRUE(stats["strategies"].empty());
  EXPECT_TRUE(stats["alerts"]["active"].empty());
}

TEST_F(MonitoringReport, StatsReadEachServicesMetricsByName) {
  monitoring_settings s;
  s.strategy_faults = 2;
  monitoring_service& m = service(s);
  const data_metrics data(&metrics);
  data.requests_ok.add(40);
  data.requests_failed.add(2);
  data.weight.add(210);
  data.cache_hits.add(7);
  data.candles_pushed.add(1500);
  data.gaps.add(1);
  data.stream_disconnects.add(3);
  data.failed_symbols("1h").set(2);
  data.failed_symbols("4h").set(1);
  data.stale_symbols("1h").set(4);
  metrics.register_counter("tb_strategy_signals_total", "", {{"strategy", "ict"}}).add(9);
  metrics.register_counter("tb_strategy_invalid_signals_total", "", {{"strategy", "ict"}}).add(2);
  metrics.register_counter("tb_strategy_scan_errors_total", "", {{"strategy", "trend"}}).add(4);
  metrics.register_counter("tb_rank_signals_total", "").add(5);
  m.record_strategy_outcome("trend", false, "boom");
  m.record_strategy_outcome("trend", false, "boom");
  m.record_scan(scan_of(1s));
  account_observation a;
  a.positions = {position("BTCUSDT", std::nullopt), position("ETHUSDT", 90.0)};
  m.observe_account(a);
  breakers.get("binance.orders").report(false);
  breakers.get("binance.market");
  m.check_alerts();

  const json stats = m.stats();
  const json& d = stats["data"];
  EXPECT_EQ(d["requests"], 42);
  EXPECT_EQ(d["requests_failed"], 2);
  EXPECT_EQ(d["weight_used"], 210);
  EXPECT_EQ(d["cache_hits"], 7);
  EXPECT_EQ(d["candles_pushed"], 1500);
  EXPECT_EQ(d["gaps"], 1);
  EXPECT_EQ(d["stream_disconnects"], 3);
  EXPECT_EQ(d["failed_symbols"], 3);
  EXPECT_EQ(d["stale_symbols"], 4);

  EXPECT_EQ(stats["strategies"]["ict"],
            (json{{"signals", 9}, {"invalid", 2}, {"errors", 0}, {"faults_in_a_row", 0}}));
  EXPECT_EQ(stats["strategies"]["trend"],
            (json{{"signals", 0}, {"invalid", 0}, {"errors", 4}, {"faults_in_a_row", 2}}));

  const json& e = stats["execution"];
  EXPECT_EQ(e["signals_found"], 3);
  EXPECT_EQ(e["signals_taken"], 1);
  EXPECT_EQ(e["ranked"], 5);
  EXPECT_EQ(e["open_positions"], 2);
  EXPECT_EQ(e["positions_without_stop"], 1);

  EXPECT_EQ(stats["breakers"], (json{{"binance.market", "closed"}, {"binance.orders", "open"}}));
  EXPECT_EQ(stats["errors"]["window_minutes"], 5);

  std::vector<std::string> keys;
  for (const auto& alert : stats["alerts"]["active"]) keys.push_back(alert["key"]);
  EXPECT_THAT(keys, ::testing::IsSupersetOf({"breaker:binance.orders",
                                             "monitor:breaker_open{binance.orders}",
                                             "monitor:strategy_fault{trend}"}));
  const json& first = stats["alerts"]["active"][0];
  for (const char* field : {"key", "severity", "title", "detail", "since_ms"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
}

TEST_F(MonitoringReport, StatusShowsWhatWasFedIn) {
  monitoring_settings s;
  s.stopless_after = 60s;
  monitoring_service& m = service(s);
  const std::int64_t started = clk.wall_ms();
  clk.advance_ms(2 * 3'600'000 + 3 * 60'000);
  scan_timings scan = scan_of(1500ms);
  scan.finished_ms = clk.wall_ms();
  m.record_scan(scan);
  account_observation a;
  a.equity = 900;
  a.equity_peak = 1000;
  a.today_pnl = 12.5;
  a.positions = {position("BTCUSDT", 95.0), position("ETHUSDT", std::nullopt)};
  m.observe_account(a);
  m.observe_market_data(clk.wall_ms() - 30'000);
  m.set_paused(true);
  clk.advance_ms(61'000);
  m.check_alerts();

  const json st = m.status();
  EXPECT_EQ(st["mode"], "paper");
  EXPECT_EQ(st["version"], "1.2.3");
  EXPECT_EQ(st["started_ms"], started);
  EXPECT_EQ(st["uptime_ms"], 2 * 3'600'000 + 3 * 60'000 + 61'000);
  EXPECT_EQ(st["time_ms"], clk.wall_ms());
  EXPECT_EQ(st["plugins"],
            (json{{{"name", "binance"}, {"version", "0.9.0"}, {"kind", "exchange"}},
                  {{"name", "ictsmc"}, {"version", "2.1.0"}, {"kind", "strategy"}}}));
  EXPECT_EQ(st["paused"], true);
  EXPECT_EQ(st["last_scan"]["finished_ms"], scan.finished_ms);
  EXPECT_DOUBLE_EQ(st["last_scan"]["duration_ms"].get<double>(), 1500);
  EXPECT_EQ(st["last_scan"]["symbols"], 10);
  EXPECT_EQ(st["last_scan"]["signals_found"], 3);
  EXPECT_EQ(st["last_scan"]["signals_taken"], 1);
  EXPECT_EQ(st["last_scan"]["ok"], true);
  EXPECT_DOUBLE_EQ(st["equity"].get<double>(), 900);
  EXPECT_DOUBLE_EQ(st["equity_peak"].get<double>(), 1000);
  EXPECT_DOUBLE_EQ(st["drawdown_percent"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(st["today_pnl"].get<double>(), 12.5);
  EXPECT_DOUBLE_EQ(st["unrealized_pnl"].get<double>(), 5);
  ASSERT_EQ(st["positions"].size(), 2u);
  EXPECT_EQ(st["positions"][0], (json{{"symbol", "BTCUSDT"},
                                      {"side", "long"},
                                      {"quantity", 0.5},
                                      {"entry_price", 100.0},
                                      {"stop_price", 95.0},
                                      {"take_profit", 120.0},
                                      {"unrealized_pnl", 2.5},
                                      {"opened_ms", 1'700'000'000'000}}));
  EXPECT_TRUE(st["positions"][1]["stop_price"].is_null());
  EXPECT_EQ(st["market_data"]["age_ms"], 91'000);

  EXPECT_EQ(st["health"]["overall"], "unhealthy");  // ETHUSDT has had no stop for 61 s
  std::map<std::string, std::string> components;
  for (const auto& c : st["health"]["components"]) components[c["component"]] = c["state"];
  EXPECT_EQ(components["scan"], "healthy");
  EXPECT_EQ(components["market_data"], "healthy");
  EXPECT_EQ(components["positions"], "unhealthy");
  ASSERT_EQ(st["alerts"].size(), 1u);
  EXPECT_EQ(st["alerts"][0]["key"], "monitor:stopless{ETHUSDT}");
  EXPECT_EQ(st["alerts"][0]["severity"], "critical");
}

TEST_F(MonitoringReport, StatusBeforeAnythingWasObservedHasNulls) {
  const monitoring_service& m = service();
  const json st = m.status();
  EXPECT_TRUE(st["last_scan"].is_null());
  EXPECT_TRUE(st["equity"].is_null());
  EXPECT_TRUE(st["drawdown_percent"].is_null());
  EXPECT_TRUE(st["today_pnl"].is_null());
  EXPECT_TRUE(st["market_data"].is_null());
  EXPECT_TRUE(st["positions"].empty());
  EXPECT_EQ(st["paused"], false);
  EXPECT_EQ(st["health"]["overall"], "healthy");
  const std::string text = m.status_text();
  EXPECT_THAT(text, HasSubstr("Last scan: none yet"));
  EXPECT_THAT(text, HasSubstr("Equity: not read yet"));
}

TEST_F(MonitoringReport, StatusTextIsAShortReadableBlock) {
  monitoring_service& m = service();
  clk.set_wall_ms(1'700'000'000'000);  // 2023-11-14 22:13:20 UTC
  clk.advance_ms(3 * 60'000 + 5'000);
  scan_timings scan = scan_of(2500ms);
  scan.finished_ms = 1'700'000'000'000;
  m.record_scan(scan);
  account_observation a;
  a.equity = 1050.256;
  a.equity_peak = 1100;
  a.today_pnl = -3.5;
  a.positions = {position("BTCUSDT", 95.0), position("ETHUSDT", std::nullopt)};
  a.positions[1].side = "short";
  a.positions[1].take_profit.reset();
  m.observe_account(a);
  m.record_strategy_outcome("ict", false, "on_scan failed");
  m.set_paused(true);

  const std::string text = m.status_text();
  EXPECT_THAT(text, HasSubstr("TradingBot 1.2.3 (paper), up 3m 05s, PAUSED"));
  EXPECT_THAT(text, HasSubstr("Health: degraded"));
  EXPECT_THAT(text, HasSubstr("strategy.ict degraded: 1 failed scan in a row: on_scan failed"));
  EXPECT_THAT(
      text, HasSubstr("Last scan: 2023-11-14 22:13:20 UTC, 2.5 s, 10 symbols, 3 signals, 1 taken"));
  EXPECT_THAT(text, HasSubstr("Equity 1050.26, peak 1100.00, drawdown 4.52%, today -3.50"));
  EXPECT_THAT(text, HasSubstr("Positions (2):"));
  EXPECT_THAT(text, HasSubstr("BTCUSDT long 0.5 @ 100, stop 95, target 120, uPnL +2.50"));
  EXPECT_THAT(text, HasSubstr("ETHUSDT short 0.5 @ 100, stop none, target none, uPnL +2.50"));
  EXPECT_THAT(text, HasSubstr("Alerts (0):"));
  EXPECT_THAT(text, HasSubstr("Plugins: binance 0.9.0, ictsmc 2.1.0"));
}

TEST_F(MonitoringReport, StatusTextShowsAFailedScanAndItsProblem) {
  monitoring_service& m = service();
  scan_timings scan = scan_of(4s, false);
  scan.finished_ms = clk.wall_ms();
  m.record_scan(scan);
  EXPECT_THAT(m.status_text(), HasSubstr("FAILED after 4.0 s: the exchange did not answer"));
}

}  // namespace
}  // namespace tb::host
