// The DataService under a request-weight budget: scans that need more than a minute's
// budget run in waves a minute apart instead of failing.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "service_harness.hpp"
#include "services/data_service.hpp"

namespace tb::host {
namespace {

using testing::service_harness;

std::vector<std::string> symbols(int n) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back("GEN" + std::to_string(100 + i) + "USDT");
  return v;
}

// Runs the scan on another thread and moves the virtual clock a second at a time until it
// returns; returns the report and how far the clock moved.
std::pair<scan_report, std::int64_t> scan_with_time(service_harness& h, data_service& svc,
                                                    const std::vector<std::string>& list) {
  const std::int64_t t0 = h.clk.monotonic_ns();
  auto done = std::async(std::launch::async,
                         [&] { return svc.fetch_klines_batch(list, "1h", 200); });
  while (done.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready) {
    h.clk.advance_ms(1'000);
  }
  return {done.get(), h.clk.monotonic_ns() - t0};
}

TEST(DataPacing, AScanWithinTheBudgetRunsInOneGo) {
  service_harness h;
  data_service_config cfg;
  cfg.weight_budget_per_minute = 100;
  auto svc = h.make(cfg);
  const auto report = svc->fetch_klines_batch(symbols(10), "1h", 200);  // weight 2 each
  EXPECT_EQ(report.ok.size(), 10u);
  EXPECT_EQ(report.weight, 20u);
}

TEST(DataPacing, AScanOverTheBudgetCompletesInWavesAMinuteApart) {
  service_harness h;
  data_service_config cfg;
  cfg.weight_budget_per_minute = 10;  // 5 symbols at weight 2 per wave
  auto svc = h.make(cfg);
  const auto [report, elapsed] = scan_with_time(h, *svc, symbols(12));
  EXPECT_EQ(report.ok.size(), 12u);
  EXPECT_TRUE(report.failed.empty());
  EXPECT_EQ(report.requests, 12u);
  EXPECT_EQ(report.weight, 24u);
  EXPECT_GE(elapsed, 2 * 61'000'000'000LL);  // three waves: two windows waited
}

TEST(DataPacing, AFollowingScanWaitsForWhatThePreviousOneSpent) {
  service_harness h;
  data_service_config cfg;
  cfg.weight_budget_per_minute = 10;
  auto svc = h.make(cfg);
  EXPECT_EQ(svc->fetch_klines_batch(symbols(5), "1h", 200).ok.size(), 5u);  // spends 10
  const auto [report, elapsed] = scan_with_time(h, *svc, {"BTCUSDT"});
  EXPECT_EQ(report.ok.size(), 1u);
  EXPECT_GE(elapsed, 60'000'000'000LL);
}

}  // namespace
}  // namespace tb::host
