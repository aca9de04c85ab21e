#include "rest/rate_limits.hpp"

#include <gtest/gtest.h>

namespace tb::discord {
namespace {

using namespace std::chrono_literals;
using clock = rate_limits::clock;

const clock::time_point t0 = clock::time_point{} + 1h;

rate_limit_info bucket_info(std::string hash, std::int64_t remaining, double reset_after,
                            std::int64_t limit = 5) {
  rate_limit_info info;
  info.bucket = std::move(hash);
  info.limit = limit;
  info.remaining = remaining;
  info.reset_after_s = reset_after;
  return info;
}

rate_limits::options no_margin(double per_second = 50) {
  rate_limits::options o;
  o.global_per_second = per_second;
  o.reset_margin = 0ms;
  return o;
}

TEST(rate_limits, route_keys_keep_the_major_parameter_and_hide_other_ids) {
  EXPECT_EQ(route_key("POST", "/channels/123/messages"), "POST /channels/123/messages");
  EXPECT_EQ(route_key("PATCH", "/channels/123/messages/456"), "PATCH /channels/123/messages/:id");
  EXPECT_EQ(route_key("GET", "/guilds/9/members/77?limit=5"), "GET /guilds/9/members/:id");
  EXPECT_EQ(route_key("POST", "/webhooks/2/tok?wait=true"), "POST /webhooks/2/tok");
  EXPECT_EQ(route_key("PATCH", "/webhooks/2/tok/messages/5"), "PATCH /webhooks/2/tok/messages/:id");
  EXPECT_EQ(route_key("PUT", "/applications/1300/guilds/300/commands"),
            "PUT /applications/:id/guilds/:id/commands");
  EXPECT_EQ(route_key("GET", "/gateway/bot"), "GET /gateway/bot");
}

TEST(rate_limits, interaction_routes_are_recognised) {
  EXPECT_TRUE(is_interaction_route("/interactions/1/tok/callback"));
  EXPECT_TRUE(is_interaction_route("/webhooks/1300/sometoken/messages/@original", "1300"));
  EXPECT_TRUE(is_interaction_route("/webhooks/1300/aW50ZXJhY3Rpb246abc"));
  EXPECT_FALSE(is_interaction_route("/webhooks/2/webhook-token?wait=true", "1300"));
  EXPECT_FALSE(is_interaction_route("/channels/1/messages"));
}

TEST(rate_limits, an_unknown_route_may_go_at_once) {
  rate_limits limits(no_margin());
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), clock::duration::zero());
  EXPECT_EQ(limits.reserve("POST", "/channels/1/messages", t0), clock::duration::zero());
}

TEST(rate_limits, an_empty_bucket_waits_for_its_reset) {
  rate_limits limits(no_margin());
  limits.on_response("POST", "/channels/1/messages", t0, 200, bucket_info("h1", 0, 1.5));
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 1500ms);
  EXPECT_EQ(limits.reserve("POST", "/channels/1/messages", t0 + 1s), 500ms);
  EXPECT_EQ(limits.reserve("POST", "/channels/1/messages", t0 + 1500ms), clock::duration::zero());
  // Other channels have their own quota.
  EXPECT_EQ(limits.wait_before("POST", "/channels/2/messages", t0), clock::duration::zero());
}

TEST(rate_limits, the_reset_margin_is_added) {
  rate_limits::options o = no_margin();
  o.reset_margin = 50ms;
  rate_limits limits(o);
  limits.on_response("POST", "/channels/1/messages", t0, 200, bucket_info("h1", 0, 1.0));
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 1050ms);
}

TEST(rate_limits, reservations_count_down_the_known_remaining) {
  rate_limits limits(no_margin());
  const char* route = "/channels/1/messages";
  limits.on_response("POST", route, t0, 200, bucket_info("h1", 2, 1.0));
  EXPECT_EQ(limits.reserve("POST", route, t0), clock::duration::zero());
  EXPECT_EQ(limits.reserve("POST", route, t0), clock::duration::zero());
  EXPECT_EQ(limits.reserve("POST", route, t0), 1s);
  // After the reset the bucket is full again (its limit).
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limits.reserve("POST", route, t0 + 1s), clock::duration::zero());
  EXPECT_GT(limits.reserve("POST", route, t0 + 1s), clock::duration::zero());
}

TEST(rate_limits, routes_sharing_a_bucket_hash_share_the_quota_per_major_parameter) {
  rate_limits limits(no_margin());
  limits.on_response("POST", "/channels/1/messages", t0, 200, bucket_info("shared", 3, 1.0));
  limits.on_response("PATCH", "/channels/1/messages/9", t0, 200, bucket_info("shared", 0, 2.0));
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 2s);
  EXPECT_EQ(limits.wait_before("POST", "/channels/2/messages", t0), clock::duration::zero());
}

TEST(rate_limits, the_global_gate_allows_so_many_in_any_second) {
  rate_limits limits(no_margin(5));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(limits.reserve("POST", "/channels/" + std::to_string(i) + "/messages", t0),
              clock::duration::zero());
  }
  EXPECT_EQ(limits.reserve("GET", "/gateway/bot", t0 + 600ms), clock::duration::zero());
  EXPECT_EQ(limits.reserve("GET", "/gateway/bot", t0 + 700ms), 300ms);
  EXPECT_EQ(limits.reserve("GET", "/gateway/bot", t0 + 1s), clock::duration::zero());
  // The first four have left the window; the sends at 600 ms and 1 s have not.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limits.reserve("GET", "/gateway/bot", t0 + 1001ms), clock::duration::zero());
  }
  EXPECT_EQ(limits.wait_before("GET", "/gateway/bot", t0 + 1001ms), 599ms);
}

TEST(rate_limits, interactions_bypass_the_global_gate_and_lock) {
  rate_limits::options o = no_margin(2);
  o.application_id = "1300";
  rate_limits limits(o);
  limits.reserve("GET", "/a", t0);
  limits.reserve("GET", "/a", t0);
  EXPECT_GT(limits.wait_before("GET", "/a", t0), clock::duration::zero());
  EXPECT_EQ(limits.reserve("POST", "/interactions/5/tok/callback", t0), clock::duration::zero());
  EXPECT_EQ(limits.reserve("POST", "/webhooks/1300/tok", t0), clock::duration::zero());

  rate_limit_info global;
  global.global = true;
  global.retry_after_s = 3;
  limits.on_response("GET", "/a", t0, 429, global);
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 3s);
  EXPECT_EQ(limits.wait_before("POST", "/interactions/5/tok/callback", t0), clock::duration::zero());
}

TEST(rate_limits, a_global_429_locks_every_route) {
  rate_limits limits(no_margin());
  rate_limit_info info;
  info.global = true;
  info.retry_after_s = 2.5;
  EXPECT_EQ(limits.on_response("POST", "/channels/1/messages", t0, 429, info), 2500ms);
  EXPECT_EQ(limits.global_locked_until(), t0 + 2500ms);
  EXPECT_EQ(limits.wait_before("POST", "/channels/2/messages", t0 + 500ms), 2s);
  EXPECT_EQ(limits.wait_before("GET", "/gateway/bot", t0 + 2500ms), clock::duration::zero());
}

TEST(rate_limits, a_route_429_holds_only_that_bucket) {
  rate_limits limits(no_margin());
  rate_limit_info info = bucket_info("h1", 0, 0.8);
  info.retry_after_s = 0.8;
  info.scope = "user";
  EXPECT_EQ(limits.on_response("POST", "/channels/1/messages", t0, 429, info), 800ms);
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 800ms);
  EXPECT_EQ(limits.wait_before("POST", "/channels/2/messages", t0), clock::duration::zero());
}

TEST(rate_limits, a_429_without_headers_still_holds_the_route) {
  rate_limits limits(no_margin());
  rate_limit_info info;
  info.retry_after_s = 1;
  limits.on_response("POST", "/channels/1/messages", t0, 429, info);
  EXPECT_EQ(limits.wait_before("POST", "/channels/1/messages", t0), 1s);
  EXPECT_EQ(limits.reserve("POST", "/channels/1/messages", t0 + 1s), clock::duration::zero());
}

TEST(rate_limits, headers_and_the_429_body_are_parsed) {
  net::http_response response;
  response.status = 429;
  response.headers = {{"x-ratelimit-bucket", "abcd"}, {"X-RateLimit-Limit", "5"},
                      {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset-After", "0.25"},
                      {"Retry-After", "1"}, {"X-RateLimit-Scope", "user"}};
  response.body = R"({"message":"You are being rate limited.","retry_after":0.75,"global":false})";
  rate_limit_info info = parse_rate_limit(response);
  EXPECT_EQ(info.bucket, "abcd");
  EXPECT_EQ(info.limit, 5);
  EXPECT_EQ(info.remaining, 0);
  EXPECT_DOUBLE_EQ(*info.reset_after_s, 0.25);
  EXPECT_DOUBLE_EQ(*info.retry_after_s, 0.75);
  EXPECT_FALSE(info.global);
  EXPECT_EQ(info.scope, "user");

  response.headers = {{"Retry-After", "2"}, {"X-RateLimit-Global", "true"}};
  response.body = "not json";
  info = parse_rate_limit(response);
  EXPECT_TRUE(info.global);
  EXPECT_DOUBLE_EQ(*info.retry_after_s, 2.0);

  response.headers = {};
  response.body = R"({"retry_after":1.5,"global":true})";
  info = parse_rate_limit(response);
  EXPECT_TRUE(info.global);
  EXPECT_DOUBLE_EQ(*info.retry_after_s, 1.5);
}

}  // namespace
}  // namespace tb::discord
