#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

using nlohmann::json;

// Ten simulated minutes per real second, pushed every 20 ms: bars close quickly.
server_options fast() {
  auto o = small_options();
  o.speed = 600;
  o.kline_push_ms = 20;
  return o;
}

bool closed_kline(const json& m) { return m.contains("data") && m["data"]["k"]["x"] == true; }

TEST(websocket, combined_stream_delivers_closed_bars) {
  running_server server(fast());
  ws_client ws(server.port(), "/market/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m");
  const auto m = ws.read_until(closed_kline);
  ASSERT_TRUE(m.has_value());
  const auto& d = (*m)["data"];
  EXPECT_EQ(d["e"], "kline");
  EXPECT_TRUE((*m)["stream"] == "btcusdt@kline_1m" || (*m)["stream"] == "ethusdt@kline_1m");
  const auto& k = d["k"];
  EXPECT_EQ(k["i"], "1m");
  EXPECT_EQ(k["t"].get<std::int64_t>() % 60'000, 0);
  EXPECT_EQ(k["T"].get<std::int64_t>(), k["t"].get<std::int64_t>() + 59'999);
  EXPECT_TRUE(k["o"].is_string() && k["c"].is_string() && k["v"].is_string() && k["n"].is_number());

  // The final bar equals what REST then returns for that open time.
  auto client = server.client();
  const auto rest = client.get("/fapi/v1/klines?symbol=" + d["s"].get<std::string>() +
                               "&interval=1m&limit=1&startTime=" + std::to_string(k["t"].get<std::int64_t>())).json();
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(rest[0][1], k["o"]);
  EXPECT_EQ(rest[0][4], k["c"]);
  EXPECT_EQ(rest[0][5], k["v"]);
}

TEST(websocket, raw_stream_and_live_subscriptions) {
  running_server server(fast());
  ws_client ws(server.port(), "/market/ws");
  ws.send({{"method", "SUBSCRIBE"}, {"params", {"solusdt@kline_1m"}}, {"id", 1}});
  auto reply = ws.read_until([](const json& m) { return m.contains("id"); });
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(*reply, (json{{"result", nullptr}, {"id", 1}}));
  const auto raw = ws.read_until([](const json& m) { return m.value("e", "") == "kline"; });
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ((*raw)["s"], "SOLUSDT");

  ws.send({{"method", "LIST_SUBSCRIPTIONS"}, {"id", 2}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  EXPECT_EQ((*reply)["result"], json::array({"solusdt@kline_1m"}));
  ws.send({{"method", "UNSUBSCRIBE"}, {"params", {"solusdt@kline_1m"}}, {"id", 3}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  EXPECT_EQ(*reply, (json{{"result", nullptr}, {"id", 3}}));
  ws.send({{"method", "LIST_SUBSCRIPTIONS"}, {"id", 4}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  EXPECT_EQ((*reply)["result"], json::array());

  ws.send({{"method", "SET_PROPERTY"}, {"params", {"combined", true}}, {"id", 5}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  EXPECT_EQ(*reply, (json{{"result", nullptr}, {"id", 5}}));
  ws.send({{"method", "NOPE"}, {"id", 6}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  EXPECT_EQ((*reply)["code"], 2);
}

TEST(websocket, refuses_streams_beyond_the_limit) {
  auto o = fast();
  o.ws_max_streams = 200;
  running_server server(o);
  ws_client ws(server.port(), "/market/ws");
  json params = json::array();
  for (int i = 0; i < 200; ++i) params.push_back("btcusdt@kline_" + std::string(i % 2 == 0 ? "1m" : "5m") + "#" + std::to_string(i));
  ws.send({{"method", "SUBSCRIBE"}, {"params", params}, {"id", 1}});
  auto reply = ws.read_until([](const json& m) { return m.contains("id"); });
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ((*reply)["result"], nullptr);
  ws.send({{"method", "SUBSCRIBE"}, {"params", {"ethusdt@kline_1m"}}, {"id", 2}});
  reply = ws.read_until([](const json& m) { return m.contains("id"); });
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ((*reply)["code"], 2);
  EXPECT_EQ((*reply)["id"], 2);

  std::string url = "/market/stream?streams=";
  for (int i = 0; i < 201; ++i) url += (i ? "/" : "") + std::string("btcusdt@kline_1m#") + std::to_string(i);
  EXPECT_THROW(ws_client(server.port(), url), boost::system::system_error);
}

TEST(websocket, wrong_routes_stay_silent_and_unknown_paths_are_refused) {
  running_server server(fast());
  ws_client legacy(server.port(), "/ws/btcusdt@kline_1m");
  ws_client legacy_combined(server.port(), "/stream?streams=btcusdt@kline_1m");
  ws_client pub(server.port(), "/public/ws");
  pub.send({{"method", "SUBSCRIBE"}, {"params", {"btcusdt@kline_1m"}}, {"id", 1}});
  const auto ack = pub.read_until([](const json& m) { return m.contains("id"); });
  ASSERT_TRUE(ack.has_value());
  EXPECT_EQ((*ack)["result"], nullptr);

  ws_client good(server.port(), "/market/ws/btcusdt@kline_1m");
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(good.read().has_value());
  auto client = server.client();
  const auto connections = client.get("/_admin/ws").json();
  ASSERT_EQ(connections.size(), 4U);
  for (const auto& c : connections) {
    if (c["route"] == "market") {
      EXPECT_GE(c["dataSent"].get<int>(), 5);
    } else {
      EXPECT_EQ(c["dataSent"], 0) << c.dump();
    }
  }
  EXPECT_THROW(ws_client(server.port(), "/nowhere"), boost::system::system_error);
}

TEST(websocket, admin_drop_closes_every_connection) {
  running_server server(fast());
  ws_client ws(server.port(), "/market/ws/btcusdt@kline_1m");
  ASSERT_TRUE(ws.read().has_value());
  auto client = server.client();
  EXPECT_EQ(client.request("POST", "/_admin/ws/drop").json().at("dropped"), 1);
  ws.read_until([](const json&) { return false; });
  EXPECT_TRUE(ws.closed());
}

TEST(websocket, connections_end_at_their_maximum_lifetime) {
  auto o = fast();
  o.ws_max_lifetime_ms = 200;
  running_server server(o);
  ws_client ws(server.port(), "/market/ws/btcusdt@kline_1m");
  ws.read_until([](const json&) { return false; });
  EXPECT_TRUE(ws.closed());
}

TEST(websocket, too_many_client_messages_close_the_connection) {
  auto o = fast();
  o.ws_max_messages_per_second = 3;
  running_server server(o);
  ws_client ws(server.port(), "/market/ws");
  for (int i = 0; i < 10; ++i) ws.send({{"method", "LIST_SUBSCRIPTIONS"}, {"id", i}});
  ws.read_until([](const json&) { return false; });
  EXPECT_TRUE(ws.closed());
}

}  // namespace
}  // namespace tb::fake::test
