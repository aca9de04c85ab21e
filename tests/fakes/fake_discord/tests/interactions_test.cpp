// Slash-command interactions: injection over the gateway, the single callback, the windows,
// deferred replies, @original and follow-ups.
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake_discord::test {
namespace {

using nlohmann::json;

const std::string app = "1300000000000000001";

void register_commands(running_server& s) {
  const json commands = json::array(
      {{{"name", "position"},
        {"description", "Show a position"},
        {"options",
         {{{"type", 3}, {"name", "symbol"}, {"description", "Symbol"}, {"required", true}},
          {{"type", 4}, {"name", "limit"}, {"description", "Rows"}},
          {{"type", 5}, {"name", "verbose"}, {"description", "Fills"}},
          {{"type", 10}, {"name", "ratio"}, {"description", "Ratio"}}}}},
       {{"name", "status"}, {"description", "Bot status"}}});
  ASSERT_EQ(s.bot().put("/applications/" + app + "/commands", commands).status, 200);
}

json inject(running_server& s, json body) { return s.control("POST", "/interactions", body); }

std::string callback(const json& injected) {
  return "/api/v10/interactions/" + injected["id"].get<std::string>() + "/" + injected["token"].get<std::string>() +
         "/callback";
}

std::string original(const json& injected) {
  return "/api/v10/webhooks/" + app + "/" + injected["token"].get<std::string>() + "/messages/@original";
}

TEST(interactions, injected_command_arrives_as_a_typed_dispatch) {
  running_server s;
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto injected = inject(s, {{"command", "position"},
                                   {"user_id", "53908232506183680"},
                                   {"username", "alice"},
                                   {"roles", {"111"}},
                                   {"guild_id", "300000000000000001"},
                                   {"channel_id", "100000000000000001"},
                                   {"options", {{"symbol", "BTCUSDT"}, {"limit", "5"}, {"verbose", true}, {"ratio", 2}}}});
  const auto m = g.ws->read_until([](const json& x) { return is_dispatch(x, "INTERACTION_CREATE"); });
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["s"], injected["sequence"]);
  const auto& d = (*m)["d"];
  EXPECT_EQ(d["id"], injected["id"]);
  EXPECT_EQ(d["token"], injected["token"]);
  EXPECT_EQ(d["type"], 2);
  EXPECT_EQ(d["application_id"], app);
  EXPECT_EQ(d["data"]["name"], "position");
  EXPECT_EQ(d["data"]["id"], s.bot().get("/applications/" + app + "/commands").json()[0]["id"]);
  EXPECT_EQ(d["member"]["user"]["id"], "53908232506183680");
  EXPECT_EQ(d["member"]["roles"], json::array({"111"}));
  EXPECT_FALSE(d.contains("user"));
  EXPECT_EQ(d["guild_id"], "300000000000000001");
  const auto& opts = d["data"]["options"];
  ASSERT_EQ(opts.size(), 4U);
  EXPECT_EQ(opts[0], (json{{"name", "symbol"}, {"type", 3}, {"value", "BTCUSDT"}}));
  EXPECT_EQ(opts[1]["value"], 5);
  EXPECT_TRUE(opts[1]["value"].is_number_integer());
  EXPECT_EQ(opts[2]["value"], true);
  EXPECT_TRUE(opts[3]["value"].is_number_float());

  // A DM carries `user` instead of `member`.
  inject(s, {{"command", "status"}, {"user_id", "7"}});
  const auto dm = g.ws->read_until([](const json& x) { return is_dispatch(x, "INTERACTION_CREATE"); });
  ASSERT_TRUE(dm);
  EXPECT_EQ((*dm)["d"]["user"]["id"], "7");
  EXPECT_FALSE((*dm)["d"].contains("member"));
  EXPECT_FALSE((*dm)["d"].contains("guild_id"));
}

TEST(interactions, injection_errors) {
  running_server s;
  register_commands(s);
  auto c = s.http();
  EXPECT_EQ(c.request("POST", "/_control/interactions", json{{"command", "status"}}.dump()).status, 409);
  auto g = connect_and_identify(s.port());
  EXPECT_EQ(c.request("POST", "/_control/interactions", json{{"command", "nope"}}.dump()).status, 404);
  EXPECT_EQ(c.request("POST", "/_control/interactions", json{{"command", "position"}}.dump()).status, 400);  // symbol missing
  EXPECT_EQ(c.request("POST", "/_control/interactions",
                      json{{"command", "position"}, {"options", {{"symbol", "X"}, {"bogus", 1}}}}.dump())
                .status,
            400);
}

TEST(interactions, one_callback_only_and_a_message_is_created) {
  running_server s;
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto in = inject(s, {{"command", "status"}, {"guild_id", "300000000000000001"}, {"channel_id", "100000000000000002"}});
  auto c = s.http();
  auto r = c.post(callback(in), {{"type", 4}, {"data", {{"content", "all good"}, {"flags", 64}}}});
  EXPECT_EQ(r.status, 204);
  r = c.post(callback(in), {{"type", 4}, {"data", {{"content", "again"}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], 40060);
  const auto msgs = s.control("GET", "/messages?channel_id=100000000000000002");
  ASSERT_EQ(msgs.size(), 1U);
  EXPECT_EQ(msgs[0]["via"], "interaction");
  EXPECT_EQ(msgs[0]["flags"], 64);
  const auto recorded = s.control("GET", "/interactions");
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded[0]["callback_type"], 4);
  EXPECT_GE(recorded[0]["callback_delay_ms"].get<std::int64_t>(), 0);
  EXPECT_EQ(recorded[0]["original"]["content"], "all good");
  // Bad token is an unknown interaction.
  auto wrong = in;
  wrong["token"] = "nope";
  EXPECT_EQ(c.post(callback(wrong), {{"type", 5}}).json()["code"], 10062);
}

TEST(interactions, callback_after_the_window_is_unknown) {
  auto o = test_options();
  o.interaction_window_ms = 100;
  running_server s(o);
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto in = inject(s, {{"command", "status"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  const auto r = s.http().post(callback(in), {{"type", 4}, {"data", {{"content", "late"}}}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["code"], 10062);
  EXPECT_EQ(s.control("GET", "/messages").size(), 0U);
}

TEST(interactions, deferred_reply_is_filled_in_by_patch_original) {
  running_server s;
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto in = inject(s, {{"command", "status"}, {"guild_id", "300000000000000001"}});
  auto c = s.http();
  auto r = c.post(callback(in) + "?with_response=true", {{"type", 5}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["interaction"]["id"], in["id"]);
  EXPECT_EQ(r.json()["interaction"]["response_message_loading"], true);
  EXPECT_EQ(r.json()["resource"]["type"], 5);
  EXPECT_EQ(r.json()["resource"]["message"]["flags"], 128);
  const auto message_id = r.json()["interaction"]["response_message_id"];

  r = c.get(original(in));
  EXPECT_EQ(r.json()["flags"], 128);
  r = c.request("PATCH", original(in), json{{"content", "BTCUSDT: long 0.010"}}.dump());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["id"], message_id);
  EXPECT_EQ(r.json()["content"], "BTCUSDT: long 0.010");
  EXPECT_EQ(r.json()["flags"], 0);

  r = c.post("/api/v10/webhooks/" + app + "/" + in["token"].get<std::string>(), {{"content", "follow-up"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.json()["id"], message_id);
  const auto recorded = s.control("GET", "/interactions")[0];
  EXPECT_EQ(recorded["callback_type"], 5);
  EXPECT_EQ(recorded["original"]["content"], "BTCUSDT: long 0.010");
  ASSERT_EQ(recorded["followups"].size(), 1U);
  EXPECT_EQ(recorded["followups"][0]["content"], "follow-up");
}

TEST(interactions, followups_expire_and_skip_the_global_limit) {
  auto o = test_options();
  o.followup_window_ms = 300;
  o.global_limit = 1;
  running_server s(o);
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto in = inject(s, {{"command", "status"}});
  auto c = s.http();
  c.get("/api/v10/gateway");  // uses this second's global budget
  ASSERT_EQ(c.post(callback(in), {{"type", 4}, {"data", {{"content", "x"}}}}).status, 204);
  EXPECT_EQ(c.get(original(in)).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  const auto r = c.request("PATCH", original(in), json{{"content", "too late"}}.dump());
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["code"], 50027);
}

TEST(interactions, dispatch_is_buffered_while_disconnected_and_replayed) {
  running_server s;
  register_commands(s);
  auto g = connect_and_identify(s.port());
  const auto session = g.session_id();
  const auto seq = g.ready["s"].get<std::int64_t>();
  g.ws->drop();
  ASSERT_TRUE(eventually([&] { return s.control("GET", "/gateway")["connected"] == 0; }));
  const auto in = inject(s, {{"command", "status"}});
  ws_client again(s.port(), "/resume?v=10&encoding=json");
  ASSERT_TRUE(again.read());
  again.send({{"op", 6}, {"d", {{"token", "fake-bot-token"}, {"session_id", session}, {"seq", seq}}}});
  const auto m = again.read();
  ASSERT_TRUE(m);
  EXPECT_TRUE(is_dispatch(*m, "INTERACTION_CREATE"));
  EXPECT_EQ((*m)["s"], in["sequence"]);
  EXPECT_TRUE(again.read_until([](const json& x) { return is_dispatch(x, "RESUMED"); }));
}

}  // namespace
}  // namespace tb::fake_discord::test
