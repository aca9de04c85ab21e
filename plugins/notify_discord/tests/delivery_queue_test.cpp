#include "delivery/delivery_queue.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "fake_discord_fixture.hpp"
#include "format/embeds.hpp"

namespace tb::discord::testing {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

class delivery_queue_test : public fake_discord_test {
 protected:
  static delivery_options quick() {
    delivery_options o;
    o.retry = {20ms, 200ms};
    o.request_timeout = 5000ms;
    o.fatal_pause = 50ms;
    o.fatal_pause_cap = 100ms;
    return o;
  }
  static delivery_target channel(const std::string& id) { return {id, "", "", "test"}; }

  static json note(int i) {
    const std::string title = "note " + std::to_string(i);
    sdk::notification n;
    n.kind = sdk::note_kind::message;
    n.title = title;
    n.key = "k";
    n.time_ms = 1'700'000'000'000 + i;
    return message_for(n, "");
  }

  // The embed titles the fake recorded for a channel, in order.
  std::vector<std::string> titles(const std::string& channel_id) {
    std::vector<std::string> out;
    for (const json& m : messages(channel_id)) out.push_back(m["embeds"][0]["title"]);
    return out;
  }

  static std::vector<std::string> expected_titles(int from, int to) {
    std::vector<std::string> out;
    for (int i = from; i < to; ++i) out.push_back("note " + std::to_string(i));
    return out;
  }
};

TEST_F(delivery_queue_test, two_hundred_notifications_arrive_in_order_without_a_429) {
  delivery_queue queue(services_.host(), rest(), channel(channel_1), quick());
  queue.start();
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(queue.push(note(i)));
  ASSERT_TRUE(queue.flush(in(120s)));

  EXPECT_EQ(titles(channel_1), expected_titles(0, 200));
  EXPECT_EQ(count_requests(429), 0u);
  std::set<std::string> nonces;
  for (const json& m : messages(channel_1)) {
    ASSERT_TRUE(m["nonce"].is_string());
    EXPECT_LE(m["nonce"].get<std::string>().size(), 25u);
    nonces.insert(m["nonce"].get<std::string>());
  }
  EXPECT_EQ(nonces.size(), 200u);
  const delivery_stats stats = queue.stats();
  EXPECT_EQ(stats.delivered, 200u);
  EXPECT_EQ(stats.queued, 0u);
  EXPECT_EQ(stats.rate_limited, 0u);
  EXPECT_EQ(stats.failed_permanently, 0u);
  ASSERT_TRUE(services_.health("delivery").has_value());
  EXPECT_EQ(services_.health("delivery")->state, sdk::health_state::healthy);
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, recovers_from_429s_and_server_errors_exactly_once_in_order) {
  delivery_queue queue(services_.host(), rest(), channel(channel_1), quick());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(queue.push(note(i)));
  fake().faults.rate_limit_next(3, 0.05, false);
  queue.start();
  ASSERT_TRUE(queue.flush(in(60s)));
  fake().faults.rate_limit_next(2, 0.05, true);
  for (int i = 10; i < 20; ++i) ASSERT_TRUE(queue.push(note(i)));
  ASSERT_TRUE(queue.flush(in(60s)));
  fake().faults.fail_next(3, 500);
  for (int i = 20; i < 30; ++i) ASSERT_TRUE(queue.push(note(i)));
  ASSERT_TRUE(queue.flush(in(60s)));

  EXPECT_EQ(titles(channel_1), expected_titles(0, 30));
  const delivery_stats stats = queue.stats();
  EXPECT_EQ(stats.delivered, 30u);
  EXPECT_EQ(stats.rate_limited, 5u);
  EXPECT_GE(stats.retries, 8u);
  EXPECT_EQ(count_requests(429), 5u);
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, a_timeout_after_sending_is_retried_with_the_same_nonce) {
  rest_options o = rest_settings();
  o.request_timeout = 300ms;
  discord_rest short_rest(services_.host(), o);
  delivery_options options = quick();
  options.request_timeout = 300ms;
  delivery_queue queue(services_.host(), short_rest, channel(channel_1), options);

  fake().faults.set_delay_ms(2000);
  queue.start();
  ASSERT_TRUE(queue.push(note(0)));
  // The fake stores the message before its answer is held back past the timeout.
  ASSERT_TRUE(services_.wait_until([&] { return messages(channel_1).size() == 1; }, 10000ms));
  ASSERT_TRUE(services_.wait_until([&] { return queue.stats().retries >= 1; }, 10000ms));
  fake().faults.set_delay_ms(0);
  ASSERT_TRUE(queue.push(note(1)));
  ASSERT_TRUE(queue.flush(in(30s)));

  EXPECT_EQ(titles(channel_1), expected_titles(0, 2));
  EXPECT_GE(count_requests(200), 2u);
  EXPECT_EQ(queue.stats().delivered, 2u);
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, overflow_drops_new_messages_and_raises_one_alert_per_burst) {
  delivery_options options = quick();
  options.capacity = 5;
  delivery_queue queue(services_.host(), rest(), channel(channel_1), options);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(queue.push(note(i)));
  for (int i = 5; i < 9; ++i) EXPECT_FALSE(queue.push(note(i)));

  EXPECT_EQ(queue.stats().dropped_overflow, 4u);
  EXPECT_EQ(services_.alert_raises("delivery_overflow"), 1u);
  EXPECT_EQ(services_.last_raise("delivery_overflow")->level, sdk::severity::warning);
  EXPECT_TRUE(services_.alert_active("delivery_overflow"));
  EXPECT_EQ(services_.count_logs("holds 5 messages", sdk::log_level::warn), 1u);

  queue.start();
  ASSERT_TRUE(queue.flush(in(30s)));
  EXPECT_FALSE(services_.alert_active("delivery_overflow"));
  EXPECT_EQ(titles(channel_1), expected_titles(0, 5));
  EXPECT_EQ(services_.count_logs("4 message(s) were dropped"), 1u);
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, a_rejected_message_is_dropped_and_the_rest_go_through) {
  delivery_queue queue(services_.host(), rest(), channel(channel_1), quick());
  queue.start();
  ASSERT_TRUE(queue.push(note(0)));
  ASSERT_TRUE(queue.push(json{{"embeds", json::array({{{"title", std::string(300, 'x')}}})}}));
  ASSERT_TRUE(queue.push(note(1)));
  ASSERT_TRUE(queue.flush(in(30s)));

  EXPECT_EQ(titles(channel_1), expected_titles(0, 2));
  const delivery_stats stats = queue.stats();
  EXPECT_EQ(stats.delivered, 2u);
  EXPECT_EQ(stats.failed_permanently, 1u);
  EXPECT_EQ(services_.count_logs("50035", sdk::log_level::error), 1u);
  EXPECT_EQ(services_.count_logs(channel_1, sdk::log_level::error), 1u);
  const auto alert = services_.last_raise("delivery_failed");
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->level, sdk::severity::warning);
  // Resolved by the next delivery.
  EXPECT_TRUE(services_.wait_until([&] { return !services_.alert_active("delivery_failed"); }, 5000ms));
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, an_unknown_channel_is_critical_and_pauses_the_queue) {
  delivery_queue queue(services_.host(), rest(), channel("999"), quick());
  queue.start();
  ASSERT_TRUE(queue.push(note(0)));
  ASSERT_TRUE(queue.push(note(1)));
  ASSERT_TRUE(queue.flush(in(30s)));

  EXPECT_EQ(queue.stats().failed_permanently, 2u);
  EXPECT_EQ(queue.stats().delivered, 0u);
  ASSERT_TRUE(services_.last_raise("delivery_failed").has_value());
  EXPECT_EQ(services_.last_raise("delivery_failed")->level, sdk::severity::critical);
  EXPECT_TRUE(services_.alert_active("delivery_failed"));
  EXPECT_EQ(services_.count_logs("10003", sdk::log_level::error), 2u);
  ASSERT_TRUE(services_.health("delivery").has_value());
  EXPECT_EQ(services_.health("delivery")->state, sdk::health_state::degraded);
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, flush_honours_its_deadline) {
  delivery_queue queue(services_.host(), rest(), channel(channel_1), quick());
  EXPECT_TRUE(queue.flush(in(0ms)));  // nothing queued
  fake().faults.fail_next(1'000'000, 503);
  queue.start();
  ASSERT_TRUE(queue.push(note(0)));
  EXPECT_FALSE(queue.flush(in(200ms)));
  EXPECT_EQ(queue.stats().queued, 1u);
  fake().faults.fail_next(0, 503);
  EXPECT_TRUE(queue.flush(in(30s)));
  EXPECT_EQ(titles(channel_1), expected_titles(0, 1));
  queue.stop(in(5s));
}

TEST_F(delivery_queue_test, stop_gives_up_at_its_deadline_and_logs_what_is_left) {
  fake().faults.fail_next(1'000'000, 503);
  delivery_queue queue(services_.host(), rest(), channel(channel_1), quick());
  queue.start();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(queue.push(note(i)));
  queue.stop(in(200ms));
  EXPECT_EQ(queue.stats().queued, 3u);
  EXPECT_EQ(services_.count_logs("3 message(s) undelivered", sdk::log_level::warn), 1u);
  EXPECT_GE(services_.count_logs("answered HTTP 503", sdk::log_level::warn), 1u);
}

TEST_F(delivery_queue_test, webhook_mode_delivers_in_order_without_nonces_or_leaked_tokens) {
  delivery_queue queue(services_.host(), rest(), {"", webhook_id, webhook_token, "hook"}, quick());
  queue.start();
  fake().faults.fail_next(1, 500);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(queue.push(note(i)));
  ASSERT_TRUE(queue.flush(in(60s)));

  EXPECT_EQ(titles(channel_1), expected_titles(0, 20));
  for (const json& m : messages(channel_1)) {
    EXPECT_EQ(m["via"], "webhook");
    EXPECT_TRUE(m["nonce"].is_null());
  }
  EXPECT_EQ(count_requests(429), 0u);
  queue.stop(in(5s));
  EXPECT_FALSE(services_.logged(webhook_token));
  EXPECT_TRUE(services_.logged("webhook " + webhook_id));
}

TEST(delivery_target_check, a_target_needs_a_channel_or_a_webhook) {
  rest_options o;
  o.api_url = "http://127.0.0.1:1/api/v10";
  discord_rest rest(sdk::host(), o);
  EXPECT_THROW(delivery_queue(sdk::host(), rest, {"", "1", "", "x"}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace tb::discord::testing
