// Per-route buckets, the global limit and forced 429s, with every header Discord sends.
#include <cmath>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake_discord::test {
namespace {

using nlohmann::json;

const std::string channel = "/channels/100000000000000001/messages";

TEST(rate_limits, per_route_bucket_429_then_success_after_reset_after) {
  auto o = test_options();
  o.message_limit = 2;
  o.message_window_ms = 1000;
  running_server s(o);
  auto bot = s.bot();
  const auto first = bot.post(channel, {{"content", "1"}});
  EXPECT_EQ(first.header("x-ratelimit-limit"), "2");
  EXPECT_EQ(first.header("x-ratelimit-remaining"), "1");
  EXPECT_FALSE(first.header("x-ratelimit-bucket").empty());
  EXPECT_GT(std::stod(first.header("x-ratelimit-reset")), 1.4e9);
  EXPECT_GT(std::stod(first.header("x-ratelimit-reset-after")), 0.0);
  EXPECT_EQ(bot.post(channel, {{"content", "2"}}).header("x-ratelimit-remaining"), "0");

  const auto limited = bot.post(channel, {{"content", "3"}});
  ASSERT_EQ(limited.status, 429);
  const auto body = limited.json();
  EXPECT_EQ(body["message"], "You are being rate limited.");
  EXPECT_EQ(body["global"], false);
  EXPECT_TRUE(body["retry_after"].is_number_float());
  EXPECT_GT(body["retry_after"].get<double>(), 0.0);
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_EQ(limited.header("x-ratelimit-scope"), "user");
  EXPECT_EQ(limited.header("x-ratelimit-remaining"), "0");
  EXPECT_EQ(limited.header("x-ratelimit-bucket"), first.header("x-ratelimit-bucket"));
  EXPECT_FALSE(limited.has_header("x-ratelimit-global"));

  // Another channel is another quota, in the same bucket hash.
  const auto other = bot.post("/channels/100000000000000002/messages", {{"content", "x"}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.header("x-ratelimit-bucket"), first.header("x-ratelimit-bucket"));

  const auto wait = std::stod(limited.header("x-ratelimit-reset-after"));
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(std::ceil(wait * 1000)) + 20));
  EXPECT_EQ(bot.post(channel, {{"content", "4"}}).status, 200);

  EXPECT_EQ(s.control("GET", "/messages?channel_id=100000000000000001").size(), 3U);  // the 429 recorded nothing
  int logged_429 = 0;
  for (const auto& r : s.control("GET", "/requests")) logged_429 += r["status"] == 429 ? 1 : 0;
  EXPECT_EQ(logged_429, 1);
}

TEST(rate_limits, webhook_bucket_is_per_webhook) {
  auto o = test_options();
  o.webhook_limit = 1;
  o.webhook_window_ms = 60'000;
  running_server s(o);
  auto c = s.http();
  const std::string hook = "/api/v10/webhooks/200000000000000001/fake-webhook-token";
  EXPECT_EQ(c.post(hook, {{"content", "1"}}).status, 204);
  const auto r = c.post(hook, {{"content", "2"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("x-ratelimit-scope"), "user");
}

TEST(rate_limits, global_limit_answers_a_global_429) {
  auto o = test_options();
  o.global_limit = 3;
  running_server s(o);
  auto bot = s.bot();
  std::optional<http_reply> limited;
  for (int i = 0; i < 50 && !limited; ++i) {
    auto r = bot.get("/gateway/bot");
    if (r.status == 429) limited = r;
  }
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->header("x-ratelimit-global"), "true");
  EXPECT_EQ(limited->header("x-ratelimit-scope"), "global");
  EXPECT_FALSE(limited->header("retry-after").empty());
  EXPECT_EQ(limited->json()["global"], true);
  EXPECT_EQ(limited->json()["message"], "You are being rate limited.");
}

TEST(rate_limits, forced_429s_from_the_control) {
  running_server s;
  const auto armed = s.control("POST", "/rest/rate_limit?count=2&retry_after=0.25&global=false");
  EXPECT_EQ(armed["count"], 2);
  auto bot = s.bot();
  auto r = bot.post(channel, {{"content", "x"}});
  ASSERT_EQ(r.status, 429);
  EXPECT_DOUBLE_EQ(r.json()["retry_after"].get<double>(), 0.25);
  EXPECT_EQ(r.json()["global"], false);
  EXPECT_EQ(r.header("x-ratelimit-scope"), "user");
  EXPECT_FALSE(r.header("x-ratelimit-reset-after").empty());
  EXPECT_EQ(bot.post(channel, {{"content", "x"}}).status, 429);
  EXPECT_EQ(bot.post(channel, {{"content", "x"}}).status, 200);

  s.control("POST", "/rest/rate_limit?count=1&retry_after=1.5&global=true");
  r = bot.post(channel, {{"content", "x"}});
  ASSERT_EQ(r.status, 429);
  EXPECT_EQ(r.header("x-ratelimit-global"), "true");
  EXPECT_EQ(r.header("x-ratelimit-scope"), "global");
  EXPECT_EQ(r.header("retry-after"), "2");
  EXPECT_EQ(r.json()["global"], true);
  EXPECT_EQ(s.control("GET", "/messages").size(), 1U);
}

}  // namespace
}  // namespace tb::fake_discord::test
