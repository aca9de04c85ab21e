// The `risk:` section: its defaults, every key, and its problems with their positions.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using strings = std::vector<std::string>;
using std::chrono::milliseconds;

TEST(RiskSection, DefaultsWhenAbsent) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const risk_settings& risk = loaded->result.settings->risk;
  EXPECT_EQ(risk.max_open_positions, 3u);
  EXPECT_EQ(risk.risk_per_trade_percent, 1.0);
  EXPECT_EQ(risk.max_leverage, 5u);
  EXPECT_EQ(risk.margin, margin_type::isolated);
  EXPECT_EQ(risk.max_notional_per_position, 0.0);
  EXPECT_EQ(risk.daily_loss_limit_percent, 3.0);
  EXPECT_EQ(risk.max_drawdown_percent, 15.0);
  EXPECT_EQ(risk.stop_loss_cooldown, milliseconds{4 * 3'600'000});
  EXPECT_EQ(risk.entry_order, entry_order_type::market);
  EXPECT_EQ(risk.limit_timeout, milliseconds{60'000});
}

TEST(RiskSection, ReadsEveryKey) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "risk:\n"
                                "  max_open_positions: 5\n"
                                "  risk_per_trade_percent: 0.5\n"
                                "  max_leverage: 10\n"
                                "  margin_type: cross\n"
                                "  max_notional_per_position: 2500.5\n"
                                "  daily_loss_limit_percent: 2\n"
                                "  max_drawdown_percent: 0\n"
                                "  stop_loss_cooldown: 90m\n"
                                "  entry_order: limit\n"
                                "  limit_timeout: 45s\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  EXPECT_TRUE(loaded->diagnostics().empty());
  const risk_settings& risk = loaded->result.settings->risk;
  EXPECT_EQ(risk.max_open_positions, 5u);
  EXPECT_EQ(risk.risk_per_trade_percent, 0.5);
  EXPECT_EQ(risk.max_leverage, 10u);
  EXPECT_EQ(risk.margin, margin_type::cross);
  EXPECT_EQ(risk.max_notional_per_position, 2500.5);
  EXPECT_EQ(risk.daily_loss_limit_percent, 2.0);
  EXPECT_EQ(risk.max_drawdown_percent, 0.0);
  EXPECT_EQ(risk.stop_loss_cooldown, milliseconds{90 * 60'000});
  EXPECT_EQ(risk.entry_order, entry_order_type::limit);
  EXPECT_EQ(risk.limit_timeout, milliseconds{45'000});
}

TEST(RiskSection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "risk:\n"
                                "  max_open_positions: 0\n"
                                "  risk_per_trade_percent: 11\n"
                                "  max_leverage: 126\n"
                                "  margin_type: isolate\n"
                                "  max_notional_per_position: -1\n"
                                "  daily_loss_limit_percent: 101\n"
                                "  max_drawdown_percent: lots\n"
                                "  stop_loss_cooldown: 169h\n"
                                "  entry_order: stop\n"
                                "  limit_timeout: 500ms\n"
                                "  max_positions: 2\n");
  EXPECT_FALSE(loaded->result.ok());
  EXPECT_EQ(
      loaded->diagnostics(),
      (strings{
          "6:23: error: risk.max_open_positions: expected an integer from 1 to 100, got '0'",
          "7:27: error: risk.risk_per_trade_percent: expected a number from 0.01 to 10, got '11'",
          "8:17: error: risk.max_leverage: expected an integer from 1 to 125, got '126'",
          "9:16: error: risk.margin_type: expected one of isolated, cross, got 'isolate'; did "
          "you mean 'isolated'?",
          "10:30: error: risk.max_notional_per_position: expected a number from 0 to "
          "1000000000000, "
          "got '-1'",
          "11:29: error: risk.daily_loss_limit_percent: expected a number from 0 to 100, got "
          "'101'",
          "12:25: error: risk.max_drawdown_percent: expected a number from 0 to 100, got 'lots'",
          "13:23: error: risk.stop_loss_cooldown: expected a duration from 0ms to 168h (like "
          "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '169h'",
          "14:16: error: risk.entry_order: expected one of market, limit, got 'stop'",
          "15:18: error: risk.limit_timeout: expected a duration from 1s to 1h (like 500ms, 30s, "
          "5m, 1h, or a whole number of milliseconds), got '500ms'",
          "16:3: error: unknown key 'max_positions' in 'risk'; did you mean "
          "'max_open_positions'?",
      }));
}

TEST(RiskSection, AcceptsTheRangeEnds) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "risk: {max_open_positions: 100, risk_per_trade_percent: 0.01, "
                                "max_leverage: 1, daily_loss_limit_percent: 100, "
                                "stop_loss_cooldown: 0, limit_timeout: 1h}\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const risk_settings& risk = loaded->result.settings->risk;
  EXPECT_EQ(risk.max_open_positions, 100u);
  EXPECT_EQ(risk.risk_per_trade_percent, 0.01);
  EXPECT_EQ(risk.max_leverage, 1u);
  EXPECT_EQ(risk.stop_loss_cooldown, milliseconds{0});
  EXPECT_EQ(risk.limit_timeout, milliseconds{3'600'000});
}

TEST(RiskSection, RefusesANonMap) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + "risk: 3\n");
  EXPECT_FALSE(loaded->result.ok());
  ASSERT_EQ(loaded->diagnostics().size(), 1u);
  EXPECT_NE(loaded->diagnostics()[0].find("risk"), std::string::npos) << loaded->diagnostics()[0];
}

}  // namespace
}  // namespace tb::host
