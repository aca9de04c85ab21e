// Every class of problem is reported with its exact position and message.
#include <unistd.h>

#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using testing::temp_dir;
using strings = std::vector<std::string>;

strings problems(const std::string& yaml) {
  const auto loaded = load_yaml(yaml);
  EXPECT_FALSE(loaded->result.ok());
  EXPECT_FALSE(loaded->result.settings.has_value());
  return loaded->diagnostics();
}

// minimal_yaml plus `rest`: line 5 is the first line of `rest`.
strings problems_after_minimal(const std::string& rest) {
  return problems(testing::minimal_yaml + rest);
}

TEST(LoadSettingsErrors, MissingFileNamesThePath) {
  temp_dir dir;
  const auto path = dir.path() / "absent.yaml";
  const load_result result = load_settings(path, testing::fake_env());
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]),
            path.string() + ": error: cannot read the configuration file '" + path.string() +
                "': No such file or directory");
}

TEST(LoadSettingsErrors, DirectoryInsteadOfAFile) {
  temp_dir dir;
  const load_result result = load_settings(dir.path(), testing::fake_env());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "cannot read the configuration file '" + dir.path().string() +
                "': it is a directory; give the path of a .yaml file");
  EXPECT_EQ(result.diagnostics[0].line, 0);
}

TEST(LoadSettingsErrors, PathThroughAFile) {
  temp_dir dir;
  const auto path = dir.write("file", "") / "bot.yaml";
  const load_result result = load_settings(path, testing::fake_env());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "cannot read the configuration file '" + path.string() + "': Not a directory");
}

TEST(LoadSettingsErrors, EmptyPath) {
  const load_result result = load_settings("", testing::fake_env());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "no configuration file given; pass the path of a .yaml file");
}

TEST(LoadSettingsErrors, YamlSyntaxErrorsCarryTheirPosition) {
  EXPECT_EQ(problems("mode: demo\nlogging: {level: info\nplugins: []\n"),
            (strings{"3:8: error: YAML syntax error: end of map flow not found"}));
  EXPECT_EQ(problems("mode: demo\nlogging:\n  level: info\n    console: true\n"),
            (strings{"4:12: error: YAML syntax error: illegal map value"}));
  EXPECT_EQ(problems("mode: demo\nplugins: *missing\n"),
            (strings{"2:10: error: YAML syntax error: the referenced anchor is not defined"}));
}

TEST(LoadSettingsErrors, UnquotedVariableInAFlowCollectionGetsAHint) {
  EXPECT_EQ(
      problems("mode: demo\nlogging: {level: ${LEVEL}}\n"),
      (strings{"2:19: error: YAML syntax error: end of map flow not found (inside [ ] or { }, "
               "put ${VAR} in quotes: \"${VAR}\")"}));
}

TEST(LoadSettingsErrors, SeveralDocumentsInOneFile) {
  EXPECT_EQ(problems("mode: demo\n---\nmode: live\n"),
            (strings{"3:1: error: the file holds 2 YAML documents (separated by '---'); put every "
                     "setting in one"}));
}

TEST(LoadSettingsErrors, TopLevelMustBeAMap) {
  EXPECT_EQ(problems("- mode: demo\n"),
            (strings{"1:1: error: the top level of the file: expected a map of settings (key: "
                     "value lines), got a list"}));
}

TEST(LoadSettingsErrors, MissingMode) {
  EXPECT_EQ(problems(""),
            (strings{"1:1: error: missing required key 'mode' (one of demo, paper, live, backtest)"}));
  EXPECT_EQ(problems("# nothing but a comment\n"),
            (strings{"1:1: error: missing required key 'mode' (one of demo, paper, live, backtest)"}));
  EXPECT_EQ(problems("state_dir: s\n"),
            (strings{"1:1: error: missing required key 'mode' (one of demo, paper, live, backtest)"}));
}

TEST(LoadSettingsErrors, UnknownKeysWithAndWithoutSuggestions) {
  EXPECT_EQ(problems_after_minimal(R"(logging:
  levle: debug
  Console: true
  colour: red
rate_limit: []
cache: {ttl: 5s}
<<: {mode: live}
)"),
            (strings{
                "6:3: error: unknown key 'levle' in 'logging'; did you mean 'level'?",
                "7:3: error: unknown key 'Console' in 'logging'; did you mean 'console'?",
                "8:3: error: unknown key 'colour' in 'logging'; allowed keys: level, console, "
                "file, max_file_size_mb, max_files, format, components",
                "9:1: error: unknown key 'rate_limit' at the top level; did you mean "
                "'rate_limits'?",
                "10:9: error: unknown key 'ttl' in 'cache'; allowed keys: default_ttl, "
                "max_entries, max_size_mb",
                "11:1: error: unknown key '<<' at the top level; YAML merge keys are not "
                "supported, write the settings out",
            }));
}

TEST(LoadSettingsErrors, DuplicateKeys) {
  EXPECT_EQ(problems_after_minimal("logging:\n  level: info\n  level: debug\nmode: live\n"),
            (strings{
                "7:3: error: duplicate key 'level' in 'logging' (first given at line 6)",
                "8:1: error: duplicate key 'mode' at the top level (first given at line 1)",
            }));
}

TEST(LoadSettingsErrors, WrongTypes) {
  EXPECT_EQ(problems_after_minimal(R"(logging:
  console: yes please
  max_files: five
  level: [info]
  format:
  components: debug
cache: 5
)"),
            (strings{
                "6:12: error: logging.console: expected a boolean (true or false), got 'yes "
                "please'",
                "7:14: error: logging.max_files: expected an integer from 1 to 100, got 'five'",
                "8:10: error: logging.level: expected one of trace, debug, info, warn, error, "
                "critical, got a list",
                "9:3: error: logging.format: no value given; expected one of text, json",
                "10:15: error: logging.components: expected a map of settings (key: value lines), "
                "got a single value",
                "11:8: error: cache: expected a map of settings (key: value lines), got a single "
                "value",
            }));
}

TEST(LoadSettingsErrors, YamlOneOneBooleansAreRefused) {
  EXPECT_EQ(problems_after_minimal("logging: {console: yes}\n"),
            (strings{"5:20: error: logging.console: expected a boolean (true or false), got "
                     "'yes'"}));
}

TEST(LoadSettingsErrors, OutOfRangeNumbersSayTheAllowedRange) {
  EXPECT_EQ(
      problems_after_minimal(R"(logging: {max_file_size_mb: 0, max_files: 101}
rate_limits:
  - {name: a, capacity: 2000000, interval: 50ms, critical_reserve: 1.5}
circuit_breakers:
  default: {failure_rate: 0, cooldown: 2h, half_open_probes: -1}
cache: {max_entries: 99999999999999999999, max_size_mb: 1.5}
)"),
      (strings{
          "5:29: error: logging.max_file_size_mb: expected an integer from 1 to 1024, got "
          "'0'",
          "5:43: error: logging.max_files: expected an integer from 1 to 100, got '101'",
          "7:25: error: rate_limits[0].capacity: expected an integer from 1 to 1000000, got "
          "'2000000'",
          "7:44: error: rate_limits[0].interval: expected a duration from 100ms to 24h (like "
          "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '50ms'",
          "7:68: error: rate_limits[0].critical_reserve: expected a number from 0 to 0.9, "
          "got '1.5'",
          "9:27: error: circuit_breakers.default.failure_rate: expected a number from 0.01 to "
          "1, got '0'",
          "9:40: error: circuit_breakers.default.cooldown: expected a duration from 100ms to "
          "1h (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '2h'",
          "9:62: error: circuit_breakers.default.half_open_probes: expected an integer from "
          "1 to 100, got '-1'",
          "10:22: error: cache.max_entries: expected an integer from 1 to 100000000, got "
          "'99999999999999999999'",
          "10:57: error: cache.max_size_mb: expected an integer from 1 to 65536, got '1.5'",
      }));
}

TEST(LoadSettingsErrors, BadEnumValuesListTheAllowedOnes) {
  EXPECT_EQ(problems(R"(mode: Live
logging: {level: inf, format: xml, components: {exchange_binance: loud}}
plugins:
  load: [{name: exchange_binance, kind: exchnage}]
alerts:
  rules: [{name: r, metric: m, above: 1, severity: high}]
)"),
            (strings{
                "1:7: error: mode: expected one of demo, paper, live, backtest, got 'Live'; did you mean "
                "'live'?",
                "2:18: error: logging.level: expected one of trace, debug, info, warn, error, "
                "critical, got 'inf'; did you mean 'info'?",
                "2:31: error: logging.format: expected one of text, json, got 'xml'",
                "2:67: error: logging.components.exchange_binance: expected one of trace, debug, "
                "info, warn, error, critical, got 'loud'",
                "4:41: error: plugins.load[0].kind: expected one of exchange, strategy, notifier, "
                "got 'exchnage'; did you mean 'exchange'?",
                "6:52: error: alerts.rules[0].severity: expected one of info, warning, critical, "
                "got 'high'",
            }));
}

TEST(LoadSettingsErrors, BadDurations) {
  EXPECT_EQ(problems_after_minimal(R"(cache:
  default_ttl: 30 secs
circuit_breakers:
  default: {cooldown: 1.5s}
  overrides: {x: {cooldown: -5s}, y: {cooldown: 5d}}
)"),
            (strings{
                "6:16: error: cache.default_ttl: expected a duration from 100ms to 24h (like "
                "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '30 secs'",
                "8:23: error: circuit_breakers.default.cooldown: expected a duration from 100ms "
                "to 1h (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '1.5s'",
                "9:29: error: circuit_breakers.overrides.x.cooldown: expected a duration from "
                "100ms to 1h (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds), got "
                "'-5s'",
                "9:49: error: circuit_breakers.overrides.y.cooldown: expected a duration from "
                "100ms to 1h (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds), got "
                "'5d'",
            }));
}

TEST(LoadSettingsErrors, DuplicatePluginNames) {
  EXPECT_EQ(problems(R"(mode: demo
plugins:
  load:
    - name: exchange_binance
    - name: strategy_ictsmc
    - name: exchange_binance
      optional: true
)"),
            (strings{"6:13: error: plugins.load[2].name: plugin 'exchange_binance' is already "
                     "loaded by plugins.load[0].name (line 4); each plugin may be loaded once"}));
}

TEST(LoadSettingsErrors, PluginEntries) {
  EXPECT_EQ(problems(R"(mode: demo
plugins:
  directories: plugins
  load:
    - name: Exchange-Binance
    - kind: strategy
    - exchange_binance
    - {name: strategy_ictsmc, optinal: true}
)"),
            (strings{
                "3:16: error: plugins.directories: expected a list of directories, got a single "
                "value",
                "5:13: error: plugins.load[0].name: expected a plugin name: lower-case letters, "
                "digits and '_', the file name without '.so', got 'Exchange-Binance'",
                "6:7: error: plugins.load[1]: missing required key 'name' (a plugin name: "
                "lower-case letters, digits and '_', the file name without '.so')",
                "7:7: error: plugins.load[2]: expected a map of settings (key: value lines), got a "
                "single value",
                "8:31: error: unknown key 'optinal' in 'plugins.load[3]'; did you mean 'optional'?",
            }));
}

TEST(LoadSettingsErrors, DuplicateAndIncompleteBuckets) {
  EXPECT_EQ(problems_after_minimal(R"(rate_limits:
  - {name: binance.ip_weight, capacity: 2400, interval: 60s}
  - {name: binance.ip_weight, capacity: 1200, interval: 60s}
  - {capacity: 10}
  - name: "bad name"
    capacity: 1
    interval: 1s
)"),
            (strings{
                "7:12: error: rate_limits[1].name: duplicate bucket name 'binance.ip_weight' "
                "(first used at line 6)",
                "8:5: error: rate_limits[2]: missing required key 'name' (a bucket name: letters, "
                "digits, '_', '.' and '-' (like binance.ip_weight))",
                "8:5: error: rate_limits[2]: missing required key 'interval' (a duration from "
                "100ms to 24h)",
                "9:11: error: rate_limits[3].name: expected a bucket name: letters, digits, '_', "
                "'.' and '-' (like binance.ip_weight), got 'bad name'",
            }));
}

TEST(LoadSettingsErrors, BreakerMinimumCallsAboveWindow) {
  EXPECT_EQ(problems_after_minimal(R"(circuit_breakers:
  default: {window_calls: 20, minimum_calls: 30}
  overrides:
    binance.orders: {window_calls: 5}
    "bad name": {cooldown: 1s}
)"),
            (strings{
                "6:46: error: circuit_breakers.default: minimum_calls must not be greater than "
                "window_calls",
                "8:36: error: circuit_breakers.overrides.binance.orders: minimum_calls must not be "
                "greater than window_calls; set minimum_calls here too",
                "9:5: error: circuit_breakers.overrides: breaker name 'bad name' may hold only "
                "letters, digits, '_', '.' and '-'",
            }));
}

TEST(LoadSettingsErrors, AlertRules) {
  EXPECT_EQ(problems_after_minimal(R"(alerts:
  rules:
    - {name: a, metric: m, above: 1, below: 2}
    - {name: b, metric: m}
    - {name: a, metric: 9lives, above: x}
    - {metric: m, above: 1, for: 25h}
)"),
            (strings{
                "7:38: error: alerts.rules[0]: give either 'above' or 'below', not both",
                "8:7: error: alerts.rules[1]: missing the threshold: give 'above' or 'below'",
                "9:14: error: alerts.rules[2].name: duplicate rule name 'a' (first used at line 7)",
                "9:25: error: alerts.rules[2].metric: expected a metric name: letters, digits, '_' "
                "and ':', not starting with a digit, got '9lives'",
                "9:40: error: alerts.rules[2].above: expected a number, got 'x'",
                "10:7: error: alerts.rules[3]: missing required key 'name' (a rule name: letters, "
                "digits, '_', '.' and '-' (like high_error_rate))",
                "10:34: error: alerts.rules[3].for: expected a duration from 0ms to 24h (like "
                "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got '25h'",
            }));
}

TEST(LoadSettingsErrors, EmptyValuesPointAtTheirKey) {
  EXPECT_EQ(problems_after_minimal("state_dir:\nlogging:\ncache:\n  default_ttl:\n"),
            (strings{
                "5:1: error: state_dir: no value given; expected a path",
                "6:1: error: logging: no value given; expected a map",
                "8:3: error: cache.default_ttl: no value given; expected a duration from 100ms to "
                "24h (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds)",
            }));
}

TEST(LoadSettingsErrors, UnsetEnvironmentVariableIsReportedWhereItIsUsed) {
  EXPECT_EQ(problems_after_minimal("state_dir: ${TB_STATE_DIR_UNSET}/x\n"),
            (strings{"5:12: error: state_dir: environment variable 'TB_STATE_DIR_UNSET' is not "
                     "set; export it before starting the bot"}));
}

TEST(LoadSettingsErrors, EveryProblemIsReportedInOnePassInFileOrder) {
  const strings found = problems(R"(mode: production
state_dir: ""
logging:
  level: loud
  max_files: 0
plugins:
  load:
    - name: exchange_binance
    - name: exchange_binance
rate_limits:
  - {name: w, capacity: 0, interval: soon}
  - {name: w, capacity: 1, interval: 1s}
cache: {default_ttl: 30s, max_size_mb: big}
alerts:
  rules: [{name: r, metric: m}]
unknown_section: {}
)");
  EXPECT_EQ(
      found,
      (strings{
          "1:7: error: mode: expected one of demo, paper, live, backtest, got 'production'",
          "2:12: error: state_dir: expected a path, got an empty string",
          "4:10: error: logging.level: expected one of trace, debug, info, warn, error, "
          "critical, got 'loud'",
          "5:14: error: logging.max_files: expected an integer from 1 to 100, got '0'",
          "9:13: error: plugins.load[1].name: plugin 'exchange_binance' is already loaded by "
          "plugins.load[0].name (line 8); each plugin may be loaded once",
          "11:25: error: rate_limits[0].capacity: expected an integer from 1 to 1000000, got "
          "'0'",
          "11:38: error: rate_limits[0].interval: expected a duration from 100ms to 24h (like "
          "500ms, 30s, 5m, 1h, or a whole number of milliseconds), got 'soon'",
          "12:12: error: rate_limits[1].name: duplicate bucket name 'w' (first used at line "
          "11)",
          "13:40: error: cache.max_size_mb: expected an integer from 1 to 65536, got 'big'",
          "15:11: error: alerts.rules[0]: missing the threshold: give 'above' or 'below'",
          "16:1: error: unknown key 'unknown_section' at the top level; allowed keys: mode, "
          "state_dir, logging, plugins, rate_limits, circuit_breakers, cache, alerts, data, "
          "strategy, risk, positions, backtest, service, api, monitoring",
      }));
}

}  // namespace
}  // namespace tb::host
