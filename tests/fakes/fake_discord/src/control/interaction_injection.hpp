#pragma once
// Builds the INTERACTION_CREATE payload for POST /_control/interactions: a slash command
// invocation of a registered command, with `member` in a guild or `user` in a DM, and option
// values typed per the command's registered schema.
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "server/server_options.hpp"

namespace tb::fake_discord {

struct injected_interaction {
  std::string id;
  std::string token;
  std::string user_id;
  std::string channel_id;
  std::string guild_id;  // empty: a DM
  nlohmann::json payload;  // the dispatch's `d`
};

// `request` is the control body; `command` the registered command. On a bad request, the error
// text (unknown or missing option, wrongly typed value).
std::variant<injected_interaction, std::string> build_interaction(const server_options& options,
                                                                  const nlohmann::json& request,
                                                                  const nlohmann::json& command,
                                                                  const std::string& id, const std::string& token);

}  // namespace tb::fake_discord
