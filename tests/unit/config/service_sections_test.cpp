// The `service:`, `api:` and `monitoring:` sections: every key, and their problems with
// their positions; the API token is a secret even when written in the file.
#include <algorithm>

#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using std::chrono::milliseconds;

TEST(ServiceSection, ReadsEveryKey) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "service:\n"
                                "  scan_every: 5m\n"
                                "  scan_delay: 10s\n"
                                "  stop_timeout: 1m\n"
                                "  strategy_reload: watch\n"
                                "  reload_debounce: 2s\n"
                                "  reload_probation_faults: 5\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const service_settings& s = loaded->result.settings->service;
  EXPECT_EQ(s.scan_every, milliseconds{300'000});
  EXPECT_EQ(s.scan_delay, milliseconds{10'000});
  EXPECT_EQ(s.stop_timeout, milliseconds{60'000});
  EXPECT_EQ(s.strategy_reload, reload_mode::watch);
  EXPECT_EQ(s.reload_debounce, milliseconds{2'000});
  EXPECT_EQ(s.reload_probation_faults, 5u);
}

TEST(ServiceSection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "service:\n"
                                "  scan_every: 5s\n"
                                "  stop_timeout: 0s\n"
                                "  strategy_reload: auto\n"
                                "  reload_probation_faults: 0\n");
  EXPECT_FALSE(loaded->result.ok());
  const auto problems = loaded->diagnostics();
  ASSERT_EQ(problems.size(), 4u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "6:15: error: service.scan_every: expected 0 (every candle close) or 10s..24h");
  EXPECT_EQ(problems[1].rfind("7:17: error: service.stop_timeout: expected a duration from 1s", 0), 0u) << problems[1];
  EXPECT_EQ(problems[2].rfind("8:20: error: service.strategy_reload: expected one of manual, watch", 0), 0u) << problems[2];
  EXPECT_EQ(problems[3].rfind("9:28: error: service.reload_probation_faults: expected", 0), 0u) << problems[3];
}

TEST(ApiSection, TakesItsTokenFromTheEnvironmentAsASecret) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                    "api:\n"
                                    "  enabled: true\n"
                                    "  bind: \"::1\"\n"
                                    "  port: 0\n"
                                    "  token: ${TB_API_TOKEN}\n",
                                testing::fake_env({{"TB_API_TOKEN", "a-long-enough-admin-token"}}));
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const bot_settings& s = *loaded->result.settings;
  EXPECT_TRUE(s.api.enabled);
  EXPECT_EQ(s.api.bind, "::1");
  EXPECT_EQ(s.api.port, 0);
  EXPECT_EQ(s.api.token, "a-long-enough-admin-token");
  EXPECT_NE(std::find(s.secrets.begin(), s.secrets.end(), s.api.token), s.secrets.end());
}

TEST(ApiSection, ATokenWrittenInTheFileIsAWarnedSecret) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "api:\n"
                                "  enabled: true\n"
                                "  token: written-in-the-file-0123\n");
  ASSERT_TRUE(loaded->result.ok());
  const bot_settings& s = *loaded->result.settings;
  EXPECT_NE(std::find(s.secrets.begin(), s.secrets.end(), "written-in-the-file-0123"), s.secrets.end());
  const auto problems = loaded->diagnostics();
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind("7:10: warning: api.token: the token is written in the file", 0), 0u) << problems[0];
}

TEST(ApiSection, RefusesAMissingOrShortTokenAndABadAddressWithoutQuotingTheToken) {
  const auto missing = load_yaml(std::string(testing::minimal_yaml) + "api:\n  enabled: true\n");
  EXPECT_FALSE(missing->result.ok());
  ASSERT_EQ(missing->diagnostics().size(), 1u);
  EXPECT_NE(missing->diagnostics()[0].find("api: an enabled API needs a `token`"), std::string::npos)
      << missing->diagnostics()[0];

  const auto bad = load_yaml(std::string(testing::minimal_yaml) +
                             "api:\n"
                             "  bind: localhost\n"
                             "  port: 70000\n"
                             "  token: short-secret\n");
  EXPECT_FALSE(bad->result.ok());
  const auto problems = bad->diagnostics();
  ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "6:9: error: api.bind: expected an IP address such as 127.0.0.1, got 'localhost'");
  EXPECT_EQ(problems[1].rfind("7:9: error: api.port: expected", 0), 0u) << problems[1];
  EXPECT_EQ(problems[2], "8:10: error: api.token: the token must be at least 16 characters long");
  for (const auto& p : problems) EXPECT_EQ(p.find("short-secret"), std::string::npos) << p;
}

TEST(MonitoringSection, ReadsEveryKeyAndRefusesOutOfRangeValues) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "monitoring:\n"
                                "  check_every: 5s\n"
                                "  max_drawdown_percent: 0\n"
                                "  max_errors_per_minute: 2.5\n"
                                "  max_scan_time: 90s\n"
                                "  stale_data_after: 2h\n"
                                "  breaker_open_for: 1m\n"
                                "  stopless_after: 30s\n"
                                "  strategy_faults: 4\n"
                                "  notify_every: 0s\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const monitoring_settings& m = loaded->result.settings->monitoring;
  EXPECT_EQ(m.check_every, milliseconds{5'000});
  EXPECT_EQ(m.max_drawdown_percent, 0.0);
  EXPECT_EQ(m.max_errors_per_minute, 2.5);
  EXPECT_EQ(m.max_scan_time, milliseconds{90'000});
  EXPECT_EQ(m.stale_data_after, milliseconds{7'200'000});
  EXPECT_EQ(m.breaker_open_for, milliseconds{60'000});
  EXPECT_EQ(m.stopless_after, milliseconds{30'000});
  EXPECT_EQ(m.strategy_faults, 4u);
  EXPECT_EQ(m.notify_every, milliseconds{0});

  const auto bad = load_yaml(std::string(testing::minimal_yaml) +
                             "monitoring:\n"
                             "  max_drawdown_percent: 101\n"
                             "  strategy_faults: 0\n"
                             "  drawdown: 5\n");
  EXPECT_FALSE(bad->result.ok());
  const auto problems = bad->diagnostics();
  ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "6:25: error: monitoring.max_drawdown_percent: expected a number from 0 to 100, got '101'");
  EXPECT_EQ(problems[1].rfind("7:20: error: monitoring.strategy_faults: expected", 0), 0u) << problems[1];
  EXPECT_EQ(problems[2].rfind("8:3: error: unknown key 'drawdown' in 'monitoring'", 0), 0u) << problems[2];
}

}  // namespace
}  // namespace tb::host
