// A reload of the YAML: what applies at once, and what is named as needing a restart.
#include <gtest/gtest.h>

#include "app/settings_changes.hpp"

namespace tb::host {
namespace {

using strings = std::vector<std::string>;

TEST(settings_changes, nothing_changed_is_nothing_to_report) {
  const bot_settings running;
  EXPECT_FALSE(compare_settings(running, running).any());
}

TEST(settings_changes, live_settings_apply_and_the_others_are_named_for_a_restart) {
  bot_settings running;
  bot_settings loaded = running;
  loaded.strategy.max_signals = 5;
  loaded.monitoring.max_drawdown_percent = 4;
  loaded.service.scan_delay = std::chrono::seconds{9};
  loaded.service.strategy_reload = reload_mode::watch;
  loaded.risk.max_leverage = 20;
  loaded.data.lookback = 300;
  loaded.api.port = 9000;
  loaded.monitoring.notify_every = std::chrono::minutes{1};

  const settings_changes changes = compare_settings(running, loaded);
  EXPECT_EQ(changes.applied, (strings{"strategy", "service", "monitoring"}));
  EXPECT_EQ(changes.need_restart, (strings{"data", "risk", "service.strategy_reload", "api",
                                           "monitoring.notify_every"}));

  apply_live_changes(running, loaded);
  EXPECT_EQ(running.strategy.max_signals, 5u);
  EXPECT_EQ(running.monitoring.max_drawdown_percent, 4.0);
  EXPECT_EQ(running.service.scan_delay, std::chrono::seconds{9});
  // What needs a restart keeps its running value.
  EXPECT_EQ(running.service.strategy_reload, reload_mode::manual);
  EXPECT_EQ(running.risk.max_leverage, bot_settings{}.risk.max_leverage);
  EXPECT_EQ(running.data.lookback, bot_settings{}.data.lookback);
  EXPECT_EQ(running.api.port, bot_settings{}.api.port);
  EXPECT_EQ(running.monitoring.notify_every, bot_settings{}.monitoring.notify_every);
  EXPECT_EQ(compare_settings(running, loaded).applied, strings{});
}

TEST(settings_changes, secrets_are_not_settings) {
  bot_settings running;
  bot_settings loaded = running;
  loaded.secrets = {"a-new-secret-value"};
  loaded.from_environment = {"api.token"};
  EXPECT_FALSE(compare_settings(running, loaded).any());
}

}  // namespace
}  // namespace tb::host
