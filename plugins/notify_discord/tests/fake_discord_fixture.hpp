// The in-process fake Discord on 127.0.0.1 (port 0), a recording host and a discord_rest bound
// to them, for the delivery tests. Faults are armed in-process through the fake's context.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "rest/discord_rest.hpp"
#include "server/fake_context.hpp"
#include "server/fake_server.hpp"
#include "test_host.hpp"

namespace tb::discord::testing {

inline const std::string channel_1 = "100000000000000001";
inline const std::string channel_2 = "100000000000000002";
inline const std::string webhook_id = "200000000000000001";
inline const std::string webhook_token = "fake-webhook-token";
inline const std::string bot_token = "fake-bot-token";

class fake_discord_test : public ::testing::Test {
 protected:
  // Quick windows so rate-limited runs stay short: 5 messages per 200 ms per channel/webhook.
  static fake_discord::server_options quick_limits() {
    fake_discord::server_options o;
    o.message_limit = 5;
    o.message_window_ms = 200;
    o.webhook_limit = 5;
    o.webhook_window_ms = 200;
    return o;
  }

  void SetUp() override { start_fake(quick_limits()); }

  void start_fake(const fake_discord::server_options& options) {
    rest_.reset();
    server_ = std::make_unique<fake_discord::fake_server>(options);
  }

  rest_options rest_settings() const {
    rest_options o;
    o.api_url = "http://127.0.0.1:" + std::to_string(server_->port()) + "/api/v10";
    o.token = bot_token;
    o.request_timeout = std::chrono::milliseconds(5000);
    o.retry = {std::chrono::milliseconds(20), std::chrono::milliseconds(200)};
    return o;
  }

  discord_rest& rest() {
    if (!rest_) rest_ = std::make_unique<discord_rest>(services_.host(), rest_settings());
    return *rest_;
  }

  fake_discord::fake_context& fake() { return server_->context(); }

  // Messages the fake recorded for a channel, in creation order.
  nlohmann::json messages(const std::string& channel) { return fake().messages.to_json(channel); }

  std::size_t count_requests(unsigned status, const std::string& method = "POST") {
    std::size_t n = 0;
    for (const auto& r : fake().requests.to_json()) {
      if (r["status"] == status && r["method"] == method) ++n;
    }
    return n;
  }

  static std::chrono::steady_clock::time_point in(std::chrono::milliseconds ms) {
    return std::chrono::steady_clock::now() + ms;
  }

  test_host services_;
  std::unique_ptr<fake_discord::fake_server> server_;
  std::unique_ptr<discord_rest> rest_;
};

}  // namespace tb::discord::testing
