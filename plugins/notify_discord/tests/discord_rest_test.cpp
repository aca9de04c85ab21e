#include "rest/discord_rest.hpp"

#include <gtest/gtest.h>

#include <stop_token>
#include <thread>

#include "fake_discord_fixture.hpp"

namespace tb::discord::testing {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

const std::string message_route = "/channels/" + channel_1 + "/messages";
const std::string hello = R"({"content":"hello","allowed_mentions":{"parse":[]}})";

using discord_rest_test = fake_discord_test;

TEST(redact_route, hides_webhook_tokens_only) {
  EXPECT_EQ(redact_route("/webhooks/2/secret-token?wait=true"), "/webhooks/2/***?wait=true");
  EXPECT_EQ(redact_route("POST /api/v10/webhooks/2/tok/messages/5 failed"),
            "POST /api/v10/webhooks/2/***/messages/5 failed");
  EXPECT_EQ(redact_route("/webhooks/2"), "/webhooks/2");
  EXPECT_EQ(redact_route("/channels/1/messages"), "/channels/1/messages");
  EXPECT_EQ(redact_route("a /webhooks/1/x and /webhooks/2/y"), "a /webhooks/1/*** and /webhooks/2/***");
}

TEST(discord_rest_options, a_bad_api_url_is_refused) {
  rest_options o;
  o.api_url = "ftp://discord.com/api/v10";
  EXPECT_THROW(discord_rest(sdk::host(), o), std::invalid_argument);
}

TEST_F(discord_rest_test, posts_a_message_with_the_bot_token) {
  const rest_reply reply = rest().send("POST", message_route, hello, discord_rest::auth::bot, in(10s));
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.json()["channel_id"], channel_1);
  EXPECT_EQ(reply.json()["content"], "hello");
  EXPECT_EQ(messages(channel_1).size(), 1u);
  EXPECT_EQ(services_.metric("tb_discord_rest_requests_total"), 1.0);
}

TEST_F(discord_rest_test, client_errors_come_back_as_replies) {
  const rest_reply unknown =
      rest().send("POST", "/channels/999/messages", hello, discord_rest::auth::bot, in(10s));
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(error_of(unknown.body).code, 10003);

  const rest_reply no_auth = rest().send("POST", message_route, hello, discord_rest::auth::none, in(10s));
  EXPECT_EQ(no_auth.status, 401u);
}

TEST_F(discord_rest_test, route_429s_are_waited_out_and_counted) {
  fake().faults.rate_limit_next(2, 0.05, false);
  const rest_reply reply = rest().send("POST", message_route, hello, discord_rest::auth::bot, in(10s));
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.rate_limited, 2u);
  EXPECT_EQ(reply.attempts, 3u);
  EXPECT_EQ(services_.metric("tb_discord_rest_rate_limited_total", "scope=route"), 2.0);
  EXPECT_EQ(messages(channel_1).size(), 1u);
}

TEST_F(discord_rest_test, a_global_429_is_waited_out) {
  fake().faults.rate_limit_next(1, 0.05, true);
  const rest_reply reply = rest().send("POST", message_route, hello, discord_rest::auth::bot, in(10s));
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(services_.metric("tb_discord_rest_rate_limited_total", "scope=global"), 1.0);
}

TEST_F(discord_rest_test, server_errors_are_retried) {
  fake().faults.fail_next(2, 502);
  const rest_reply reply = rest().send("POST", message_route, hello, discord_rest::auth::bot, in(10s));
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.attempts, 3u);
  EXPECT_EQ(services_.metric("tb_discord_rest_failures_total"), 2.0);
}

TEST_F(discord_rest_test, the_deadline_ends_the_retries) {
  fake().faults.fail_next(1000, 500);
  try {
    rest().send("POST", message_route, hello, discord_rest::auth::bot, in(300ms));
    FAIL() << "expected rest_failure";
  } catch (const rest_failure& failure) {
    EXPECT_EQ(failure.status(), 500u);
    EXPECT_TRUE(failure.retryable());
  }
}

TEST_F(discord_rest_test, a_timeout_after_sending_may_have_arrived) {
  fake().faults.set_delay_ms(1500);
  rest_options o = rest_settings();
  o.request_timeout = 200ms;
  discord_rest slow(services_.host(), o);
  try {
    slow.send("POST", message_route, hello, discord_rest::auth::bot, in(10s));
    FAIL() << "expected rest_failure";
  } catch (const rest_failure& failure) {
    EXPECT_TRUE(failure.may_have_arrived());
    EXPECT_EQ(failure.status(), 0u);
  }
  fake().faults.set_delay_ms(0);
}

TEST_F(discord_rest_test, a_stop_request_ends_a_wait) {
  fake().faults.rate_limit_next(1, 30, false);
  std::stop_source stop;
  std::thread stopper([&] {
    services_.wait_until([&] { return count_requests(429) > 0; }, 5000ms);
    stop.request_stop();
  });
  EXPECT_THROW(rest().send("POST", message_route, hello, discord_rest::auth::bot, in(60s), stop.get_token()),
               rest_failure);
  stopper.join();
}

TEST_F(discord_rest_test, webhook_tokens_never_reach_logs_or_errors) {
  const std::string route = "/webhooks/" + webhook_id + "/" + webhook_token + "?wait=true";
  fake().faults.fail_next(1, 500);
  fake().faults.rate_limit_next(1, 0.02, false);
  const rest_reply reply = rest().send("POST", route, hello, discord_rest::auth::none, in(10s));
  EXPECT_EQ(reply.status, 200u);
  fake().faults.fail_next(1000, 503);
  try {
    rest().send("POST", route, hello, discord_rest::auth::none, in(200ms));
  } catch (const rest_failure& failure) {
    EXPECT_EQ(std::string(failure.what()).find(webhook_token), std::string::npos) << failure.what();
    EXPECT_NE(std::string(failure.what()).find("/webhooks/" + webhook_id + "/***"), std::string::npos);
  }
  EXPECT_GT(services_.logs().size(), 0u);
  EXPECT_FALSE(services_.logged(webhook_token));
  EXPECT_FALSE(services_.logged(bot_token));
}

}  // namespace
}  // namespace tb::discord::testing
