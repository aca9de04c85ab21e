#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

using nlohmann::json;

http_reply admin(http_client& c, const std::string& method, const std::string& path, const json& body = json::object()) {
  return c.request(method, path, body.dump());
}

TEST(faults, error_count_then_recovery) {
  running_server server;
  auto c = server.client();
  ASSERT_EQ(admin(c, "POST", "/_admin/faults", {{"type", "error"}, {"count", 2}, {"path", "/fapi/v1/time"}}).status, 200);
  EXPECT_EQ(c.get("/fapi/v1/ping").status, 200);  // other paths untouched
  for (int i = 0; i < 2; ++i) {
    const auto r = c.get("/fapi/v1/time");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.json().at("msg"), "Service Unavailable.");
  }
  EXPECT_EQ(c.get("/fapi/v1/time").status, 200);
}

TEST(faults, malformed_body) {
  running_server server;
  auto c = server.client();
  admin(c, "POST", "/_admin/faults", {{"type", "malformed"}, {"count", 1}});
  const auto r = c.get("/fapi/v1/exchangeInfo");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(json::parse(r.body, nullptr, false).is_discarded());
  EXPECT_FALSE(json::parse(c.get("/fapi/v1/exchangeInfo").body, nullptr, false).is_discarded());
}

TEST(faults, reset_and_timeout_give_no_answer) {
  running_server server;
  auto c = server.client();
  admin(c, "POST", "/_admin/faults", {{"type", "reset"}, {"count", 1}});
  EXPECT_FALSE(c.try_request("GET", "/fapi/v1/time").has_value());
  admin(c, "POST", "/_admin/faults", {{"type", "timeout"}, {"count", 1}, {"holdMs", 100}});
  EXPECT_FALSE(c.try_request("GET", "/fapi/v1/time").has_value());
  EXPECT_EQ(c.get("/fapi/v1/time").status, 200);
  const auto log = c.get("/_admin/requests").json();
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0].at("outcome"), "reset");
  EXPECT_EQ(log[0].at("status"), 0);
  EXPECT_EQ(log[1].at("outcome"), "timeout");
  EXPECT_EQ(log[2].at("status"), 200);
}

TEST(faults, latency_is_applied_and_reported) {
  running_server server;
  auto c = server.client();
  admin(c, "POST", "/_admin/latency", {{"ms", 50}});
  EXPECT_EQ(c.get("/fapi/v1/ping").status, 200);
  EXPECT_EQ(c.get("/_admin/faults").json().at("latencyMs"), 50);
}

TEST(faults, clock_skew_moves_server_time) {
  running_server server;
  auto c = server.client();
  const auto before = c.get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
  admin(c, "POST", "/_admin/clock", {{"skewMs", 86'400'000}});
  const auto after = c.get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
  EXPECT_GE(after - before, 86'400'000);
}

TEST(faults, start_flags_arm_faults) {
  auto o = small_options();
  o.error_rate = 1.0;
  running_server server(o);
  auto c = server.client();
  EXPECT_EQ(c.get("/fapi/v1/ping").status, 503);
  admin(c, "POST", "/_admin/reset");
  EXPECT_EQ(c.get("/fapi/v1/ping").status, 200);
}

TEST(faults, request_log_records_and_clears) {
  running_server server;
  auto c = server.client();
  c.request("GET", "/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=2", "", {{"X-MBX-APIKEY", "k1"}});
  c.request("POST", "/fapi/v1/nothing", "a=1&b=2");
  auto log = c.get("/_admin/requests").json();
  ASSERT_EQ(log.size(), 2U);
  EXPECT_EQ(log[0].at("method"), "GET");
  EXPECT_EQ(log[0].at("path"), "/fapi/v1/klines");
  EXPECT_EQ(log[0].at("query"), "symbol=BTCUSDT&interval=1h&limit=2");
  EXPECT_EQ(log[0].at("apiKey"), "k1");
  EXPECT_EQ(log[0].at("status"), 200);
  EXPECT_EQ(log[0].at("usedWeight"), 1);
  EXPECT_EQ(log[1].at("body"), "a=1&b=2");
  EXPECT_EQ(log[1].at("status"), 404);
  EXPECT_EQ(c.request("DELETE", "/_admin/requests").status, 200);
  EXPECT_TRUE(c.get("/_admin/requests").json().empty());
}

TEST(faults, bad_admin_requests_are_explained) {
  running_server server;
  auto c = server.client();
  EXPECT_EQ(c.request("POST", "/_admin/faults", R"({"type":"nope","count":1})").status, 400);
  EXPECT_EQ(c.request("POST", "/_admin/faults", "not json").status, 400);
  EXPECT_EQ(c.get("/_admin/nothing").status, 404);
}

}  // namespace
}  // namespace tb::fake::test
