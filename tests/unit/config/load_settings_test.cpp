#include "config/load_settings.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;
using testing::fake_env;
using testing::load_yaml;
using testing::temp_dir;
using strings = std::vector<std::string>;

TEST(LoadSettings, OmittedSectionsTakeTheirDefaults) {
  const auto loaded = load_yaml("mode: paper\n");
  ASSERT_TRUE(loaded->result.ok());
  EXPECT_EQ(loaded->diagnostics(),
            (strings{"1:1: warning: no plugins are loaded (plugins.load is empty), so the bot will "
                     "not trade; list at least an exchange and a strategy"}));
  const bot_settings& s = *loaded->result.settings;
  const auto dir = loaded->dir.path();
  EXPECT_EQ(s.mode, run_mode::paper);
  EXPECT_EQ(s.source_file, dir / "bot.yaml");
  EXPECT_EQ(s.state_dir, dir / "state");
  EXPECT_EQ(s.logging.level, log_level::info);
  EXPECT_TRUE(s.logging.console);
  EXPECT_EQ(s.logging.file, dir / "state" / "trading_bot.log");
  EXPECT_EQ(s.logging.max_file_size_mb, 10u);
  EXPECT_EQ(s.logging.max_files, 5u);
  EXPECT_EQ(s.logging.format, log_format::text);
  EXPECT_TRUE(s.logging.components.empty());
  EXPECT_TRUE(s.plugins.directories.empty());
  EXPECT_TRUE(s.plugins.load.empty());
  EXPECT_TRUE(s.alerts.rules.empty());
  EXPECT_TRUE(s.secrets.empty());
  EXPECT_TRUE(s.from_environment.empty());
}

TEST(LoadSettings, DefaultRateLimitsAreTheBinanceFuturesBuckets) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const auto& buckets = loaded->result.settings->rate_limits;
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[0].name, "binance.ip_weight");
  EXPECT_EQ(buckets[0].capacity, 2400u);
  EXPECT_EQ(buckets[0].interval, 60s);
  EXPECT_DOUBLE_EQ(buckets[0].critical_reserve, 0.1);
  EXPECT_EQ(buckets[1].name, "binance.orders_1m");
  EXPECT_EQ(buckets[1].capacity, 1200u);
  EXPECT_EQ(buckets[1].interval, 60s);
  EXPECT_DOUBLE_EQ(buckets[1].critical_reserve, 0.0);
  EXPECT_EQ(buckets[2].name, "binance.orders_10s");
  EXPECT_EQ(buckets[2].capacity, 300u);
  EXPECT_EQ(buckets[2].interval, 10s);
}

TEST(LoadSettings, DefaultBreakersAndCache) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const bot_settings& s = *loaded->result.settings;
  const breaker_settings& b = s.circuit_breakers.defaults;
  EXPECT_EQ(b.consecutive_failures, 5u);
  EXPECT_DOUBLE_EQ(b.failure_rate, 0.5);
  EXPECT_EQ(b.window_calls, 20u);
  EXPECT_EQ(b.minimum_calls, 10u);
  EXPECT_EQ(b.cooldown, 30s);
  EXPECT_EQ(b.half_open_probes, 3u);
  EXPECT_TRUE(s.circuit_breakers.overrides.empty());
  EXPECT_EQ(s.cache.default_ttl, 30s);
  EXPECT_EQ(s.cache.max_entries, 100'000u);
  EXPECT_EQ(s.cache.max_size_mb, 256u);
}

TEST(LoadSettings, ReadsEverySection) {
  const auto loaded = load_yaml(R"(mode: live
state_dir: /var/lib/tradingbot
logging:
  level: debug
  console: false
  file: logs/bot.log
  max_file_size_mb: 1024
  max_files: 1
  format: json
  components: {exchange_binance: trace, rate_limiter: warn}
plugins:
  directories: [plugins, /opt/tb/plugins]
  load:
    - name: exchange_binance
      kind: exchange
    - name: notify_discord
      kind: notifier
      optional: true
rate_limits:
  - {name: binance.ip_weight, capacity: 1200, interval: 1m, critical_reserve: 0.2}
  - {name: slow, capacity: 1, interval: 500ms}
circuit_breakers:
  default: {consecutive_failures: 3, failure_rate: 0.25, window_calls: 40, minimum_calls: 20, cooldown: 1m, half_open_probes: 1}
  overrides: {binance.orders: {cooldown: 10s}, binance.market: {window_calls: 100}}
cache: {default_ttl: 1500, max_entries: 10, max_size_mb: 1}
alerts:
  rules:
    - {name: high_error_rate, metric: tb_errors_total, above: 10, for: 60s, severity: critical}
    - {name: low_balance, metric: "tb:balance_usdt", below: -2.5}
)");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  EXPECT_TRUE(loaded->result.diagnostics.empty());
  const bot_settings& s = *loaded->result.settings;
  EXPECT_EQ(s.mode, run_mode::live);
  EXPECT_EQ(s.state_dir, "/var/lib/tradingbot");
  EXPECT_EQ(s.logging.level, log_level::debug);
  EXPECT_FALSE(s.logging.console);
  EXPECT_EQ(s.logging.file, "/var/lib/tradingbot/logs/bot.log");
  EXPECT_EQ(s.logging.max_file_size_mb, 1024u);
  EXPECT_EQ(s.logging.max_files, 1u);
  EXPECT_EQ(s.logging.format, log_format::json);
  EXPECT_EQ(s.logging.components,
            (std::map<std::string, log_level>{{"exchange_binance", log_level::trace},
                                              {"rate_limiter", log_level::warn}}));
  EXPECT_EQ(s.plugins.directories, (std::vector<std::filesystem::path>{
                                       loaded->dir.path() / "plugins", "/opt/tb/plugins"}));
  ASSERT_EQ(s.plugins.load.size(), 2u);
  EXPECT_EQ(s.plugins.load[0].name, "exchange_binance");
  EXPECT_EQ(s.plugins.load[0].kind, plugin_kind::exchange);
  EXPECT_FALSE(s.plugins.load[0].optional);
  EXPECT_EQ(s.plugins.load[0].settings, nlohmann::json::object());
  EXPECT_EQ(s.plugins.load[1].name, "notify_discord");
  EXPECT_EQ(s.plugins.load[1].kind, plugin_kind::notifier);
  EXPECT_TRUE(s.plugins.load[1].optional);

  ASSERT_EQ(s.rate_limits.size(), 2u);
  EXPECT_EQ(s.rate_limits[0].name, "binance.ip_weight");
  EXPECT_EQ(s.rate_limits[0].capacity, 1200u);
  EXPECT_EQ(s.rate_limits[0].interval, 60s);
  EXPECT_DOUBLE_EQ(s.rate_limits[0].critical_reserve, 0.2);
  EXPECT_EQ(s.rate_limits[1].name, "slow");
  EXPECT_EQ(s.rate_limits[1].interval, 500ms);
  EXPECT_DOUBLE_EQ(s.rate_limits[1].critical_reserve, 0.0);

  const breaker_settings& d = s.circuit_breakers.defaults;
  EXPECT_EQ(d.consecutive_failures, 3u);
  EXPECT_DOUBLE_EQ(d.failure_rate, 0.25);
  EXPECT_EQ(d.window_calls, 40u);
  EXPECT_EQ(d.minimum_calls, 20u);
  EXPECT_EQ(d.cooldown, 1min);
  EXPECT_EQ(d.half_open_probes, 1u);
  ASSERT_EQ(s.circuit_breakers.overrides.size(), 2u);
  // An override changes only what it names; the rest comes from `default`.
  const breaker_settings& orders = s.circuit_breakers.overrides.at("binance.orders");
  EXPECT_EQ(orders.cooldown, 10s);
  EXPECT_EQ(orders.consecutive_failures, 3u);
  EXPECT_EQ(orders.window_calls, 40u);
  const breaker_settings& market = s.circuit_breakers.overrides.at("binance.market");
  EXPECT_EQ(market.window_calls, 100u);
  EXPECT_EQ(market.cooldown, 1min);

  EXPECT_EQ(s.cache.default_ttl, 1500ms);
  EXPECT_EQ(s.cache.max_entries, 10u);
  EXPECT_EQ(s.cache.max_size_mb, 1u);

  ASSERT_EQ(s.alerts.rules.size(), 2u);
  const alert_rule_settings& high = s.alerts.rules[0];
  EXPECT_EQ(high.name, "high_error_rate");
  EXPECT_EQ(high.metric, "tb_errors_total");
  EXPECT_EQ(high.above, 10.0);
  EXPECT_EQ(high.below, std::nullopt);
  EXPECT_EQ(high.for_duration, 60s);
  EXPECT_EQ(high.severity, severity_level::critical);
  const alert_rule_settings& low = s.alerts.rules[1];
  EXPECT_EQ(low.metric, "tb:balance_usdt");
  EXPECT_EQ(low.above, std::nullopt);
  EXPECT_EQ(low.below, -2.5);
  EXPECT_EQ(low.for_duration, 0ms);
  EXPECT_EQ(low.severity, severity_level::warning);
}

TEST(LoadSettings, DurationsInEveryUnit) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + R"(rate_limits:
  - {name: a, capacity: 1, interval: 500ms}
  - {name: b, capacity: 1, interval: 30s}
  - {name: c, capacity: 1, interval: 5m}
  - {name: d, capacity: 1, interval: 1h}
  - {name: e, capacity: 1, interval: 2500}
  - {name: f, capacity: 1, interval: "24h"}
)");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const auto& b = loaded->result.settings->rate_limits;
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b[0].interval, 500ms);
  EXPECT_EQ(b[1].interval, 30s);
  EXPECT_EQ(b[2].interval, 5min);
  EXPECT_EQ(b[3].interval, 1h);
  EXPECT_EQ(b[4].interval, 2500ms);
  EXPECT_EQ(b[5].interval, 24h);
}

TEST(LoadSettings, RelativePathsResolveAgainstTheFileAndTheLogAgainstStateDir) {
  temp_dir dir;
  const auto file = dir.write("conf/bot.yaml", R"(mode: demo
state_dir: ../var/./state
logging: {file: logs/bot.log}
plugins:
  directories: [../plugins, ./extra/]
  load: [{name: exchange_binance}]
)");
  const load_result result = load_settings(file, fake_env());
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(testing::positions_and_messages(result));
  const bot_settings& s = *result.settings;
  EXPECT_EQ(s.source_file, dir.path() / "conf" / "bot.yaml");
  EXPECT_EQ(s.state_dir, dir.path() / "var" / "state");
  EXPECT_EQ(s.logging.file, dir.path() / "var" / "state" / "logs" / "bot.log");
  EXPECT_EQ(s.plugins.directories, (std::vector<std::filesystem::path>{
                                       dir.path() / "plugins", dir.path() / "conf" / "extra"}));
}

TEST(LoadSettings, AbsoluteLogFileIgnoresStateDir) {
  const auto loaded =
      load_yaml(std::string(testing::minimal_yaml) + "logging: {file: /var/log/tb/bot.log}\n");
  ASSERT_TRUE(loaded->result.ok());
  EXPECT_EQ(loaded->result.settings->logging.file, "/var/log/tb/bot.log");
  EXPECT_EQ(loaded->result.settings->state_dir, loaded->dir.path() / "state");
}

TEST(LoadSettings, RelativeFilePathResolvesAgainstTheWorkingDirectory) {
  temp_dir dir;
  dir.write("bot.yaml", testing::minimal_yaml);
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const load_result result = load_settings("bot.yaml", fake_env());
  std::filesystem::current_path(previous);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.settings->source_file, dir.path() / "bot.yaml");
  EXPECT_EQ(result.settings->state_dir, dir.path() / "state");
  EXPECT_TRUE(result.settings->source_file.is_absolute());
}

TEST(LoadSettingsText, ResolvesAgainstTheGivenBaseDirectory) {
  const load_result result =
      load_settings_text(std::string(testing::minimal_yaml) + "state_dir: run\n",
                         "<embedded demo.yaml>", "/srv/bot", fake_env());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.settings->source_file, "<embedded demo.yaml>");
  EXPECT_EQ(result.settings->state_dir, "/srv/bot/run");
  EXPECT_EQ(result.settings->logging.file, "/srv/bot/run/trading_bot.log");
}

TEST(LoadSettingsText, DiagnosticsNameTheGivenFile) {
  const load_result result = load_settings_text("mode: test\n", "<embedded>", "/", fake_env());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]),
            "<embedded>:1:7: error: mode: expected one of demo, paper, live, backtest, got 'test'");
}

TEST(LoadSettings, EmptyRateLimitsListIsAllowedWithAWarning) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) + "rate_limits: []\n");
  ASSERT_TRUE(loaded->result.ok());
  EXPECT_TRUE(loaded->result.settings->rate_limits.empty());
  EXPECT_EQ(loaded->diagnostics(),
            (strings{"5:1: warning: rate_limits: no buckets; plugins asking for a bucket by name "
                     "will get TB_E_NOT_FOUND. Remove the key to use the Binance defaults"}));
}

TEST(LoadSettings, QuotedNumbersAndBooleansAreAcceptedForTypedSettings) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "logging: {console: \"false\", max_files: '7'}\n");
  ASSERT_TRUE(loaded->result.ok());
  EXPECT_FALSE(loaded->result.settings->logging.console);
  EXPECT_EQ(loaded->result.settings->logging.max_files, 7u);
}

}  // namespace
}  // namespace tb::host
