// The gateway's vocabulary, apart from the state machine that uses it: opcodes, what each close
// code means for us (discord.md §5.6, our policy column), the connect URL and the payloads we
// send.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::discord {

enum gateway_opcode : int {
  op_dispatch = 0,
  op_heartbeat = 1,
  op_identify = 2,
  op_presence_update = 3,
  op_resume = 6,
  op_reconnect = 7,
  op_invalid_session = 9,
  op_hello = 10,
  op_heartbeat_ack = 11,
};

// Our own close code for "reconnect and resume": not 1000/1001, so the session survives.
inline constexpr std::uint16_t close_resume = 4200;
// A deliberate shutdown: the server ends the session.
inline constexpr std::uint16_t close_normal = 1000;
// The gateway closes on anything larger (4002).
inline constexpr std::size_t max_payload_bytes = 4096;

// A human reason for a fatal close code (4004, 4010-4014), or empty when `code` is not fatal.
std::string fatal_close_reason(std::uint16_t code);
// 4003, 4005, 4007, 4009 and 1000: the session is gone, identify again.
bool close_needs_new_session(std::uint16_t code);

// The URL to open: "wss://host" -> "wss://host/?v=10&encoding=json", "ws://host/resume" ->
// "ws://host/resume?v=10&encoding=json".
std::string gateway_connect_url(const std::string& base);

struct identify_properties {
  std::string os = "linux";
  std::string browser = "tradingbot";
  std::string device = "tradingbot";
};

// op 2: token without "Bot ", intents and properties (the required fields only).
nlohmann::json identify_payload(const std::string& token, std::uint32_t intents,
                                const identify_properties& properties);
// op 6.
nlohmann::json resume_payload(const std::string& token, const std::string& session_id,
                              std::int64_t seq);
// op 1 with `d` = the last sequence number, or null before any.
nlohmann::json heartbeat_payload(std::optional<std::int64_t> last_seq);

}  // namespace tb::discord
