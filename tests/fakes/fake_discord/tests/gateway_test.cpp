// The gateway websocket: lifecycle, heartbeats, close codes, resume and the gateway controls.
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake_discord::test {
namespace {

using nlohmann::json;

json resume_payload(const std::string& session, std::int64_t seq, const std::string& token = "fake-bot-token") {
  return {{"op", 6}, {"d", {{"token", token}, {"session_id", session}, {"seq", seq}}}};
}

// Opens a connection, checks HELLO, sends `first` and waits for the connection to end.
std::optional<int> close_code_after(std::uint16_t port, const json& first, const std::string& target = "/?v=10&encoding=json") {
  ws_client ws(port, target);
  const auto hello = ws.read();
  EXPECT_TRUE(hello && (*hello)["op"] == 10);
  ws.send(first);
  EXPECT_TRUE(ws.wait_closed());
  return ws.close_code();
}

TEST(gateway, hello_identify_ready) {
  running_server s;
  ws_client ws(s.port());
  const auto hello = ws.read();
  ASSERT_TRUE(hello);
  EXPECT_EQ((*hello)["op"], 10);
  EXPECT_EQ((*hello)["d"]["heartbeat_interval"], 200);
  EXPECT_TRUE((*hello)["s"].is_null());
  ws.send(identify_payload("fake-bot-token", 1));
  const auto ready = ws.read();
  ASSERT_TRUE(ready);
  EXPECT_TRUE(is_dispatch(*ready, "READY"));
  EXPECT_EQ((*ready)["s"], 1);
  const auto& d = (*ready)["d"];
  EXPECT_EQ(d["v"], 10);
  EXPECT_EQ(d["session_id"].get<std::string>().size(), 32U);
  EXPECT_EQ(d["resume_gateway_url"], "ws://127.0.0.1:" + std::to_string(s.port()) + "/resume");
  EXPECT_EQ(d["user"]["bot"], true);
  EXPECT_EQ(d["user"]["id"], "1300000000000000001");
  EXPECT_EQ(d["guilds"][0], (json{{"id", "300000000000000001"}, {"unavailable", true}}));
  EXPECT_EQ(d["application"]["id"], "1300000000000000001");
  EXPECT_EQ(d["shard"], json::array({0, 1}));
  // intents GUILDS: a GUILD_CREATE follows with the next sequence number.
  const auto guild = ws.read();
  ASSERT_TRUE(guild);
  EXPECT_TRUE(is_dispatch(*guild, "GUILD_CREATE"));
  EXPECT_EQ((*guild)["s"], 2);
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["identifies"], 1);
  EXPECT_EQ(stats["session_start_limit"]["remaining"], 999);
  EXPECT_EQ(s.bot().get("/gateway/bot").json()["session_start_limit"]["remaining"], 999);
}

TEST(gateway, heartbeats_are_acked_unless_zombie) {
  running_server s;
  auto g = connect_and_identify(s.port());
  g.ws->send({{"op", 1}, {"d", 1}});
  const auto ack = g.ws->read_until([](const json& m) { return m["op"] == 11; });
  ASSERT_TRUE(ack);
  s.control("POST", "/gateway/zombie?on=true");
  g.ws->send({{"op", 1}, {"d", 1}});
  EXPECT_FALSE(g.ws->read_until([](const json& m) { return m["op"] == 11; }, 300ms));
  EXPECT_FALSE(g.ws->closed());
  s.control("POST", "/gateway/zombie?on=false");
  g.ws->send({{"op", 1}, {"d", 1}});
  EXPECT_TRUE(g.ws->read_until([](const json& m) { return m["op"] == 11; }));
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["heartbeats"], 3);
  EXPECT_EQ(stats["acks"], 2);
}

TEST(gateway, heartbeat_before_identify_is_allowed) {
  running_server s;
  ws_client ws(s.port());
  ASSERT_TRUE(ws.read());
  ws.send({{"op", 1}, {"d", nullptr}});
  EXPECT_TRUE(ws.read_until([](const json& m) { return m["op"] == 11; }));
}

TEST(gateway, missing_heartbeats_close_with_a_resumable_code) {
  auto o = test_options();
  o.heartbeat_slack = 1.5;
  running_server s(o);
  auto g = connect_and_identify(s.port());
  ASSERT_TRUE(g.ws->wait_closed());
  EXPECT_EQ(g.ws->close_code(), 4000);
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["closes_by_code"]["4000"], 1);
  // The session survives: it can be resumed.
  ws_client again(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(again.read());
  again.send(resume_payload(g.session_id(), 1));
  EXPECT_TRUE(again.read_until([](const json& m) { return is_dispatch(m, "RESUMED"); }));
}

TEST(gateway, resume_replays_missed_dispatches_with_their_sequence) {
  running_server s;
  s.bot().put("/applications/1300000000000000001/commands", json::array({{{"name", "status"}, {"description", "d"}}}));
  auto g = connect_and_identify(s.port());
  g.ws->close(4200);  // like discord.js after a zombie: any code but 1000/1001 keeps the session
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  const auto a = s.control("POST", "/interactions", {{"command", "status"}});
  const auto b = s.control("POST", "/interactions", {{"command", "status"}});
  EXPECT_EQ(a["sequence"], 2);
  EXPECT_EQ(b["sequence"], 3);

  ws_client again(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(again.read());
  again.send(resume_payload(g.session_id(), 1));
  const auto first = again.read();
  const auto second = again.read();
  const auto resumed = again.read();
  ASSERT_TRUE(first && second && resumed);
  EXPECT_EQ((*first)["s"], 2);
  EXPECT_EQ((*first)["d"]["id"], a["id"]);
  EXPECT_EQ((*second)["s"], 3);
  EXPECT_TRUE(is_dispatch(*resumed, "RESUMED"));
  EXPECT_EQ((*resumed)["s"], 4);
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["resumes"], 1);
  EXPECT_EQ(stats["resumes_on_resume_url"], 1);
  EXPECT_EQ(stats["resumed_ok"], 1);
  EXPECT_EQ(stats["client_closes_by_code"]["4200"], 1);
  EXPECT_EQ(stats["paths"][1], "/resume?v=10&encoding=json");
}

TEST(gateway, resume_on_the_main_url_is_recorded_as_such) {
  running_server s;
  auto g = connect_and_identify(s.port());
  g.ws->drop();
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  ws_client again(s.port());
  ASSERT_TRUE(again.read());
  again.send(resume_payload(g.session_id(), 1));
  EXPECT_TRUE(again.read_until([](const json& m) { return is_dispatch(m, "RESUMED"); }));
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["resumes_on_resume_url"], 0);
  EXPECT_EQ(stats["resume_log"][0]["on_resume_url"], false);
}

TEST(gateway, clean_close_ends_the_session) {
  running_server s;
  auto g = connect_and_identify(s.port());
  g.ws->close(1000);
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  ws_client again(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(again.read());
  again.send(resume_payload(g.session_id(), 1));
  const auto m = again.read();
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, (json{{"op", 9}, {"d", false}, {"s", nullptr}, {"t", nullptr}}));
}

TEST(gateway, refused_resume_answers_op9_false_and_ends_the_session) {
  running_server s;
  auto g = connect_and_identify(s.port());
  g.ws->drop();
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  s.control("POST", "/gateway/refuse_resume?count=1");
  {
    ws_client again(s.port(), "/resume?v=10&encoding=json");
    ASSERT_TRUE(again.read());
    again.send(resume_payload(g.session_id(), 1));
    const auto m = again.read();
    ASSERT_TRUE(m);
    EXPECT_EQ((*m)["op"], 9);
    EXPECT_EQ((*m)["d"], false);
    // Identify on the same socket is then fine.
    again.send(identify_payload());
    EXPECT_TRUE(again.read_until([](const json& x) { return is_dispatch(x, "READY"); }));
  }
  ws_client third(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(third.read());
  third.send(resume_payload(g.session_id(), 1));
  const auto m = third.read();
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["op"], 9);  // destroyed, not just refused once
  EXPECT_GE(s.control("GET", "/gateway")["invalid_sessions_sent"].get<int>(), 2);
}

TEST(gateway, sessions_expire_after_the_resume_window) {
  auto o = test_options();
  o.resume_window_ms = 100;
  running_server s(o);
  auto g = connect_and_identify(s.port());
  g.ws->drop();
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  ws_client again(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(again.read());
  again.send(resume_payload(g.session_id(), 1));
  const auto m = again.read();
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["op"], 9);
  EXPECT_EQ((*m)["d"], false);
}

TEST(gateway, resume_with_a_sequence_ahead_is_4007) {
  running_server s;
  auto g = connect_and_identify(s.port());
  g.ws->drop();
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  EXPECT_EQ(close_code_after(s.port(), resume_payload(g.session_id(), 99)), 4007);
}

TEST(gateway, close_codes_for_protocol_errors) {
  running_server s;
  EXPECT_EQ(close_code_after(s.port(), identify_payload("wrong-token")), 4004);
  EXPECT_EQ(close_code_after(s.port(), {{"op", 3}, {"d", {{"status", "online"}}}}), 4003);
  EXPECT_EQ(close_code_after(s.port(), {{"op", 99}, {"d", nullptr}}), 4001);
  EXPECT_EQ(close_code_after(s.port(), identify_payload("fake-bot-token", 1 << 18)), 4013);
  EXPECT_EQ(close_code_after(s.port(), identify_payload("fake-bot-token", 1 << 15)), 4014);  // MESSAGE_CONTENT
  EXPECT_EQ(close_code_after(s.port(), identify_payload("fake-bot-token", 1 << 1)), 4014);  // GUILD_MEMBERS
  {
    ws_client ws(s.port());
    ASSERT_TRUE(ws.read());
    ws.send_text("{not json");
    ASSERT_TRUE(ws.wait_closed());
    EXPECT_EQ(ws.close_code(), 4002);
  }
  {
    ws_client ws(s.port());
    ASSERT_TRUE(ws.read());
    auto big = identify_payload();
    big["d"]["properties"]["os"] = std::string(5000, 'x');
    ws.send(big);
    ASSERT_TRUE(ws.wait_closed());
    EXPECT_EQ(ws.close_code(), 4002);
  }
  {
    auto g = connect_and_identify(s.port());
    g.ws->send(identify_payload());
    ASSERT_TRUE(g.ws->wait_closed());
    EXPECT_EQ(g.ws->close_code(), 4005);
  }
  {
    ws_client ws(s.port(), "/?v=9&encoding=json");
    ASSERT_TRUE(ws.wait_closed());
    EXPECT_EQ(ws.close_code(), 4012);
  }
  const auto closes = s.control("GET", "/gateway")["closes_by_code"];
  EXPECT_EQ(closes["4014"], 2);
}

TEST(gateway, privileged_intents_pass_when_enabled) {
  auto o = test_options();
  o.enabled_privileged_intents = 1 << 15;
  running_server s(o);
  auto g = connect_and_identify(s.port(), 1 << 15);
  EXPECT_TRUE(is_dispatch(g.ready, "READY"));
}

TEST(gateway, too_many_sends_close_with_4008) {
  auto o = test_options();
  o.gateway_send_limit = 5;
  running_server s(o);
  auto g = connect_and_identify(s.port());  // the identify is send 1
  for (int i = 0; i < 5; ++i) g.ws->send({{"op", 1}, {"d", 1}});
  ASSERT_TRUE(g.ws->wait_closed());
  EXPECT_EQ(g.ws->close_code(), 4008);
}

TEST(gateway, identifies_beyond_max_concurrency_get_op9_false) {
  auto o = test_options();
  o.max_concurrency = 1;
  running_server s(o);
  auto g = connect_and_identify(s.port());
  ws_client ws(s.port());
  ASSERT_TRUE(ws.read());
  ws.send(identify_payload());
  const auto m = ws.read();
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["op"], 9);
  EXPECT_EQ((*m)["d"], false);
  EXPECT_EQ(s.control("GET", "/gateway")["identifies"], 1);
}

TEST(gateway, reconnect_control_sends_op7) {
  running_server s;
  auto g = connect_and_identify(s.port());
  EXPECT_EQ(s.control("POST", "/gateway/reconnect")["sent"], 1);
  const auto m = g.ws->read_until([](const json& x) { return x["op"] == 7; });
  ASSERT_TRUE(m);
  EXPECT_TRUE((*m)["d"].is_null());
}

TEST(gateway, invalid_session_control) {
  running_server s;
  auto g = connect_and_identify(s.port());
  s.control("POST", "/gateway/invalid_session?resumable=true");
  auto m = g.ws->read_until([](const json& x) { return x["op"] == 9; });
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["d"], true);
  // Resumable: resume on the same socket.
  g.ws->send(resume_payload(g.session_id(), 1));
  EXPECT_TRUE(g.ws->read_until([](const json& x) { return is_dispatch(x, "RESUMED"); }));

  s.control("POST", "/gateway/invalid_session?resumable=false");
  m = g.ws->read_until([](const json& x) { return x["op"] == 9; });
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["d"], false);
  g.ws->send(resume_payload(g.session_id(), 2));
  m = g.ws->read_until([](const json& x) { return x["op"] == 9; });
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["d"], false);
}

TEST(gateway, close_and_drop_controls) {
  running_server s;
  {
    auto g = connect_and_identify(s.port());
    EXPECT_EQ(s.control("POST", "/gateway/close?code=4009")["closed"], 1);
    ASSERT_TRUE(g.ws->wait_closed());
    EXPECT_EQ(g.ws->close_code(), 4009);
  }
  auto g = connect_and_identify(s.port());
  EXPECT_EQ(s.control("POST", "/gateway/drop")["dropped"], 1);
  ASSERT_TRUE(g.ws->wait_closed());
  EXPECT_FALSE(g.ws->close_code().has_value());  // no close frame
  const auto stats = s.control("GET", "/gateway");
  EXPECT_EQ(stats["closes_by_code"]["4009"], 1);
  EXPECT_EQ(stats["connections_opened"], 2);
  EXPECT_EQ(stats["drops"], 1);
}

}  // namespace
}  // namespace tb::fake_discord::test
