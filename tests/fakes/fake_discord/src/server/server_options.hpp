#pragma once
// Everything `fake-discord` can be started with; every field has a command-line flag.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fake_common/parse_result.hpp"

namespace tb::fake_discord {

struct webhook_config {
  std::string id;
  std::string token;
  std::string channel_id;
};

struct server_options {
  std::uint16_t port = 0;  // 0: the OS picks
  int threads = 2;
  std::string token = "fake-bot-token";
  std::string application_id = "1300000000000000001";  // also the bot user's id
  std::string bot_username = "fake-bot";

  // Known resources. Channels listed here accept messages; the rest answer 10003.
  std::vector<std::string> channels{"100000000000000001", "100000000000000002"};
  std::vector<webhook_config> webhooks{{"200000000000000001", "fake-webhook-token", "100000000000000001"}};
  std::vector<std::string> guilds{"300000000000000001"};  // listed (unavailable) in READY

  // Interactions.
  std::int64_t interaction_window_ms = 3000;  // initial callback deadline
  std::int64_t followup_window_ms = 900'000;  // interaction token lifetime

  // REST rate limits.
  std::int64_t global_limit = 50;  // requests per second per token (or per peer without one)
  std::int64_t message_limit = 5;  // POST /channels/{id}/messages per channel
  std::int64_t message_window_ms = 5000;
  std::int64_t webhook_limit = 5;  // POST /webhooks/{id}/{token} per webhook
  std::int64_t webhook_window_ms = 2000;
  std::int64_t route_limit = 50;  // every other route, per top-level id
  std::int64_t route_window_ms = 1000;

  // Gateway.
  std::int64_t heartbeat_interval_ms = 41250;
  double heartbeat_slack = 1.5;  // no heartbeat within interval x slack -> close
  int heartbeat_timeout_close_code = 4000;  // resumable; 4009 would force a new session
  std::int64_t resume_window_ms = 60'000;  // a detached session stays resumable this long
  std::int64_t session_start_total = 1000;
  std::int64_t max_concurrency = 1;  // identifies per 5 s
  std::uint64_t enabled_privileged_intents = 0;
  int gateway_send_limit = 120;  // client payloads per window per connection -> 4008
  std::int64_t gateway_send_window_ms = 60'000;
  std::size_t replay_buffer = 1000;  // dispatches kept per session for RESUME
};

using parse_result = fake_common::parse_result<server_options>;

parse_result parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace tb::fake_discord
