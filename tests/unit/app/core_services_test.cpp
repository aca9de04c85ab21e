// core_services builds every shared service from validated settings: the limiter's buckets,
// the breakers' thresholds, the alert rules, and the log redaction of every secret.
#include "app/core_services.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace tb::host {
namespace {

bot_settings quiet() {
  bot_settings settings;
  settings.logging.console = false;
  settings.logging.file.clear();
  return settings;
}

TEST(core_services, the_default_buckets_are_binance_usdm_limits) {
  core_services services(quiet());
  for (const char* name : {"binance.ip_weight", "binance.orders_1m", "binance.orders_10s"}) {
    EXPECT_NE(services.limiter().find(name), nullptr) << name;
  }
  EXPECT_EQ(services.limiter().find("binance.ip_weight")->capacity(), 2400u);
  EXPECT_EQ(services.limiter().find("binance.orders_10s")->capacity(), 300u);
}

TEST(core_services, configured_buckets_replace_the_defaults) {
  bot_settings settings = quiet();
  settings.rate_limits = {{"binance.ip_weight", 1200, std::chrono::seconds(60), 0.2}};
  core_services services(settings);
  ASSERT_NE(services.limiter().find("binance.ip_weight"), nullptr);
  EXPECT_EQ(services.limiter().find("binance.ip_weight")->capacity(), 1200u);
  EXPECT_EQ(services.limiter().find("binance.orders_1m"), nullptr);
}

TEST(core_services, breaker_settings_map_onto_the_breaker) {
  breaker_settings settings;
  settings.consecutive_failures = 7;
  settings.window_calls = 40;
  settings.minimum_calls = 12;
  settings.failure_rate = 0.25;
  settings.cooldown = std::chrono::seconds(9);
  settings.half_open_probes = 2;
  const breaker_config config = make_breaker_config(settings);
  EXPECT_EQ(config.consecutive_failures, 7u);
  EXPECT_EQ(config.window_size, 40u);
  EXPECT_EQ(config.minimum_calls, 12u);
  EXPECT_DOUBLE_EQ(config.failure_rate, 0.25);
  EXPECT_EQ(config.cooldown, std::chrono::seconds(9));
  EXPECT_EQ(config.half_open_max_probes, 2u);
  EXPECT_EQ(config.probe_successes_to_close, 2u);
}

TEST(core_services, a_breaker_override_applies_to_its_name_only) {
  bot_settings settings = quiet();
  breaker_settings strict;
  strict.consecutive_failures = 1;
  settings.circuit_breakers.overrides["binance.orders"] = strict;
  core_services services(settings);
  auto& orders = services.breakers().get("binance.orders");
  ASSERT_TRUE(orders.allow());
  orders.report(false);
  EXPECT_EQ(orders.state(), breaker_state::open);
  auto& klines = services.breakers().get("binance.klines");
  ASSERT_TRUE(klines.allow());
  klines.report(false);
  EXPECT_EQ(klines.state(), breaker_state::closed);
}

TEST(core_services, configured_alert_rules_fire_on_their_metric) {
  bot_settings settings = quiet();
  alert_rule_settings rule;
  rule.name = "too_many_errors";
  rule.metric = "tb_errors_total";
  rule.above = 3;
  rule.severity = severity_level::critical;
  settings.alerts.rules.push_back(rule);
  core_services services(settings);
  const counter errors = services.metrics().register_counter("tb_errors_total", "Errors");
  errors.add(4);
  services.alerts().evaluate();
  const auto active = services.alerts().active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].severity, alert_severity::critical);
  EXPECT_NE(active[0].key.find("too_many_errors"), std::string::npos);
}

TEST(core_services, every_secret_of_the_settings_is_masked_in_the_log) {
  const ::tb::test::temp_dir dir;
  bot_settings settings = quiet();
  settings.logging.file = dir.path() / "trading_bot.log";
  settings.secrets = {"binance-secret-0123456789"};
  {
    core_services services(settings);
    services.logs().logger_for("exchange")->info("signing with binance-secret-0123456789");
    services.logs().flush();
  }
  const std::string text = ::tb::test::read_file(settings.logging.file);
  EXPECT_NE(text.find("signing with ***"), std::string::npos) << text;
  EXPECT_EQ(text.find("binance-secret"), std::string::npos);
}

}  // namespace
}  // namespace tb::host
