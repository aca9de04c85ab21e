// The slash commands the plugin registers on start, and the interactions that invoke them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::discord {

// The body of PUT /applications/{app}/commands (or .../guilds/{guild}/commands): /status,
// /stats, /positions, /pause and /resume, none with options.
nlohmann::json command_definitions();

// Commands that change the bot's state, allowed only to the configured users and roles.
bool changes_state(const std::string& command) noexcept;

// One APPLICATION_COMMAND interaction, as the gateway delivered it.
struct interaction {
  std::string id, token, application_id;
  std::string command;    // data.name
  std::string user_id;    // member.user.id in a guild, user.id in a DM
  std::string user_name;  // for the log
  std::vector<std::string> role_ids;  // the member's roles; none in a DM
  std::string guild_id, channel_id;
};

// The interaction in an INTERACTION_CREATE payload `d`; nullopt for another type (component,
// autocomplete, ...) or when an id or the token is missing.
std::optional<interaction> parse_interaction(const nlohmann::json& d);

// May this user run `command`? Reports anyone may read; state changes need an allowed user id
// or role.
bool allowed(const interaction& call, const std::vector<std::string>& user_ids,
             const std::vector<std::string>& role_ids);

}  // namespace tb::discord
