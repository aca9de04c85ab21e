// `tradingbot run` against the fake Binance on 127.0.0.1: the universe comes from its
// exchange info and every configured interval is scanned through the DataService.
#include <gtest/gtest.h>

#include <string>

#include "fake_process.hpp"
#include "process.hpp"

namespace {

const std::string executable = TB_EXECUTABLE;

TEST(market_scan, run_loads_the_universe_and_scans_every_interval_from_the_exchange) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto config = dir.write("bot.yaml",
                                "mode: paper\nstate_dir: state\nplugins:\n  load:\n"
                                "    - name: exchange_binance\n      settings: {rest_url: \"" +
                                    fake.rest_url() + "\", ws_url: \"" + fake.ws_url() +
                                    "\"}\ndata:\n  intervals: [1h, 4h]\n  lookback: 50\n");
  const auto result = tb::test::run_command(tb::test::shell_quoted(executable) + " run --once --config " +
                                            tb::test::shell_quoted(config));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("universe: 12 symbols from exchange_binance"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("scan 1h: 12 symbols ok, 0 failed"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("scan 4h: 12 symbols ok, 0 failed"), std::string::npos);
  EXPECT_NE(result.output.find("overall health: healthy"), std::string::npos);

  // Exchange info once, then one klines request per symbol and interval.
  EXPECT_EQ(fake.requests("/fapi/v1/exchangeInfo").size(), 1u);
  EXPECT_EQ(fake.requests("/fapi/v1/klines").size(), 24u);
}

TEST(market_scan, an_exchange_that_cannot_be_reached_is_reported_and_the_bot_stops_cleanly) {
  tb::test::temp_dir dir;
  const auto config = dir.write("bot.yaml",
                                "mode: paper\nstate_dir: state\nplugins:\n  load:\n"
                                "    - name: exchange_binance\n      settings: {rest_url: "
                                "\"http://127.0.0.1:1\", ws_url: \"ws://127.0.0.1:1\"}\n");
  const auto result = tb::test::run_command(tb::test::shell_quoted(executable) + " run --once --config " +
                                            tb::test::shell_quoted(config));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("market scan skipped: the universe could not be loaded"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("overall health: unhealthy"), std::string::npos) << result.output;
}

}  // namespace
