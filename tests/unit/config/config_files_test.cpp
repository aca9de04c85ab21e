// Every file shipped in config/ must load without a single diagnostic.
#include <algorithm>

#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

const std::filesystem::path config_dir = std::filesystem::path(TB_SOURCE_DIR) / "config";

// What live.yaml needs; dummy values.
const std::map<std::string, std::string> live_vars{{"BINANCE_API_KEY", "dummy-binance-key"},
                                                   {"BINANCE_API_SECRET", "dummy-binance-secret"},
                                                   {"DISCORD_BOT_TOKEN", "dummy-discord-token"},
                                                   {"TB_API_TOKEN", "dummy-admin-api-token"}};
const env_lookup env = testing::fake_env(live_vars);

load_result load(const std::string& name) { return load_settings(config_dir / name, env); }

std::vector<std::string> names(const bot_settings& s) {
  std::vector<std::string> out;
  for (const auto& p : s.plugins.load) out.push_back(p.name);
  return out;
}

// Through the real process environment, as `tradingbot config check` would.
TEST(ConfigFiles, EveryYamlFileLoadsCleanly) {
  const testing::scoped_env vars(live_vars);
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(config_dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    const load_result result = load_settings(entry.path());
    EXPECT_TRUE(result.ok()) << entry.path();
    EXPECT_EQ(testing::positions_and_messages(result), std::vector<std::string>{}) << entry.path();
  }
  EXPECT_GE(count, 4u);
}

TEST(ConfigFiles, DemoRunsWithoutSecretsOrExternalServices) {
  const load_result result = load_settings(config_dir / "demo.yaml", testing::fake_env());
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(testing::positions_and_messages(result));
  const bot_settings& s = *result.settings;
  EXPECT_EQ(s.mode, run_mode::demo);
  EXPECT_TRUE(s.secrets.empty());
  EXPECT_EQ(names(s),
            (std::vector<std::string>{"exchange_sim", "strategy_ictsmc", "notify_discord"}));
  EXPECT_FALSE(s.plugins.load[0].optional);
  EXPECT_FALSE(s.plugins.load[1].optional);
  EXPECT_TRUE(s.plugins.load[2].optional);
  EXPECT_EQ(s.state_dir, config_dir / "state");
  EXPECT_EQ(s.backtest.output_dir, config_dir / "state" / "backtest");
  EXPECT_EQ(s.data.intervals, (std::vector<std::string>{"1h", "4h"}));
}

TEST(ConfigFiles, PaperLoadsTheSamePluginsWithoutSecrets) {
  const load_result result = load_settings(config_dir / "paper.yaml", testing::fake_env());
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(testing::positions_and_messages(result));
  EXPECT_EQ(result.settings->mode, run_mode::paper);
  EXPECT_TRUE(result.settings->secrets.empty());
  EXPECT_EQ(names(*result.settings),
            (std::vector<std::string>{"exchange_binance", "strategy_ictsmc", "notify_discord"}));
}

TEST(ConfigFiles, LiveTakesItsSecretsFromTheEnvironment) {
  const load_result result = load("live.yaml");
  ASSERT_TRUE(result.ok());
  const bot_settings& s = *result.settings;
  EXPECT_EQ(s.mode, run_mode::live);
  for (const char* secret : {"dummy-binance-key", "dummy-binance-secret", "dummy-discord-token",
                             "dummy-admin-api-token"}) {
    EXPECT_NE(std::find(s.secrets.begin(), s.secrets.end(), secret), s.secrets.end()) << secret;
  }
  EXPECT_EQ(s.plugins.load.at(0).settings.at("api_key"), "dummy-binance-key");
  EXPECT_EQ(s.plugins.load.at(0).settings.at("api_secret"), "dummy-binance-secret");
}

TEST(ConfigFiles, LiveFailsWhenItsSecretsAreMissing) {
  const load_result result = load_settings(config_dir / "live.yaml", testing::fake_env());
  ASSERT_FALSE(result.ok());
  std::string text;
  for (const auto& d : result.diagnostics) text += d.message + "\n";
  for (const char* name : {"'BINANCE_API_KEY'", "'BINANCE_API_SECRET'", "'DISCORD_BOT_TOKEN'",
                           "'TB_API_TOKEN'"}) {
    EXPECT_NE(text.find(std::string("environment variable ") + name + " is not set"),
              std::string::npos)
        << name << "\n"
        << text;
  }
}

// reference.yaml documents every default; it must agree with the code.
TEST(ConfigFiles, ReferenceShowsTheBuiltInDefaults) {
  const load_result result = load("reference.yaml");
  ASSERT_TRUE(result.ok());
  const bot_settings& s = *result.settings;
  const bot_settings defaults;
  EXPECT_EQ(s.state_dir, config_dir / "state");
  EXPECT_EQ(s.logging.level, defaults.logging.level);
  EXPECT_EQ(s.logging.console, defaults.logging.console);
  EXPECT_EQ(s.logging.file, config_dir / "state" / "trading_bot.log");
  EXPECT_EQ(s.logging.max_file_size_mb, defaults.logging.max_file_size_mb);
  EXPECT_EQ(s.logging.max_files, defaults.logging.max_files);
  EXPECT_EQ(s.logging.format, defaults.logging.format);
  ASSERT_EQ(s.rate_limits.size(), defaults.rate_limits.size());
  for (std::size_t i = 0; i < s.rate_limits.size(); ++i) {
    EXPECT_EQ(s.rate_limits[i].name, defaults.rate_limits[i].name);
    EXPECT_EQ(s.rate_limits[i].capacity, defaults.rate_limits[i].capacity);
    EXPECT_EQ(s.rate_limits[i].interval, defaults.rate_limits[i].interval);
    EXPECT_EQ(s.rate_limits[i].critical_reserve, defaults.rate_limits[i].critical_reserve);
  }
  const breaker_settings& b = s.circuit_breakers.defaults;
  const breaker_settings& d = defaults.circuit_breakers.defaults;
  EXPECT_EQ(b.consecutive_failures, d.consecutive_failures);
  EXPECT_EQ(b.failure_rate, d.failure_rate);
  EXPECT_EQ(b.window_calls, d.window_calls);
  EXPECT_EQ(b.minimum_calls, d.minimum_calls);
  EXPECT_EQ(b.cooldown, d.cooldown);
  EXPECT_EQ(b.half_open_probes, d.half_open_probes);
  EXPECT_EQ(s.cache.default_ttl, defaults.cache.default_ttl);
  EXPECT_EQ(s.cache.max_entries, defaults.cache.max_entries);
  EXPECT_EQ(s.cache.max_size_mb, defaults.cache.max_size_mb);
  EXPECT_EQ(s.data.batch_size, defaults.data.batch_size);
  EXPECT_EQ(s.data.request_timeout, defaults.data.request_timeout);
  EXPECT_EQ(s.data.cache_ttl, defaults.data.cache_ttl);
  EXPECT_EQ(s.data.intervals, defaults.data.intervals);
  EXPECT_EQ(s.data.lookback, defaults.data.lookback);
  EXPECT_EQ(s.data.universe.quote, defaults.data.universe.quote);
  EXPECT_EQ(s.data.universe.include, defaults.data.universe.include);
  EXPECT_EQ(s.data.universe.exclude, defaults.data.universe.exclude);
  EXPECT_EQ(s.strategy.max_signals, defaults.strategy.max_signals);
  const risk_settings& r = s.risk;
  const risk_settings& rd = defaults.risk;
  EXPECT_EQ(r.max_open_positions, rd.max_open_positions);
  EXPECT_EQ(r.risk_per_trade_percent, rd.risk_per_trade_percent);
  EXPECT_EQ(r.max_leverage, rd.max_leverage);
  EXPECT_EQ(r.margin, rd.margin);
  EXPECT_EQ(r.max_notional_per_position, rd.max_notional_per_position);
  EXPECT_EQ(r.daily_loss_limit_percent, rd.daily_loss_limit_percent);
  EXPECT_EQ(r.max_drawdown_percent, rd.max_drawdown_percent);
  EXPECT_EQ(r.stop_loss_cooldown, rd.stop_loss_cooldown);
  EXPECT_EQ(r.entry_order, rd.entry_order);
  EXPECT_EQ(r.limit_timeout, rd.limit_timeout);
  EXPECT_EQ(s.positions, defaults.positions);
  EXPECT_EQ(s.service, defaults.service);
  EXPECT_EQ(s.api, defaults.api);
  EXPECT_EQ(s.monitoring, defaults.monitoring);
}

}  // namespace
}  // namespace tb::host
