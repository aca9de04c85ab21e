// REST over loopback: auth, versions, messages, nonces, webhooks and the REST controls.
#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake_discord::test {
namespace {

using nlohmann::json;

const std::string channel = "/channels/100000000000000001/messages";
const std::string hook = "/api/v10/webhooks/200000000000000001/fake-webhook-token";

TEST(rest, bot_routes_need_the_bot_token) {
  running_server s;
  for (const auto& auth : {std::string{}, std::string("Bot wrong"), std::string("fake-bot-token"), std::string("Bearer fake-bot-token")}) {
    auto c = s.http();
    headers_t h;
    if (!auth.empty()) h.emplace_back("Authorization", auth);
    const auto r = c.post("/api/v10" + channel, {{"content", "x"}}, h);
    EXPECT_EQ(r.status, 401) << auth;
    EXPECT_EQ(r.json(), (json{{"message", "401: Unauthorized"}, {"code", 0}}));
  }
  EXPECT_EQ(s.bot().post(channel, {{"content", "x"}}).status, 200);
}

TEST(rest, only_v10_with_a_discordbot_user_agent) {
  running_server s;
  auto c = s.http();
  EXPECT_EQ(c.get("/api/v9/gateway").status, 400);
  EXPECT_EQ(c.get("/api/gateway").status, 400);
  EXPECT_EQ(c.get("/api/v10/gateway").status, 200);
  const auto r = c.get("/api/v10/gateway", {{"User-Agent", "curl/8"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["message"].get<std::string>().find("DiscordBot"), std::string::npos);
  EXPECT_EQ(c.get("/api/v10/nowhere").status, 404);
}

TEST(rest, gateway_urls_point_at_the_fake) {
  running_server s;
  const auto url = "ws://127.0.0.1:" + std::to_string(s.port());
  EXPECT_EQ(s.http().get("/api/v10/gateway").json()["url"], url);
  EXPECT_EQ(s.http().get("/api/v10/gateway/bot").status, 401);
  const auto bot = s.bot().get("/gateway/bot").json();
  EXPECT_EQ(bot["url"], url);
  EXPECT_EQ(bot["shards"], 1);
  EXPECT_EQ(bot["session_start_limit"]["total"], 1000);
  EXPECT_EQ(bot["session_start_limit"]["remaining"], 1000);
  EXPECT_EQ(bot["session_start_limit"]["max_concurrency"], 1000);
}

TEST(rest, creates_a_full_message_object) {
  running_server s;
  auto bot = s.bot();
  const auto r = bot.post(channel, {{"content", "BTCUSDT long opened"},
                                    {"allowed_mentions", {{"parse", json::array()}}},
                                    {"embeds", {{{"title", "Order filled"}, {"color", 3066993}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto m = r.json();
  EXPECT_TRUE(m["id"].is_string());
  EXPECT_EQ(m["channel_id"], "100000000000000001");
  EXPECT_EQ(m["type"], 0);
  EXPECT_EQ(m["author"]["bot"], true);
  EXPECT_EQ(m["content"], "BTCUSDT long opened");
  EXPECT_EQ(m["embeds"][0]["type"], "rich");
  EXPECT_EQ(m["flags"], 0);
  EXPECT_EQ(m["timestamp"].get<std::string>().size(), std::string("2026-09-15T13:20:00.123000+00:00").size());
  EXPECT_TRUE(r.has_header("x-ratelimit-bucket"));
  // Snowflakes grow with time.
  const auto second = bot.post(channel, {{"content", "2"}}).json();
  EXPECT_GT(std::stoull(second["id"].get<std::string>()), std::stoull(m["id"].get<std::string>()));
  const auto recorded = s.control("GET", "/messages?channel_id=100000000000000001");
  ASSERT_EQ(recorded.size(), 2U);
  EXPECT_EQ(recorded[0]["via"], "bot");
  EXPECT_EQ(recorded[0]["id"], m["id"]);
}

TEST(rest, message_errors_over_http) {
  running_server s;
  auto bot = s.bot();
  auto r = bot.post(channel, {{"content", std::string(2001, 'x')}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], 50035);
  EXPECT_EQ(r.json()["message"], "Invalid Form Body");
  EXPECT_EQ(r.json()["errors"]["content"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");

  json fields = json::array();
  for (int i = 0; i < 26; ++i) fields.push_back({{"name", "n"}, {"value", "v"}});
  r = bot.post(channel, {{"embeds", {{{"fields", fields}}}}});
  EXPECT_EQ(r.json()["errors"]["embeds"]["0"]["fields"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");

  const json big{{"description", std::string(4000, 'd')}};
  r = bot.post(channel, {{"embeds", {big, big}}});
  EXPECT_EQ(r.json()["errors"]["embeds"]["_errors"][0]["code"], "MAX_EMBED_SIZE_EXCEEDED");

  r = bot.post(channel, json::object());
  EXPECT_EQ(r.json()["code"], 50006);
  r = bot.post("/channels/999/messages", {{"content", "x"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["code"], 10003);
  r = bot.raw().request("POST", "/api/v10" + channel, "{not json", {{"Authorization", "Bot fake-bot-token"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], 50109);
  EXPECT_EQ(s.control("GET", "/messages").size(), 0U);
}

TEST(rest, enforced_nonce_returns_the_original) {
  running_server s;
  auto bot = s.bot();
  const json body{{"content", "fill"}, {"nonce", "order-42"}, {"enforce_nonce", true}};
  const auto first = bot.post(channel, body);
  const auto again = bot.post(channel, body);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["id"], first.json()["id"]);
  EXPECT_EQ(again.json()["nonce"], "order-42");
  // Another channel, or no enforcement, is a new message.
  EXPECT_NE(bot.post("/channels/100000000000000002/messages", body).json()["id"], first.json()["id"]);
  EXPECT_NE(bot.post(channel, {{"content", "fill"}, {"nonce", "order-42"}}).json()["id"], first.json()["id"]);
  EXPECT_EQ(s.control("GET", "/messages?channel_id=100000000000000001").size(), 2U);
  EXPECT_EQ(bot.post(channel, {{"content", "x"}, {"nonce", std::string(26, 'n')}}).status, 400);
}

TEST(rest, bot_messages_can_be_edited_and_deleted) {
  running_server s;
  auto bot = s.bot();
  const auto id = bot.post(channel, {{"content", "v1"}}).json()["id"].get<std::string>();
  const auto edited = bot.patch(channel + "/" + id, {{"content", "v2"}});
  ASSERT_EQ(edited.status, 200);
  EXPECT_EQ(edited.json()["content"], "v2");
  EXPECT_FALSE(edited.json()["edited_timestamp"].is_null());
  EXPECT_EQ(bot.del(channel + "/" + id).status, 204);
  EXPECT_EQ(bot.get(channel + "/" + id).status, 404);
}

TEST(rest, webhooks_answer_204_or_the_message_with_wait) {
  running_server s;
  auto c = s.http();  // no Authorization: the path token is the credential
  auto r = c.post(hook, {{"content", "no wait"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  r = c.post(hook + "?wait=true", {{"content", "wait"}, {"username", "Trader"}});
  ASSERT_EQ(r.status, 200);
  const auto m = r.json();
  EXPECT_EQ(m["channel_id"], "100000000000000001");
  EXPECT_EQ(m["webhook_id"], "200000000000000001");
  EXPECT_EQ(m["author"]["username"], "Trader");
  const auto path = hook + "/messages/" + m["id"].get<std::string>();
  r = c.request("PATCH", path, json{{"content", "edited"}}.dump());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["content"], "edited");
  EXPECT_EQ(c.request("DELETE", path).status, 204);
  EXPECT_EQ(c.request("GET", path).status, 404);

  r = c.post("/api/v10/webhooks/200000000000000009/fake-webhook-token", {{"content", "x"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["code"], 10015);
  r = c.post("/api/v10/webhooks/200000000000000001/wrong", {{"content", "x"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["code"], 50027);
  r = c.post(hook, {{"content", ""}});
  EXPECT_EQ(r.json()["code"], 50006);
  const auto recorded = s.control("GET", "/messages");
  ASSERT_EQ(recorded.size(), 2U);
  EXPECT_EQ(recorded[0]["via"], "webhook");
  EXPECT_EQ(recorded[1]["deleted"], true);
}

TEST(rest, fail_control_answers_the_status_then_recovers) {
  running_server s;
  s.control("POST", "/rest/fail?count=2&status=502");
  auto bot = s.bot();
  auto r = bot.post(channel, {{"content", "x"}});
  EXPECT_EQ(r.status, 502);
  EXPECT_TRUE(r.json().contains("message"));
  EXPECT_EQ(bot.post(channel, {{"content", "x"}}).status, 502);
  EXPECT_EQ(bot.post(channel, {{"content", "x"}}).status, 200);
  EXPECT_EQ(s.control("GET", "/messages").size(), 1U);
  const auto log = s.control("GET", "/requests");
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0]["status"], 502);
  EXPECT_EQ(log[0]["path"], "/api/v10" + channel);
}

TEST(rest, slow_control_still_answers) {
  running_server s;
  EXPECT_EQ(s.control("POST", "/rest/slow?ms=50")["ms"], 50);
  EXPECT_EQ(s.bot().post(channel, {{"content", "x"}}).status, 200);
  s.control("POST", "/rest/slow?ms=0");
  EXPECT_EQ(s.bot().post(channel, {{"content", "x"}}).status, 200);
}

TEST(rest, unknown_control_is_404) {
  running_server s;
  auto c = s.http();
  EXPECT_EQ(c.request("POST", "/_control/nothing").status, 404);
  EXPECT_EQ(c.request("POST", "/_control/gateway/zombie?on=maybe").status, 400);
}

}  // namespace
}  // namespace tb::fake_discord::test
