#pragma once
// Registered application commands, global and per guild, as replaced by bulk-overwrite PUTs.
// Thread-safe.
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "util/snowflake.hpp"

namespace tb::fake_discord {

class command_registry {
 public:
  command_registry(std::string application_id, snowflake_generator& ids);

  // Replaces the set of one scope ("" = global) with a validated array; returns the stored
  // commands. A command keeping its (type, name) keeps its id, as on Discord.
  nlohmann::json overwrite(const std::string& guild_id, const nlohmann::json& commands);
  nlohmann::json list(const std::string& guild_id) const;
  // The command named `name` visible in `guild_id` (guild commands first, then global).
  std::optional<nlohmann::json> find(const std::string& name, const std::string& guild_id) const;
  // {"global":[...],"guilds":{"<id>":[...]}}
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::string application_id_;
  snowflake_generator& ids_;
  std::map<std::string, nlohmann::json> scopes_;  // "" = global
};

}  // namespace tb::fake_discord
