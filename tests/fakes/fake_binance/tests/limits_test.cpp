#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

TEST(weight_limits, header_counts_then_429_then_418) {
  auto o = small_options();
  o.weight_limit = 10;
  o.ban_seconds = 5;
  running_server server(o);
  auto client = server.client();
  for (int i = 1; i <= 10; ++i) {
    const auto r = client.get("/fapi/v1/time");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("x-mbx-used-weight-1m"), std::to_string(i));
  }
  const auto limited = client.get("/fapi/v1/time");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.json().at("code"), -1003);
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_EQ(limited.header("x-mbx-used-weight-1m"), "10");

  const auto banned = client.get("/fapi/v1/ping");
  EXPECT_EQ(banned.status, 418);
  EXPECT_EQ(banned.json().at("code"), -1003);
  EXPECT_EQ(banned.header("retry-after"), "5");
  EXPECT_NE(banned.json().at("msg").get<std::string>().find("banned until"), std::string::npos);
  EXPECT_EQ(client.get("/fapi/v1/ping").status, 418);

  // The admin API is not weighed, and can lift the ban for the next test step.
  EXPECT_EQ(client.request("POST", "/_admin/weight", R"({"clear":true})").status, 200);
  EXPECT_EQ(client.get("/fapi/v1/ping").status, 200);
}

TEST(weight_limits, a_heavy_request_over_the_limit_is_refused_whole) {
  auto o = small_options();
  o.weight_limit = 45;
  running_server server(o);
  auto client = server.client();
  EXPECT_EQ(client.get("/fapi/v1/ticker/24hr?symbol=BTCUSDT").status, 200);
  EXPECT_EQ(client.get("/fapi/v1/ticker/24hr").status, 200);  // 41
  const auto r = client.get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m");  // weight 5
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("x-mbx-used-weight-1m"), "41");
}

}  // namespace
}  // namespace tb::fake::test
