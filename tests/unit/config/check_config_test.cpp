#include "config/check_config.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::fake_env;
using testing::temp_dir;

TEST(CheckConfigFile, ValidFilePrintsASummaryAndReturnsZero) {
  temp_dir dir;
  const auto file = dir.write("bot.yaml", R"(mode: paper
plugins:
  load:
    - {name: exchange_binance, kind: exchange}
    - {name: strategy_ictsmc}
    - {name: notify_discord, kind: notifier, optional: true}
alerts:
  rules: [{name: r, metric: m, above: 1}]
)");
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, fake_env()), 0);
  const std::string state = (dir.path() / "state").string();
  EXPECT_EQ(out.str(),
            file.string() +
                ": OK\n"
                "  mode:        paper\n"
                "  state_dir:   " +
                state +
                "\n"
                "  log file:    " +
                state +
                "/trading_bot.log (level info)\n"
                "  plugins:     exchange_binance (exchange), strategy_ictsmc, notify_discord "
                "(notifier, optional)\n"
                "  rate limits: binance.ip_weight 2400/1m, binance.orders_1m 1200/1m, "
                "binance.orders_10s 300/10s\n"
                "  risk:        3 positions, 1% a trade, 5x isolated, daily loss 3%, drawdown 15%, "
                "cooldown 4h, market entries\n"
                "  positions:   not followed after a run, checks every 30s, break-even off, "
                "trailing off, max hold off\n"
                "  alert rules: 1\n"
                "  secrets:     0 value(s) from the environment, not shown\n");
}

TEST(CheckConfigFile, TheSummarySaysHowTradesAreSizedAndFollowed) {
  temp_dir dir;
  const auto file = dir.write(
      "bot.yaml",
      "mode: demo\nplugins:\n  load:\n    - name: exchange_binance\n"
      "risk: {entry_order: limit, max_notional_per_position: 2500.5, daily_loss_limit_percent: 0}\n"
      "positions: {follow_for: 4h, break_even_at_r: 1, trailing_stop_r: 1.5, max_hold: 48h}\n");
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, fake_env()), 0) << out.str();
  EXPECT_NE(out.str().find("  risk:        3 positions, 1% a trade, 5x isolated, notional up to "
                           "2500.5, daily loss off, drawdown 15%, cooldown 4h, limit entries for "
                           "1m\n"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("  positions:   followed for 4h after a run, checks every 30s, "
                           "break-even at +1R, trailing 1.5R, max hold 48h\n"),
            std::string::npos)
      << out.str();
}

TEST(CheckConfigFile, WarningsArePrintedAndCountedButTheFileIsValid) {
  temp_dir dir;
  const auto file = dir.write("bot.yaml", "mode: demo\n");
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, fake_env()), 0);
  const std::string first_line = out.str().substr(0, out.str().find('\n'));
  EXPECT_EQ(first_line, file.string() +
                            ":1:1: warning: no plugins are loaded (plugins.load is "
                            "empty), so the bot will not trade; list at least an "
                            "exchange and a strategy");
  EXPECT_NE(out.str().find(file.string() + ": OK (1 warning)\n"), std::string::npos) << out.str();
}

TEST(CheckConfigFile, InvalidFilePrintsEveryProblemAndReturnsTwo) {
  temp_dir dir;
  const auto file = dir.write("bot.yaml", "mode: sandbox\nlogging: {levle: info}\n");
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, fake_env()), 2);
  const std::string f = file.string();
  EXPECT_EQ(out.str(),
            f + ":1:7: error: mode: expected one of demo, paper, live, backtest, got 'sandbox'\n" + f +
                ":2:11: error: unknown key 'levle' in 'logging'; did you mean 'level'?\n" + f +
                ": 2 errors, 0 warnings; the bot will not start with this file\n");
}

TEST(CheckConfigFile, MissingFile) {
  temp_dir dir;
  const auto file = dir.path() / "nope.yaml";
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, fake_env()), 2);
  EXPECT_EQ(out.str(), file.string() + ": error: cannot read the configuration file '" +
                           file.string() + "': No such file or directory\n" + file.string() +
                           ": 1 error, 0 warnings; the bot will not start with this file\n");
}

TEST(CheckConfigFile, DefaultOverloadReadsTheProcessEnvironment) {
  temp_dir dir;
  const auto file = dir.write("bot.yaml", std::string(testing::minimal_yaml) +
                                              "logging: {level: '${TB_CONFIG_TEST_LEVEL}'}\n");
  ::unsetenv("TB_CONFIG_TEST_LEVEL");
  std::ostringstream unset;
  EXPECT_EQ(check_config_file(file, unset), 2);
  EXPECT_NE(unset.str().find("environment variable 'TB_CONFIG_TEST_LEVEL' is not set"),
            std::string::npos)
      << unset.str();
  ::setenv("TB_CONFIG_TEST_LEVEL", "debug", 1);
  std::ostringstream set;
  EXPECT_EQ(check_config_file(file, set), 0) << set.str();
  ::unsetenv("TB_CONFIG_TEST_LEVEL");
}

}  // namespace
}  // namespace tb::host
