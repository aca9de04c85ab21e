#include "tradingbot/sdk/host.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "fake_host.hpp"

namespace tb::sdk {
namespace {

using namespace std::chrono_literals;
using testing::fake_host;

TEST(host, without_a_table_every_service_degrades) {
  const host none;
  none.info("dropped");
  EXPECT_EQ(none.acquire("b", 1, lane::bulk, 1s), TB_E_UNSUPPORTED);
  EXPECT_EQ(none.try_acquire("b", 1, lane::bulk), TB_E_UNSUPPORTED);
  EXPECT_EQ(none.breaker_allow("b"), TB_E_UNSUPPORTED);
  EXPECT_FALSE(none.breaker_state_of("b").has_value());
  EXPECT_FALSE(none.cache_get("k").has_value());
  EXPECT_EQ(none.cache_put("k", "v"), TB_E_UNSUPPORTED);
  EXPECT_FALSE(none.register_metric(metric_type::counter, "m", "help").valid());
  EXPECT_EQ(none.config_json(), "{}");
  EXPECT_EQ(none.extension("tb.test/1"), nullptr);
  EXPECT_EQ(none.abi_minor(), 0);
  EXPECT_GT(none.wall_ms(), 1'600'000'000'000);
  const deadline a = none.now();
  EXPECT_LE(a, none.now());
}

TEST(host, an_older_host_is_not_asked_for_what_it_lacks) {
  fake_host fake;
  fake.config = R"({"x": 1})";
  fake.table().struct_size = static_cast<std::uint32_t>(offsetof(tb_host_api, rate_acquire));
  const host older(fake.api());
  older.info("still logged");
  EXPECT_EQ(older.acquire("b", 1, lane::bulk, 1s), TB_E_UNSUPPORTED);
  EXPECT_FALSE(older.cache_get("k").has_value());
  EXPECT_EQ(older.config_json(), "{}");
  EXPECT_EQ(older.now(), deadline_from_ns(fake.monotonic_ns));
  EXPECT_TRUE(fake.logged(TB_LOG_INFO, "still logged"));
  EXPECT_TRUE(fake.calls().empty());
}

TEST(host, a_null_function_is_not_called) {
  fake_host fake;
  fake.table().cache_get = nullptr;
  fake.table().log = nullptr;
  fake.cache["k"] = "v";
  const host h(fake.api());
  h.error("nowhere to go");
  EXPECT_FALSE(h.cache_get("k").has_value());
  EXPECT_TRUE(fake.logs().empty());
}

TEST(host, logs_with_level_and_exact_length) {
  fake_host fake;
  const host h(fake.api());
  const std::string text = "abcdef";
  h.warn(std::string_view(text).substr(0, 3));
  h.log(log_level::critical, "stop");
  ASSERT_EQ(fake.logs().size(), 2u);
  EXPECT_EQ(fake.logs()[0].level, TB_LOG_WARN);
  EXPECT_EQ(fake.logs()[0].message, "abc");
  EXPECT_EQ(fake.logs()[1].level, TB_LOG_CRITICAL);
}

TEST(host, clocks_come_from_the_host) {
  fake_host fake;
  const host h(fake.api());
  EXPECT_EQ(h.wall_ms(), fake.wall_ms);
  EXPECT_EQ(h.monotonic_ns(), fake.monotonic_ns);
  EXPECT_EQ(deadline_to_ns(h.deadline_in(250ms)), fake.monotonic_ns + 250'000'000);
  EXPECT_EQ(h.remaining(deadline_from_ns(fake.monotonic_ns + 10)), 10ns);
}

TEST(host, acquire_with_a_timeout_passes_an_absolute_monotonic_deadline) {
  fake_host fake;
  fake.rate_status = TB_E_TIMEOUT;
  const host h(fake.api());
  EXPECT_EQ(h.acquire("binance.ip_weight", 5, lane::critical, 250ms), TB_E_TIMEOUT);
  EXPECT_EQ(h.acquire("binance.orders", 1, lane::bulk, deadline_from_ns(123)), TB_E_TIMEOUT);
  EXPECT_EQ(h.try_acquire("binance.orders", 2, lane::normal), TB_E_TIMEOUT);
  const auto calls = fake.acquires();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].bucket, "binance.ip_weight");
  EXPECT_EQ(calls[0].weight, 5u);
  EXPECT_EQ(calls[0].lane, TB_LANE_CRITICAL);
  EXPECT_EQ(calls[0].deadline_ns, fake.monotonic_ns + 250'000'000);
  EXPECT_EQ(calls[1].deadline_ns, 123);
  EXPECT_EQ(calls[2].lane, TB_LANE_NORMAL);
}

TEST(host, rate_reports_and_pauses_are_forwarded) {
  fake_host fake;
  const host h(fake.api());
  h.report_usage("binance.ip_weight", 1100);
  h.pause_until(nullptr, 99);
  EXPECT_EQ(fake.calls(), (std::vector<std::string>{"rate_report_usage binance.ip_weight 1100",
                                                    "rate_pause_until (null) 99"}));
}

TEST(host, breakers_are_forwarded) {
  fake_host fake;
  fake.breaker_status = TB_E_BREAKER_OPEN;
  const host h(fake.api());
  EXPECT_EQ(h.breaker_allow("rest"), TB_E_BREAKER_OPEN);
  h.breaker_report("rest", false);
  EXPECT_EQ(h.breaker_state_of("rest"), breaker_state::half_open);
  EXPECT_EQ(fake.calls(), (std::vector<std::string>{"breaker_allow rest", "breaker_report rest 0",
                                                    "breaker_state rest"}));
}

TEST(host, cache_get_grows_its_buffer_for_large_values) {
  fake_host fake;
  std::string big(5000, 'x');
  big[10] = '\0';  // values are bytes, not text
  fake.cache["big"] = big;
  fake.cache["small"] = "v";
  const host h(fake.api());
  EXPECT_EQ(h.cache_get("big"), big);
  EXPECT_EQ(fake.count_calls("cache_get big"), 2);
  EXPECT_EQ(h.cache_get("small"), "v");
  EXPECT_FALSE(h.cache_get("missing").has_value());
}

TEST(host, cache_put_passes_value_and_ttl) {
  fake_host fake;
  const host h(fake.api());
  EXPECT_EQ(h.cache_put("k", std::string("a\0b", 3), 1500ms), TB_OK);
  EXPECT_EQ(fake.cache["k"], std::string("a\0b", 3));
  EXPECT_EQ(fake.calls().back(), "cache_put k ttl 1500");
}

TEST(host, metrics_register_with_labels_and_record_by_handle) {
  fake_host fake;
  const host h(fake.api());
  const metric m = h.register_metric(metric_type::histogram, "request_seconds", "Latency",
                                     {{"endpoint", "klines"}, {"method", "GET"}});
  ASSERT_TRUE(m.valid());
  EXPECT_EQ(m.handle(), 7u);
  h.record(m, 2.5);
  h.record(metric(), 1.0);  // invalid: not forwarded
  EXPECT_EQ(fake.calls(),
            (std::vector<std::string>{
                "metric_register 2 request_seconds Latency endpoint=klines method=GET",
                "metric_record 7 2.500000"}));
}

TEST(host, a_refused_metric_is_invalid) {
  fake_host fake;
  fake.next_metric = 0;
  const host h(fake.api());
  EXPECT_FALSE(h.register_metric(metric_type::gauge, "bad name", "x"));
}

TEST(host, health_and_alerts_are_forwarded) {
  fake_host fake;
  const host h(fake.api());
  h.update_health(health_state::degraded, "websocket reconnecting", "klines");
  h.update_health(health_state::healthy, "ok");
  h.raise_alert("ws_down", severity::critical, "Websocket down", "3 reconnects failed");
  h.resolve_alert("ws_down");
  EXPECT_EQ(fake.calls(), (std::vector<std::string>{
                              "health_update klines 1 websocket reconnecting",
                              "health_update (null) 0 ok",
                              "alert_raise ws_down 2 Websocket down 3 reconnects failed",
                              "alert_resolve ws_down"}));
}

TEST(host, config_json_grows_its_buffer) {
  fake_host fake;
  fake.config = "{\"pad\": \"" + std::string(5000, 'p') + "\"}";
  const host h(fake.api());
  EXPECT_EQ(h.config_json(), fake.config);
  EXPECT_EQ(fake.count_calls("config_get"), 2);
}

TEST(host, config_json_drops_a_counted_nul) {
  fake_host fake;
  fake.config = R"({"a": 1})";
  fake.config_counts_nul = true;
  const host h(fake.api());
  EXPECT_EQ(h.config_json(), fake.config);
  fake.config = std::string(1023, 'c');  // 1024 with the NUL: exactly the first buffer
  EXPECT_EQ(h.config_json(), fake.config);
}

TEST(host, empty_config_text_means_no_settings) {
  fake_host fake;
  fake.config = "";
  EXPECT_EQ(host(fake.api()).config_json(), "{}");
}

TEST(host, config_json_throws_the_hosts_failure) {
  fake_host fake;
  fake.config_status = TB_E_IO;
  const host h(fake.api());
  try {
    h.config_json();
    FAIL() << "config_json did not throw";
  } catch (const error& e) {
    EXPECT_EQ(e.status(), TB_E_IO);
    EXPECT_NE(std::string(e.what()).find("TB_E_IO"), std::string::npos) << e.what();
  }
}

TEST(host, extensions_are_looked_up_by_id) {
  fake_host fake;
  const host h(fake.api());
  EXPECT_EQ(h.extension_as<int>("tb.test/1"), &fake.extension_table);
  EXPECT_EQ(h.extension("tb.other/1"), nullptr);
}

}  // namespace
}  // namespace tb::sdk
