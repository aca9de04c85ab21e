#include "services/data_config.hpp"

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(DataConfig, MapsTheYamlSection) {
  data_settings s;
  s.batch_size = 7;
  s.request_timeout = std::chrono::milliseconds(1'500);
  s.cache_ttl = std::chrono::milliseconds(2'000);
  s.lookback = 300;
  s.universe.quote = "USDC";
  s.universe.include = {"BTCUSDC"};
  s.universe.exclude = {"ETHUSDC"};
  const data_service_config c = make_data_service_config(s);
  EXPECT_EQ(c.batch_size, 7u);
  EXPECT_EQ(c.request_timeout.count(), 1'500);
  EXPECT_EQ(c.cache_ttl.count(), 2'000);
  EXPECT_EQ(c.lookback, 300u);
  EXPECT_EQ(c.universe.quote, "USDC");
  EXPECT_EQ(c.universe.include, std::vector<std::string>{"BTCUSDC"});
  EXPECT_EQ(c.universe.exclude, std::vector<std::string>{"ETHUSDC"});
}

TEST(DataConfig, DefaultsAgree) {
  const data_service_config mapped = make_data_service_config(data_settings{});
  const data_service_config built_in;
  EXPECT_EQ(mapped.batch_size, built_in.batch_size);
  EXPECT_EQ(mapped.request_timeout, built_in.request_timeout);
  EXPECT_EQ(mapped.cache_ttl, built_in.cache_ttl);
  EXPECT_EQ(mapped.lookback, built_in.lookback);
  EXPECT_EQ(mapped.universe.quote, built_in.universe.quote);
}

TEST(DataConfig, ScanWeightBudgetLeavesTheCriticalReserve) {
  std::vector<rate_limit_bucket> limits = default_rate_limits();
  for (auto& b : limits) {
    if (b.name == "binance.ip_weight") b.capacity = 1'200;
  }
  rate_limit_bucket per_10s{"other.weight", 100, std::chrono::milliseconds(10'000), 0.0};
  limits.push_back(per_10s);
  EXPECT_EQ(scan_weight_budget(limits, "binance.ip_weight"), 1'080u);  // 10 % reserve
  EXPECT_EQ(scan_weight_budget(limits, "other.weight"), 600u);         // per minute
  EXPECT_EQ(scan_weight_budget(limits, "no.such.bucket"), 0u);
  // 0.07 x 100 is 7.000000000000001 in doubles: the bucket reserves 7, so 93 are usable.
  limits.push_back({"odd.reserve", 100, std::chrono::milliseconds(60'000), 0.07});
  EXPECT_EQ(scan_weight_budget(limits, "odd.reserve"), 93u);
}

}  // namespace
}  // namespace tb::host
