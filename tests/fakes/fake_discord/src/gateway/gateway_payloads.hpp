#pragma once
// Gateway payload builders and the protocol constants the fake enforces (opcodes, intents,
// close codes).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "server/server_options.hpp"

namespace tb::fake_discord {

namespace gateway_op {
inline constexpr int dispatch = 0;
inline constexpr int heartbeat = 1;
inline constexpr int identify = 2;
inline constexpr int presence_update = 3;
inline constexpr int voice_state_update = 4;
inline constexpr int resume = 6;
inline constexpr int reconnect = 7;
inline constexpr int request_guild_members = 8;
inline constexpr int invalid_session = 9;
inline constexpr int hello = 10;
inline constexpr int heartbeat_ack = 11;
inline constexpr int request_soundboard_sounds = 31;
inline constexpr int request_channel_info = 43;
}  // namespace gateway_op

namespace close_code {
inline constexpr int unknown_error = 4000;
inline constexpr int unknown_opcode = 4001;
inline constexpr int decode_error = 4002;
inline constexpr int not_authenticated = 4003;
inline constexpr int authentication_failed = 4004;
inline constexpr int already_authenticated = 4005;
inline constexpr int invalid_seq = 4007;
inline constexpr int rate_limited = 4008;
inline constexpr int session_timed_out = 4009;
inline constexpr int invalid_shard = 4010;
inline constexpr int invalid_api_version = 4012;
inline constexpr int invalid_intents = 4013;
inline constexpr int disallowed_intents = 4014;
}  // namespace close_code

// Every defined intent bit (0-16, 20, 21, 24, 25) and the privileged ones.
inline constexpr std::uint64_t known_intents = 0x1FFFFULL | (1ULL << 20) | (1ULL << 21) | (1ULL << 24) | (1ULL << 25);
inline constexpr std::uint64_t privileged_intents = (1ULL << 1) | (1ULL << 8) | (1ULL << 15);
inline constexpr std::uint64_t guilds_intent = 1;

inline constexpr std::size_t max_client_payload = 4096;

// Closing with these codes (from the server) ends the session: the client must identify again.
bool server_close_ends_session(int code);

std::string hello_payload(std::int64_t heartbeat_interval_ms);
std::string heartbeat_ack_payload();
std::string reconnect_payload();
std::string invalid_session_payload(bool resumable);
nlohmann::json bot_user(const server_options& o);
nlohmann::json ready_data(const server_options& o, std::uint16_t port, const std::string& session_id);
nlohmann::json guild_create_data(const server_options& o, const std::string& guild_id);
std::string gateway_url(std::uint16_t port);
std::string resume_gateway_url(std::uint16_t port);

}  // namespace tb::fake_discord
