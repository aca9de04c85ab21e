// The C thunks of host_api_table against the real core services: status mapping, the
// per-instance identity they add (cache namespace, metric label, health and alert names),
// and the buffer rules of config_get and cache_get.
#include "plugin/host_api_table.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core/alert_manager.hpp"
#include "core/breaker_registry.hpp"
#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/logging.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "core/rate_limiter.hpp"
#include "temp_dir.hpp"

namespace tb::host {
namespace {

class host_api_table_test : public ::testing::Test {
 protected:
  host_api_table_test() {
    limiter_.add_bucket({"binance.ip_weight", 10, std::chrono::seconds(60), 0.0});
    services_.clk = &clock_;
    services_.limiter = &limiter_;
    services_.breakers = &breakers_;
    services_.cache = &cache_;
    services_.metrics = &metrics_;
    services_.health = &health_;
    services_.alerts = &alerts_;
  }

  virtual_clock clock_;
  metrics_registry metrics_;
  rate_limiter limiter_{clock_, &metrics_};
  alert_manager alerts_{clock_, &metrics_};
  breaker_registry breakers_{clock_, breaker_config{}, {}, &metrics_, &alerts_};
  lru_cache cache_{clock_, lru_cache_config{}, &metrics_};
  health_registry health_{clock_};
  host_services services_;
};

TEST_F(host_api_table_test, describes_itself_as_abi_1_with_every_function_set) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  EXPECT_EQ(api->struct_size, sizeof(tb_host_api));
  EXPECT_EQ(api->abi_major, TB_ABI_MAJOR);
  EXPECT_EQ(api->ctx, &table);
  EXPECT_NE(api->get_extension, nullptr);
  EXPECT_EQ(api->wall_ms(api->ctx), clock_.wall_ms());
  EXPECT_EQ(api->monotonic_ns(api->ctx), clock_.monotonic_ns());
}

TEST_F(host_api_table_test, rate_limiter_results_map_to_statuses) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  const int64_t deadline = clock_.monotonic_ns();
  EXPECT_EQ(api->rate_acquire(api->ctx, "binance.ip_weight", 4, TB_LANE_BULK, deadline), TB_OK);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 6, TB_LANE_CRITICAL), TB_OK);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_CRITICAL),
            TB_E_RATE_LIMITED);
  EXPECT_EQ(api->rate_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_BULK, deadline),
            TB_E_TIMEOUT);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "no.such.bucket", 1, TB_LANE_BULK), TB_E_NOT_FOUND);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 11, TB_LANE_CRITICAL),
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, nullptr, 1, TB_LANE_BULK), TB_E_INVALID_ARGUMENT);
}

TEST_F(host_api_table_test, a_pause_of_every_bucket_refuses_until_it_ends) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  api->rate_pause_until(api->ctx, nullptr, clock_.wall_ms() + 5'000);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_CRITICAL),
            TB_E_RATE_LIMITED);
  clock_.advance_ms(5'001);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_CRITICAL), TB_OK);
}

TEST_F(host_api_table_test, server_reported_usage_lowers_the_tokens_left) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  api->rate_report_usage(api->ctx, "binance.ip_weight", 9);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 2, TB_LANE_CRITICAL),
            TB_E_RATE_LIMITED);
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_CRITICAL), TB_OK);
}

TEST_F(host_api_table_test, a_missing_service_answers_unsupported) {
  host_services none;
  none.clk = &clock_;
  host_api_table table(none, "alpha", "{}");
  const tb_host_api* api = table.api();
  EXPECT_EQ(api->rate_try_acquire(api->ctx, "binance.ip_weight", 1, TB_LANE_BULK), TB_E_UNSUPPORTED);
  EXPECT_EQ(api->breaker_allow(api->ctx, "x"), TB_E_UNSUPPORTED);
  size_t length = 0;
  EXPECT_EQ(api->cache_get(api->ctx, "k", nullptr, 0, &length), TB_E_UNSUPPORTED);
  EXPECT_EQ(api->metric_register(api->ctx, TB_METRIC_COUNTER, "x_total", "", nullptr, nullptr, 0), 0u);
  api->metric_record(api->ctx, 12345, 1.0);  // must not crash
  api->log(api->ctx, TB_LOG_INFO, "no logger", 9);
}

TEST_F(host_api_table_test, each_instance_has_its_own_cache_namespace) {
  host_api_table alpha(services_, "alpha", "{}");
  host_api_table beta(services_, "beta", "{}");
  const tb_host_api* a = alpha.api();
  const tb_host_api* b = beta.api();
  ASSERT_EQ(a->cache_put(a->ctx, "klines:BTCUSDT", "candles", 7, 0), TB_OK);

  char buf[16] = {};
  size_t length = 0;
  EXPECT_EQ(b->cache_get(b->ctx, "klines:BTCUSDT", buf, sizeof buf, &length), TB_E_NOT_FOUND);
  ASSERT_EQ(a->cache_get(a->ctx, "klines:BTCUSDT", buf, sizeof buf, &length), TB_OK);
  EXPECT_EQ(std::string(buf, length), "candles");
  EXPECT_EQ(a->cache_get(a->ctx, "klines:BTCUSDT", buf, 3, &length), TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, 7u);
}

TEST_F(host_api_table_test, a_cache_entry_lives_for_its_ttl) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  ASSERT_EQ(api->cache_put(api->ctx, "k", "v", 1, 1'000), TB_OK);
  char buf[4];
  size_t length = 0;
  clock_.advance_ms(999);
  EXPECT_EQ(api->cache_get(api->ctx, "k", buf, sizeof buf, &length), TB_OK);
  clock_.advance_ms(2);
  EXPECT_EQ(api->cache_get(api->ctx, "k", buf, sizeof buf, &length), TB_E_NOT_FOUND);
}

TEST_F(host_api_table_test, metrics_carry_the_plugin_label_and_record_by_handle) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  const char* names[] = {"endpoint"};
  const char* values[] = {"klines"};
  const uint64_t handle = api->metric_register(api->ctx, TB_METRIC_COUNTER, "tb_requests_total",
                                               "Requests sent", names, values, 1);
  ASSERT_NE(handle, 0u);
  EXPECT_EQ(api->metric_register(api->ctx, TB_METRIC_COUNTER, "tb_requests_total", "Requests sent",
                                 names, values, 1),
            handle);
  api->metric_record(api->ctx, handle, 2);
  api->metric_record(api->ctx, handle, 3);
  const std::string text = metrics_.to_prometheus();
  EXPECT_NE(text.find("tb_requests_total{endpoint=\"klines\",plugin=\"alpha\"} 5"), std::string::npos)
      << text;
  EXPECT_EQ(api->metric_register(api->ctx, TB_METRIC_GAUGE, "tb_requests_total", "", names, values, 1),
            0u)
      << "a type clash is refused";
  EXPECT_EQ(api->metric_register(api->ctx, TB_METRIC_COUNTER, "bad name", "", nullptr, nullptr, 0), 0u);
  EXPECT_EQ(api->metric_register(api->ctx, 7, "tb_x", "", nullptr, nullptr, 0), 0u);
}

TEST_F(host_api_table_test, health_and_alerts_are_filed_under_the_instance) {
  host_api_table table(services_, "alpha", "{}");
  const tb_host_api* api = table.api();
  api->health_update(api->ctx, "websocket", TB_HEALTH_DEGRADED, "reconnecting");
  api->health_update(api->ctx, nullptr, TB_HEALTH_HEALTHY, "ok");
  const auto socket = health_.get("plugin.alpha.websocket");
  ASSERT_TRUE(socket.has_value());
  EXPECT_EQ(socket->state, health_state::degraded);
  EXPECT_EQ(socket->detail, "reconnecting");
  ASSERT_TRUE(health_.get("plugin.alpha").has_value());

  api->alert_raise(api->ctx, "stale_data", TB_SEVERITY_CRITICAL, "Stale data", "BTCUSDT 5m old");
  auto active = alerts_.active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].key, "alpha:stale_data");
  EXPECT_EQ(active[0].severity, alert_severity::critical);
  api->alert_resolve(api->ctx, "stale_data");
  EXPECT_TRUE(alerts_.active().empty());
}

TEST_F(host_api_table_test, breakers_are_shared_by_name_across_instances) {
  host_api_table alpha(services_, "alpha", "{}");
  host_api_table beta(services_, "beta", "{}");
  const tb_host_api* a = alpha.api();
  const tb_host_api* b = beta.api();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(a->breaker_allow(a->ctx, "binance.orders"), TB_OK);
    a->breaker_report(a->ctx, "binance.orders", 0);
  }
  EXPECT_EQ(b->breaker_state(b->ctx, "binance.orders"), TB_BREAKER_OPEN);
  EXPECT_EQ(b->breaker_allow(b->ctx, "binance.orders"), TB_E_BREAKER_OPEN);
}

TEST_F(host_api_table_test, config_get_copies_the_settings_or_says_the_size_needed) {
  const std::string settings = R"({"base_url":"http://127.0.0.1:1"})";
  host_api_table table(services_, "alpha", settings);
  const tb_host_api* api = table.api();
  size_t length = 0;
  EXPECT_EQ(api->config_get(api->ctx, nullptr, 0, &length), TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, settings.size());

  std::string exact(settings.size(), '#');
  ASSERT_EQ(api->config_get(api->ctx, exact.data(), exact.size(), &length), TB_OK);
  EXPECT_EQ(exact, settings);

  char roomy[64];
  std::memset(roomy, '#', sizeof roomy);
  ASSERT_EQ(api->config_get(api->ctx, roomy, sizeof roomy, &length), TB_OK);
  EXPECT_STREQ(roomy, settings.c_str()) << "NUL-terminated when there is room";
  EXPECT_EQ(api->config_get(api->ctx, roomy, sizeof roomy, nullptr), TB_E_INVALID_ARGUMENT);
}

TEST_F(host_api_table_test, log_lines_go_to_the_instance_logger) {
  const ::tb::test::temp_dir dir;
  const auto file = dir.path() / "trading_bot.log";
  {
    log_config config;
    config.console = false;
    config.file_path = file.string();
    logging logs(config);
    services_.logs = &logs;
    host_api_table table(services_, "alpha", "{}");
    const tb_host_api* api = table.api();
    const std::string message = "hello from the plugin";
    api->log(api->ctx, TB_LOG_WARN, message.data(), message.size());
    logs.flush();
  }
  const std::string text = ::tb::test::read_file(file);
  EXPECT_NE(text.find("[warning] [alpha] hello from the plugin"), std::string::npos) << text;
}

}  // namespace
}  // namespace tb::host
