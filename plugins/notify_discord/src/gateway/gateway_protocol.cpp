#include "gateway/gateway_protocol.hpp"

namespace tb::discord {

std::string fatal_close_reason(std::uint16_t code) {
  switch (code) {
    case 4004:
      return "the bot token was refused (close 4004, authentication failed): set a valid bot "
             "token";
    case 4010:
      return "the gateway refused the shard (close 4010, invalid shard)";
    case 4011:
      return "the gateway requires sharding (close 4011): the bot is in too many guilds";
    case 4012:
      return "the gateway refused API version 10 (close 4012, invalid API version)";
    case 4013:
      return "the configured intents are invalid (close 4013, invalid intents)";
    case 4014:
      return "privileged intents are not enabled in the developer portal (close 4014, "
             "disallowed intents): enable them or remove them from the configured intents";
    default:
      return {};
  }
}

bool close_needs_new_session(std::uint16_t code) {
  return code == 1000 || code == 4003 || code == 4005 || code == 4007 || code == 4009;
}

std::string gateway_connect_url(const std::string& base) {
  std::string url = base;
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::size_t scheme = url.find("://");
  const bool has_path =
      url.find('/', scheme == std::string::npos ? 0 : scheme + 3) != std::string::npos;
  return url + (has_path ? "" : "/") + "?v=10&encoding=json";
}

nlohmann::json identify_payload(const std::string& token, std::uint32_t intents,
                                const identify_properties& properties) {
  return {{"op", op_identify},
          {"d",
           {{"token", token},
            {"intents", intents},
            {"properties",
             {{"os", properties.os},
              {"browser", properties.browser},
              {"device", properties.device}}}}}};
}

nlohmann::json resume_payload(const std::string& token, const std::string& session_id,
                              std::int64_t seq) {
  return {{"op", op_resume}, {"d", {{"token", token}, {"session_id", session_id}, {"seq", seq}}}};
}

nlohmann::json heartbeat_payload(std::optional<std::int64_t> last_seq) {
  nlohmann::json payload{{"op", op_heartbeat}, {"d", nullptr}};
  if (last_seq) payload["d"] = *last_seq;
  return payload;
}

}  // namespace tb::discord
