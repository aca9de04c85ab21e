#include "services/data_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "service_harness.hpp"

namespace tb::host {
namespace {

using testing::hour_ms;
using testing::service_harness;

std::vector<std::string> generated(int n) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back("GEN" + std::to_string(100 + i) + "USDT");
  return v;
}

// Closed candles strictly increasing, one interval apart.
void expect_contiguous(const std::vector<tb_candle>& v, std::int64_t iv) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    ASSERT_EQ(v[i].open_time_ms - v[i - 1].open_time_ms, iv) << "at " << i;
  }
}

TEST(DataService, NeverMoreThanBatchSizeRequestsInFlight) {
  service_harness h;
  data_service_config cfg;
  cfg.batch_size = 4;
  auto svc = h.make(cfg);
  h.control().hold_until_in_flight(h.self(), 4);  // the first calls wait until 4 run at once
  const auto report = svc->fetch_klines_batch(generated(20), "1h", 50);
  EXPECT_EQ(report.ok.size(), 20u);
  EXPECT_TRUE(report.failed.empty());
  EXPECT_EQ(report.requests, 20u);
  EXPECT_EQ(h.control().max_in_flight(h.self()), 4u);
}

TEST(DataService, FirstLoadFetchesTheFullLimit) {
  service_harness h;
  auto svc = h.make();
  const auto report = svc->fetch_klines_batch({"BTCUSDT"}, "1h", 500);
  ASSERT_EQ(report.ok.size(), 1u);
  EXPECT_EQ(h.control().last_limit(h.self(), "BTCUSDT"), 500u);
  EXPECT_EQ(h.control().last_start_ms(h.self(), "BTCUSDT"), 0);
  EXPECT_EQ(report.weight, 5u);
  const auto id = *svc->symbols().find("BTCUSDT");
  const auto closed = svc->store().closed_candles(id, "1h");
  EXPECT_EQ(closed.size(), 499u);  // the 500th is still open
  expect_contiguous(closed, hour_ms);
  ASSERT_TRUE(svc->store().open_candle(id, "1h"));
  EXPECT_TRUE(report.stale.empty());
}

TEST(DataService, RepeatedScanInsideTheTtlHitsTheCache) {
  service_harness h;
  auto first = h.make();
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
  EXPECT_EQ(first->fetch_klines_batch(symbols, "1h", 100).requests, 3u);
  const auto calls = h.control().fetch_calls(h.self());

  h.clk.advance_ms(10'000);
  auto second = h.make();  // a fresh store, the same host cache
  const auto report = second->fetch_klines_batch(symbols, "1h", 100);
  EXPECT_EQ(report.cache_hits, 3u);
  EXPECT_EQ(report.requests, 0u);
  EXPECT_EQ(h.control().fetch_calls(h.self()), calls);
  EXPECT_EQ(report.ok.size(), 3u);

  h.clk.advance_ms(25'000);  // past the 30 s TTL
  auto third = h.make();
  EXPECT_EQ(third->fetch_klines_batch(symbols, "1h", 100).requests, 3u);
}

TEST(DataService, AfterTheFirstLoadOnlyNewCandlesAreFetchedWithASmallLimit) {
  service_harness h;
  auto svc = h.make();
  svc->fetch_klines_batch({"BTCUSDT"}, "1h", 500);
  const auto id = *svc->symbols().find("BTCUSDT");
  const auto last = *svc->store().last_closed(id, "1h");

  h.clk.advance_ms(2 * hour_ms);
  const auto report = svc->fetch_klines_batch({"BTCUSDT"}, "1h", 500);
  EXPECT_EQ(report.requests, 1u);
  EXPECT_EQ(report.weight, 1u);
  EXPECT_LT(h.control().last_limit(h.self(), "BTCUSDT"), 100u);
  EXPECT_EQ(h.control().last_start_ms(h.self(), "BTCUSDT"), last.open_time_ms + hour_ms);
  const auto closed = svc->store().closed_candles(id, "1h");
  EXPECT_EQ(closed.back().open_time_ms, last.open_time_ms + 2 * hour_ms);
  EXPECT_EQ(closed.size(), 500u);  // bounded by the lookback
  expect_contiguous(closed, hour_ms);
  EXPECT_TRUE(report.stale.empty());
}

TEST(DataService, AFailingSymbolIsReportedWithoutFailingTheBatch) {
  service_harness h;
  auto svc = h.make();
  h.control().set_failure(h.self(), "ETHUSDT", TB_E_REJECTED,
                          "data_exchange: ETHUSDT: invalid symbol (-1121)");
  const auto report = svc->fetch_klines_batch({"BTCUSDT", "ETHUSDT", "SOLUSDT"}, "1h", 50);
  EXPECT_EQ(report.ok, (std::vector<std::string>{"BTCUSDT", "SOLUSDT"}));
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].symbol, "ETHUSDT");
  EXPECT_EQ(report.failed[0].status.code, TB_E_REJECTED);
  EXPECT_NE(report.failed[0].status.message.find("invalid symbol"), std::string::npos);
  EXPECT_EQ(h.gauge_value("tb_data_failed_symbols", "1h"), 1.0);
  const auto health = h.health.get("data");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->state, health_state::degraded);
  EXPECT_NE(health->detail.find("ETHUSDT"), std::string::npos);
}

TEST(DataService, AnExceptionFromThePluginIsCaughtByTheGuard) {
  service_harness h;
  auto svc = h.make();
  h.control().set_failure(h.self(), "BTCUSDT", TB_E_PLUGIN_FAULT, "boom in fetch_candles");
  const auto report = svc->fetch_klines_batch({"BTCUSDT", "ETHUSDT"}, "1h", 50);
  EXPECT_EQ(report.ok, (std::vector<std::string>{"ETHUSDT"}));
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].status.code, TB_E_PLUGIN_FAULT);
  EXPECT_NE(report.failed[0].status.message.find("data_exchange"), std::string::npos);
  EXPECT_NE(report.failed[0].status.message.find("boom in fetch_candles"), std::string::npos);
}

TEST(DataService, TimeoutsAreReportedAndEveryCallHasADeadline) {
  service_harness h;
  data_service_config cfg;
  cfg.request_timeout = std::chrono::milliseconds(2'000);
  auto svc = h.make(cfg);
  h.control().set_failure(h.self(), "SOLUSDT", TB_E_TIMEOUT, "data_exchange: deadline passed");
  const auto report = svc->fetch_klines_batch({"SOLUSDT"}, "1h", 50);
  EXPECT_EQ(report.timeouts(), 1u);
  EXPECT_EQ(h.control().last_deadline_ns(h.self()), h.clk.monotonic_ns() + 2'000'000'000);
  EXPECT_EQ(h.health.get("data")->state, health_state::unhealthy);
}

TEST(DataService, StaleSymbolsAreReported) {
  service_harness h;
  auto svc = h.make();
  const std::int64_t now = h.clk.wall_ms();
  h.control().set_frozen_after(h.self(), "XRPUSDT", now - 5 * hour_ms);
  const auto report = svc->fetch_klines_batch({"BTCUSDT", "XRPUSDT"}, "1h", 50);
  EXPECT_EQ(report.ok.size(), 2u);
  ASSERT_EQ(report.stale.size(), 1u);
  EXPECT_EQ(report.stale[0].symbol, "XRPUSDT");
  EXPECT_GE(report.stale[0].age_ms, 4 * hour_ms);
  EXPECT_EQ(h.gauge_value("tb_data_stale_symbols", "1h"), 1.0);
}

TEST(DataService, UniverseComesFromListSymbolsWithTheFilter) {
  service_harness h;
  data_service_config cfg;
  cfg.universe.exclude = {"ETHUSDT"};
  auto svc = h.make(cfg);
  ASSERT_TRUE(svc->load_universe().ok());
  EXPECT_EQ(svc->universe(), (std::vector<std::string>{"BTCUSDT", "SOLUSDT", "XRPUSDT"}));
  EXPECT_TRUE(svc->symbols().find("SOLUSDT"));
}

TEST(DataService, ListSymbolsRetriesWithTheReportedCount) {
  service_harness h;
  h.control().set_generated_symbols(h.self(), 1100);  // more than the first buffer holds
  auto svc = h.make();
  ASSERT_TRUE(svc->load_universe().ok());
  EXPECT_EQ(svc->universe().size(), 1104u);
  EXPECT_EQ(h.control().list_calls(h.self()), 2u);
}

TEST(DataService, KlinesWeightFollowsBinancesTable) {
  EXPECT_EQ(data_service::klines_weight(1), 1u);
  EXPECT_EQ(data_service::klines_weight(99), 1u);
  EXPECT_EQ(data_service::klines_weight(100), 2u);
  EXPECT_EQ(data_service::klines_weight(499), 2u);
  EXPECT_EQ(data_service::klines_weight(500), 5u);
  EXPECT_EQ(data_service::klines_weight(1000), 5u);
  EXPECT_EQ(data_service::klines_weight(1500), 10u);
}

}  // namespace
}  // namespace tb::host
