#include "gateway/gateway_payloads.hpp"

#include "util/time_format.hpp"

namespace tb::fake_discord {

using nlohmann::json;

namespace {
json envelope(int op, json d) { return {{"op", op}, {"d", std::move(d)}, {"s", nullptr}, {"t", nullptr}}; }
}  // namespace

bool server_close_ends_session(int code) {
  switch (code) {
    case close_code::not_authenticated:
    case close_code::authentication_failed:
    case close_code::already_authenticated:
    case close_code::invalid_seq:
    case close_code::session_timed_out:
    case close_code::invalid_shard:
    case 4011:
    case close_code::invalid_api_version:
    case close_code::invalid_intents:
    case close_code::disallowed_intents:
      return true;
    default:
      return false;
  }
}

std::string hello_payload(std::int64_t heartbeat_interval_ms) {
  return envelope(gateway_op::hello, {{"heartbeat_interval", heartbeat_interval_ms}, {"_trace", {"fake-discord"}}}).dump();
}

std::string heartbeat_ack_payload() { return envelope(gateway_op::heartbeat_ack, nullptr).dump(); }
std::string reconnect_payload() { return envelope(gateway_op::reconnect, nullptr).dump(); }
std::string invalid_session_payload(bool resumable) { return envelope(gateway_op::invalid_session, resumable).dump(); }

json bot_user(const server_options& o) {
  return {{"id", o.application_id}, {"username", o.bot_username}, {"discriminator", "0"}, {"bot", true},
          {"avatar", nullptr},      {"global_name", nullptr},     {"verified", true},      {"flags", 0}};
}

std::string gateway_url(std::uint16_t port) { return "ws://127.0.0.1:" + std::to_string(port); }

// A different path from gateway_url, so a test can prove the client resumes where READY said.
std::string resume_gateway_url(std::uint16_t port) { return gateway_url(port) + "/resume"; }

json ready_data(const server_options& o, std::uint16_t port, const std::string& session_id) {
  auto guilds = json::array();
  for (const auto& g : o.guilds) guilds.push_back({{"id", g}, {"unavailable", true}});
  return {{"v", 10},
          {"user_settings", json::object()},
          {"user", bot_user(o)},
          {"guilds", guilds},
          {"session_id", session_id},
          {"session_type", "normal"},
          {"resume_gateway_url", resume_gateway_url(port)},
          {"shard", {0, 1}},
          {"application", {{"id", o.application_id}, {"flags", 0}}},
          {"private_channels", json::array()},
          {"presences", json::array()},
          {"relationships", json::array()},
          {"_trace", {"fake-discord"}}};
}

json guild_create_data(const server_options& o, const std::string& guild_id) {
  auto channels = json::array();
  int n = 0;
  for (const auto& c : o.channels)
    channels.push_back({{"id", c}, {"type", 0}, {"name", "channel-" + std::to_string(++n)}, {"guild_id", guild_id}});
  return {{"id", guild_id},
          {"name", "Fake Guild"},
          {"unavailable", false},
          {"owner_id", "1"},
          {"member_count", 2},
          {"joined_at", iso8601(wall_ms())},
          {"large", false},
          {"channels", channels},
          {"threads", json::array()},
          {"roles", json::array()},
          {"members", json::array()},
          {"voice_states", json::array()},
          {"presences", json::array()}};
}

}  // namespace tb::fake_discord
