#include "state/command_registry.hpp"

namespace tb::fake_discord {

using nlohmann::json;

command_registry::command_registry(std::string application_id, snowflake_generator& ids)
    : application_id_(std::move(application_id)), ids_(ids) {}

json command_registry::overwrite(const std::string& guild_id, const json& commands) {
  std::lock_guard lock(mutex_);
  const json previous = scopes_.count(guild_id) != 0 ? scopes_[guild_id] : json::array();
  auto stored = json::array();
  for (const auto& in : commands) {
    json c = in;
    const int type = in.contains("type") && in["type"].is_number_integer() ? in["type"].get<int>() : 1;
    c["type"] = type;
    std::string id;
    for (const auto& old : previous)
      if (old["type"] == type && old["name"] == in["name"]) id = old["id"].get<std::string>();
    c["id"] = id.empty() ? ids_.next() : id;
    c["application_id"] = application_id_;
    c["version"] = ids_.next();
    if (!c.contains("description") || c["description"].is_null()) c["description"] = "";
    if (!c.contains("default_member_permissions")) c["default_member_permissions"] = nullptr;
    if (!c.contains("nsfw")) c["nsfw"] = false;
    if (!c.contains("integration_types")) c["integration_types"] = json::array({0});
    if (!c.contains("contexts")) c["contexts"] = nullptr;
    if (guild_id.empty()) c.erase("guild_id");
    else c["guild_id"] = guild_id;
    stored.push_back(std::move(c));
  }
  scopes_[guild_id] = stored;
  return stored;
}

json command_registry::list(const std::string& guild_id) const {
  std::lock_guard lock(mutex_);
  const auto it = scopes_.find(guild_id);
  return it == scopes_.end() ? json::array() : it->second;
}

std::optional<json> command_registry::find(const std::string& name, const std::string& guild_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& scope : {guild_id, std::string{}}) {
    if (!guild_id.empty() || scope.empty()) {
      const auto it = scopes_.find(scope);
      if (it == scopes_.end()) continue;
      for (const auto& c : it->second)
        if (c["name"] == name && c["type"] == 1) return c;
    }
  }
  return std::nullopt;
}

json command_registry::to_json() const {
  std::lock_guard lock(mutex_);
  json out{{"global", json::array()}, {"guilds", json::object()}};
  for (const auto& [scope, commands] : scopes_) {
    if (scope.empty()) out["global"] = commands;
    else out["guilds"][scope] = commands;
  }
  return out;
}

}  // namespace tb::fake_discord
