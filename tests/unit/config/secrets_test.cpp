// Values from the environment are secrets: collected for the logger to redact, and never
// shown in a diagnostic, a summary or check output.
#include <sstream>

#include <gtest/gtest.h>

#include "config/check_config.hpp"
#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::fake_env;
using testing::load_yaml;
using strings = std::vector<std::string>;

std::string all_text(const load_result& result) {
  std::string text;
  for (const diagnostic& d : result.diagnostics) text += format_diagnostic(d) + "\n";
  return text;
}

TEST(Secrets, CollectedDeduplicatedLongestFirstAndWithoutEmptyValues) {
  const auto loaded = load_yaml(
      R"(mode: demo
plugins:
  load:
    - name: exchange_binance
      settings:
        api_key: ${KEY}
        api_secret: ${SECRET}
        again: ${KEY}
        url: https://${HOST}/v1
        blank: ${BLANK}
)",
      fake_env(
          {{"KEY", "key-123"}, {"SECRET", "s3cr3t-value-long"}, {"HOST", "h.io"}, {"BLANK", ""}}));
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const bot_settings& s = *loaded->result.settings;
  EXPECT_EQ(s.secrets, (strings{"s3cr3t-value-long", "key-123", "h.io"}));
  EXPECT_EQ(
      s.from_environment,
      (std::set<std::string>{"plugins.load[0].settings.again", "plugins.load[0].settings.api_key",
                             "plugins.load[0].settings.api_secret",
                             "plugins.load[0].settings.blank", "plugins.load[0].settings.url"}));
  EXPECT_EQ(s.plugins.load[0].settings["api_secret"], "s3cr3t-value-long");
  EXPECT_EQ(loaded->diagnostics(),
            (strings{"10:16: warning: plugins.load[0].settings.blank: environment variable "
                     "'BLANK' is set but empty"}));
}

TEST(Secrets, TypedSettingsFromTheEnvironmentWork) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                    "logging: {level: '${LEVEL}', max_files: \"${FILES}\"}\n"
                                    "state_dir: ${HOME_DIR}/state\n",
                                fake_env({{"LEVEL", "debug"}, {"FILES", "9"}, {"HOME_DIR", "/h"}}));
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const bot_settings& s = *loaded->result.settings;
  EXPECT_EQ(s.logging.level, log_level::debug);
  EXPECT_EQ(s.logging.max_files, 9u);
  EXPECT_EQ(s.state_dir, "/h/state");
  EXPECT_EQ(s.secrets, (strings{"debug", "/h", "9"}));
}

TEST(Secrets, BadValuesFromTheEnvironmentAreNeverEchoed) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + R"(logging:
  max_files: ${FILES}
  console: ${CONSOLE}
  level: ${LEVEL}
  format: "${FORMAT}"
rate_limits:
  - {name: "${BUCKET}", capacity: 1, interval: "${INTERVAL}"}
alerts:
  rules: [{name: r, metric: m, above: "x${THRESHOLD}"}]
)",
                                fake_env({{"FILES", "50000"},
                                          {"CONSOLE", "yes please"},
                                          {"LEVEL", "inf"},
                                          {"FORMAT", "jsn"},
                                          {"BUCKET", "bad name!"},
                                          {"INTERVAL", "77 minutes"},
                                          {"THRESHOLD", "-1"}}));
  ASSERT_FALSE(loaded->result.ok());
  const std::string shown = "(from the environment; the value is not shown)";
  EXPECT_EQ(
      loaded->diagnostics(),
      (strings{
          "6:14: error: logging.max_files: expected an integer from 1 to 100, got "
          "'${FILES}' " +
              shown,
          "7:12: error: logging.console: expected a boolean (true or false), got "
          "'${CONSOLE}' " +
              shown,
          "8:10: error: logging.level: expected one of trace, debug, info, warn, error, "
          "critical, got '${LEVEL}' " +
              shown,
          "9:11: error: logging.format: expected one of text, json, got '${FORMAT}' " + shown,
          "11:12: error: rate_limits[0].name: expected a bucket name: letters, digits, '_', "
          "'.' and '-' (like binance.ip_weight), got '${BUCKET}' " +
              shown,
          "11:48: error: rate_limits[0].interval: expected a duration from 100ms to 24h (like "
          "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '${INTERVAL}' " +
              shown,
          "13:39: error: alerts.rules[0].above: expected a number, got 'x${THRESHOLD}' " + shown,
      }));
  const std::string text = all_text(loaded->result);
  for (const char* secret :
       {"50000", "yes please", "inf'", "jsn", "bad name!", "77 minutes", "x-1", "did you mean"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked into:\n" << text;
  }
}

TEST(Secrets, DuplicateNamesFromTheEnvironmentAreNotEchoed) {
  const auto loaded = load_yaml(
      R"(mode: demo
plugins:
  load: [{name: exchange_binance}, {name: "${PLUGIN}"}]
rate_limits:
  - {name: hidden.bucket, capacity: 1, interval: 1s}
  - {name: "${BUCKET}", capacity: 1, interval: 1s}
alerts:
  rules: [{name: hidden_rule, metric: m, above: 1}, {name: "${RULE}", metric: m, above: 1}]
)",
      fake_env(
          {{"PLUGIN", "exchange_binance"}, {"BUCKET", "hidden.bucket"}, {"RULE", "hidden_rule"}}));
  const std::string shown = "(from the environment; the value is not shown)";
  EXPECT_EQ(loaded->diagnostics(),
            (strings{
                "3:43: error: plugins.load[1].name: plugin '${PLUGIN}' " + shown +
                    " is already loaded by plugins.load[0].name (line 3); each plugin may be "
                    "loaded once",
                "6:12: error: rate_limits[1].name: duplicate bucket name '${BUCKET}' " + shown +
                    " (first used at line 5)",
                "8:60: error: alerts.rules[1].name: duplicate rule name '${RULE}' " + shown +
                    " (first used at line 8)",
            }));
}

TEST(Secrets, SummaryHidesEveryValueFromTheEnvironment) {
  const auto loaded = load_yaml(R"(mode: ${MODE}
state_dir: ${STATE}
plugins:
  load:
    - name: ${PLUGIN}
      kind: ${KIND}
      optional: ${OPTIONAL}
      settings: {api_key: "${API_KEY}"}
    - name: notify_discord
rate_limits:
  - {name: binance.ip_weight, capacity: "${CAPACITY}", interval: 1m}
  - {name: binance.orders_1m, capacity: 1200, interval: "${INTERVAL}"}
  - {name: fixed, capacity: 5, interval: 1s}
risk: {max_leverage: "${LEVERAGE}"}
positions: {max_hold: "${HOLD}"}
)",
                                fake_env({{"MODE", "live"},
                                          {"LEVERAGE", "7"},
                                          {"HOLD", "36h"},
                                          {"STATE", "/srv/secret-state-dir"},
                                          {"PLUGIN", "exchange_secretly_named"},
                                          {"KIND", "exchange"},
                                          {"OPTIONAL", "false"},
                                          {"API_KEY", "AKIA-very-secret"},
                                          {"CAPACITY", "2399"},
                                          {"INTERVAL", "120s"}}));
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const std::string summary = summarize_settings(*loaded->result.settings);
  const std::string h = "<hidden: from the environment>";
  const std::string expected = "  mode:        " + h + "\n" +
                               "  state_dir:   " + h + "\n" +
                               "  log file:    " + h + " (level info)\n" +
                               "  plugins:     " + h + " (" + h + ", " + h + "), notify_discord\n" +
                               "  rate limits: " + h + ", " + h + ", fixed 5/1s\n" +
                               "  risk:        " + h + "\n" +
                               "  positions:   " + h + "\n" +
                               "  alert rules: 0\n" +
                               "  secrets:     10 value(s) from the environment, not shown\n";
  EXPECT_EQ(summary, expected);
  // The interval would print as "2m": hidden by where it came from, not by its text.
  for (const char* secret :
       {"live", "secret-state", "secretly", "AKIA", "2399", "120s", "2m", "false", "7x", "36h"}) {
    EXPECT_EQ(summary.find(secret), std::string::npos) << secret;
  }
}

TEST(Secrets, CheckOutputNeverShowsSecrets) {
  testing::temp_dir dir;
  const auto file = dir.write("bot.yaml", R"(mode: demo
plugins:
  load:
    - name: exchange_binance
      settings: {api_key: "${API_KEY}", limit: "${LIMIT}"}
logging: {max_files: "${LIMIT}"}
)");
  const auto env = fake_env({{"API_KEY", "AKIA-very-secret"}, {"LIMIT", "123456"}});
  std::ostringstream out;
  EXPECT_EQ(check_config_file(file, out, env), 2);
  EXPECT_EQ(out.str().find("AKIA"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("123456"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("logging.max_files"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace tb::host
