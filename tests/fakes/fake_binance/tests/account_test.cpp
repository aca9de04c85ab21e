#include <string>

#include <gtest/gtest.h>

#include "account/signature.hpp"
#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

using nlohmann::json;

class signed_client {
 public:
  explicit signed_client(running_server& s) : client_(s.client()), secret_(s.context().options.api_secret),
                                              key_(s.context().options.api_key) {}

  std::int64_t server_time() { return client_.get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>(); }

  // Signs `params` + timestamp; sends them in the query string, or in the body when in_body.
  http_reply send(const std::string& method, const std::string& path, std::string params, bool in_body = false,
                  std::int64_t time_offset = 0) {
    params += std::string(params.empty() ? "" : "&") + "timestamp=" + std::to_string(server_time() + time_offset);
    params += "&signature=" + hmac_sha256_hex(secret_, params);
    if (in_body) return client_.request(method, path, params, {{"X-MBX-APIKEY", key_}});
    return client_.request(method, path + "?" + params, "", {{"X-MBX-APIKEY", key_}});
  }
  http_client& raw() { return client_; }
  const std::string& key() const { return key_; }

 private:
  http_client client_;
  std::string secret_;
  std::string key_;
};

TEST(signed_endpoints, auth_errors) {
  running_server server;
  signed_client c(server);
  auto& raw = c.raw();
  auto r = raw.get("/fapi/v2/balance?timestamp=1");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json().at("code"), -2014);
  r = raw.request("GET", "/fapi/v2/balance?timestamp=1&signature=00", "", {{"X-MBX-APIKEY", "someoneelse"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json().at("code"), -2015);
  r = raw.request("GET", "/fapi/v2/balance?timestamp=1&signature=00", "", {{"X-MBX-APIKEY", c.key()}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("code"), -1022);
  r = raw.request("GET", "/fapi/v2/balance?recvWindow=5000", "", {{"X-MBX-APIKEY", c.key()}});
  EXPECT_EQ(r.json().at("code"), -1102);
  r = c.send("GET", "/fapi/v2/balance", "", false, -10'000);
  EXPECT_EQ(r.json().at("code"), -1021);
  EXPECT_EQ(r.json().at("msg"), "Timestamp for this request is outside of the recvWindow.");
  r = c.send("GET", "/fapi/v2/balance", "", false, 5'000);
  EXPECT_EQ(r.json().at("msg"), "Timestamp for this request was 1000ms ahead of the server's time.");
  EXPECT_EQ(c.send("GET", "/fapi/v2/balance", "recvWindow=20000", false, -10'000).status, 200);
  EXPECT_EQ(c.send("GET", "/fapi/v2/balance", "").status, 200);
}

TEST(signed_endpoints, market_order_opens_a_position) {
  running_server server;
  signed_client c(server);
  auto r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=bot-1%2Fa", true);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "FILLED");
  EXPECT_EQ(r.json().at("clientOrderId"), "bot-1/a");
  const auto risk = c.send("GET", "/fapi/v3/positionRisk", "symbol=BTCUSDT").json();
  ASSERT_EQ(risk.size(), 1U);
  EXPECT_EQ(risk[0].at("positionAmt"), "0.010");
  const auto acct = c.send("GET", "/fapi/v2/account", "").json();
  EXPECT_LT(std::stod(acct.at("totalWalletBalance").get<std::string>()), 10'000.0);  // the taker fee
  r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true");
  EXPECT_EQ(r.json().at("status"), "FILLED");
  EXPECT_TRUE(c.send("GET", "/fapi/v3/positionRisk", "symbol=BTCUSDT").json().empty());
  r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true");
  EXPECT_EQ(r.json().at("code"), -2022);
}

TEST(signed_endpoints, order_rejections) {
  running_server server;
  signed_client c(server);
  const struct {
    const char* params;
    int code;
  } cases[] = {
      {"symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010", -4120},
      {"symbol=BTCUSDT&side=SELL&type=TAKE_PROFIT_MARKET&quantity=0.010", -4120},
      {"symbol=NOPEUSDT&side=SELL&type=MARKET&quantity=1", -1121},
      {"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.0101", -1111},
      {"symbol=DOGEUSDT&side=SELL&type=MARKET&quantity=1", -4164},
      {"symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.010&price=100000", -1102},
      {"symbol=BTCUSDT&side=UP&type=MARKET&quantity=0.010", -1117},
      {"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&positionSide=LONG", -4061},
      {"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1000", -4005},
  };
  for (const auto& k : cases) {
    const auto r = c.send("POST", "/fapi/v1/order", k.params);
    EXPECT_EQ(r.status, 400) << k.params;
    EXPECT_EQ(r.json().at("code"), k.code) << k.params << " " << r.body;
  }
}

TEST(signed_endpoints, limit_order_lifecycle) {
  running_server server;
  signed_client c(server);
  const auto price = std::stod(c.raw().get("/fapi/v2/ticker/price?symbol=ETHUSDT").json().at("price").get<std::string>());
  char limit[32];
  std::snprintf(limit, sizeof limit, "%.2f", price * 0.9);
  const std::string order = std::string("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price=") + limit +
                            "&newClientOrderId=entry-1";
  auto r = c.send("POST", "/fapi/v1/order", order);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "NEW");
  EXPECT_EQ(c.send("POST", "/fapi/v1/order", order).json().at("code"), -4116);
  EXPECT_EQ(c.send("GET", "/fapi/v1/openOrders", "symbol=ETHUSDT").json().size(), 1U);
  r = c.send("GET", "/fapi/v1/order", "symbol=ETHUSDT&origClientOrderId=entry-1");
  EXPECT_EQ(r.json().at("status"), "NEW");
  EXPECT_TRUE(r.json().contains("avgPrice"));
  r = c.send("DELETE", "/fapi/v1/order", "symbol=ETHUSDT&origClientOrderId=entry-1");
  EXPECT_EQ(r.json().at("status"), "CANCELED");
  EXPECT_EQ(c.send("DELETE", "/fapi/v1/order", "symbol=ETHUSDT&origClientOrderId=entry-1").json().at("code"), -2011);
  EXPECT_EQ(c.send("GET", "/fapi/v1/order", "symbol=ETHUSDT&orderId=1").json().at("code"), -2013);
  EXPECT_TRUE(c.send("GET", "/fapi/v1/openOrders", "").json().empty());
}

TEST(signed_endpoints, lost_response_order_still_executes) {
  running_server server;
  signed_client c(server);
  c.raw().request("POST", "/_admin/orders/lose-response", R"({"count":1})");
  auto r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=lost-1");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.json().at("msg"), "Unknown error, please check your request or try again later.");
  r = c.send("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=lost-1");
  EXPECT_EQ(r.json().at("status"), "FILLED");
}

TEST(signed_endpoints, lost_response_algo_order_still_executes) {
  running_server server;
  signed_client c(server);
  c.raw().request("POST", "/_admin/orders/lose-response", R"({"count":1})");
  auto r = c.send("POST", "/fapi/v1/algoOrder",
                  "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=50000.0&closePosition=true&clientAlgoId=lost-sl");
  EXPECT_EQ(r.status, 503);
  r = c.send("GET", "/fapi/v1/algoOrder", "clientAlgoId=lost-sl");
  EXPECT_EQ(r.json().at("algoStatus"), "NEW");
}

TEST(signed_endpoints, order_count_limit) {
  auto o = small_options();
  o.order_limit_10s = 2;
  running_server server(o);
  signed_client c(server);
  auto r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
  EXPECT_EQ(r.header("x-mbx-order-count-10s"), "1");
  EXPECT_EQ(r.header("x-mbx-order-count-1m"), "1");
  EXPECT_EQ(c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010").status, 200);
  r = c.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.json().at("code"), -1015);
}

TEST(signed_endpoints, leverage_margin_type_and_listen_key) {
  running_server server;
  signed_client c(server);
  EXPECT_EQ(c.send("POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10").json().at("leverage"), 10);
  EXPECT_EQ(c.send("POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=200").json().at("code"), -4028);
  EXPECT_EQ(c.send("POST", "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED").json().at("code"), 200);
  EXPECT_EQ(c.send("POST", "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED").json().at("code"), -4046);
  auto& raw = c.raw();
  const std::vector<std::pair<std::string, std::string>> key{{"X-MBX-APIKEY", c.key()}};
  const auto first = raw.request("POST", "/fapi/v1/listenKey", "", key).json().at("listenKey");
  EXPECT_EQ(raw.request("POST", "/fapi/v1/listenKey", "", key).json().at("listenKey"), first);
  EXPECT_EQ(raw.request("PUT", "/fapi/v1/listenKey", "", key).status, 200);
  EXPECT_EQ(raw.request("DELETE", "/fapi/v1/listenKey", "", key).body, "{}");
  EXPECT_EQ(raw.request("PUT", "/fapi/v1/listenKey", "", key).json().at("code"), -1125);
  EXPECT_EQ(raw.request("POST", "/fapi/v1/listenKey").json().at("code"), -2014);
}

}  // namespace
}  // namespace tb::fake::test
