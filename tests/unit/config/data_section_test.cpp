// The `data:` section: defaults, every key, and each problem with its position.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;
using testing::load_yaml;
using strings = std::vector<std::string>;

TEST(DataSection, DefaultsWhenAbsent) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const data_settings& d = loaded->result.settings->data;
  EXPECT_EQ(d.batch_size, 50u);
  EXPECT_EQ(d.request_timeout, 10s);
  EXPECT_EQ(d.cache_ttl, 30s);
  EXPECT_EQ(d.intervals, (strings{"15m", "1h", "4h"}));
  EXPECT_EQ(d.lookback, 500u);
  EXPECT_EQ(d.universe.quote, "USDT");
  EXPECT_TRUE(d.universe.include.empty());
  EXPECT_TRUE(d.universe.exclude.empty());
}

TEST(DataSection, ReadsEveryKey) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + R"(data:
  batch_size: 20
  request_timeout: 5s
  cache_ttl: 1m
  intervals: [5m, 1h, 1d]
  lookback: 300
  universe: {quote: USDC, include: [BTCUSDC, ETHUSDC], exclude: [1000PEPEUSDC]}
)");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  EXPECT_TRUE(loaded->diagnostics().empty());
  const data_settings& d = loaded->result.settings->data;
  EXPECT_EQ(d.batch_size, 20u);
  EXPECT_EQ(d.request_timeout, 5s);
  EXPECT_EQ(d.cache_ttl, 60s);
  EXPECT_EQ(d.intervals, (strings{"5m", "1h", "1d"}));
  EXPECT_EQ(d.lookback, 300u);
  EXPECT_EQ(d.universe.quote, "USDC");
  EXPECT_EQ(d.universe.include, (strings{"BTCUSDC", "ETHUSDC"}));
  EXPECT_EQ(d.universe.exclude, (strings{"1000PEPEUSDC"}));
}

TEST(DataSection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + R"(data:
  batch_size: 500
  request_timeout: 10 min
  intervals: [1h, 2hr, 1h]
  lookback: 5
  universe:
    quote: usdt
    include: [BTCUSDT, btc-usdt, BTCUSDT]
    exlude: []
  window: 3
)");
  EXPECT_FALSE(loaded->result.ok());
  EXPECT_EQ(
      loaded->diagnostics(),
      (strings{
          "6:15: error: data.batch_size: expected an integer from 1 to 200, got '500'",
          "7:20: error: data.request_timeout: expected a duration from 100ms to 5m (like "
          "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '10 min'",
          "8:19: error: data.intervals[1]: expected one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, "
          "6h, 8h, 12h, 1d, 3d, 1w, 1M, got '2hr'; did you mean '2h'?",
          "8:24: error: data.intervals[2]: interval 1h is listed twice; remove one",
          "9:13: error: data.lookback: expected an integer from 10 to 1500, got '5'",
          "11:12: error: data.universe.quote: expected an asset: upper-case letters and "
          "digits, got 'usdt'",
          "12:24: error: data.universe.include[1]: expected a symbol: upper-case letters, "
          "digits and '_', got 'btc-usdt'",
          "12:34: error: data.universe.include[2]: symbol 'BTCUSDT' is listed twice; remove "
          "one",
          "13:5: error: unknown key 'exlude' in 'data.universe'; did you mean 'exclude'?",
          "14:3: error: unknown key 'window' in 'data'; allowed keys: batch_size, "
          "request_timeout, cache_ttl, intervals, lookback, universe",
      }));
}

TEST(DataSection, EmptyIntervalsAndIncludedButExcluded) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + R"(data:
  intervals: []
  universe: {include: [BTCUSDT], exclude: [BTCUSDT]}
)");
  EXPECT_EQ(loaded->diagnostics(),
            (strings{
                "6:14: error: data.intervals: expected at least one interval, like [15m, 1h, 4h]",
                "7:23: warning: data.universe.include: BTCUSDT is also in exclude, so it is not "
                "scanned; remove it from one of the lists",
            }));
}

}  // namespace
}  // namespace tb::host
