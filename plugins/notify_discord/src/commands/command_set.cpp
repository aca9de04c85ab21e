#include "commands/command_set.hpp"

#include <algorithm>

namespace tb::discord {
namespace {

using json = nlohmann::json;

json command(const char* name, const char* description) {
  // contexts: guild channels and the bot's DMs; no default_member_permissions, because the
  // plugin itself decides who may change the bot's state.
  return {{"name", name}, {"type", 1}, {"description", description}, {"contexts", {0, 1}}};
}

std::string text_at(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

json command_definitions() {
  return json::array({
      command("status", "The bot's status: mode, health, last scan, equity, positions"),
      command("stats", "Statistics: scans, market data, signals, errors, breakers, alerts"),
      command("positions", "The open positions with their stops, targets and unrealized PnL"),
      command("pause", "Stop taking new entries (stops, targets and monitoring go on)"),
      command("resume", "Take new entries again"),
  });
}

bool changes_state(const std::string& command) noexcept {
  return command == "pause" || command == "resume";
}

std::optional<interaction> parse_interaction(const json& d) {
  if (!d.is_object() || d.value("type", 0) != 2) return std::nullopt;
  interaction out;
  out.id = text_at(d, "id");
  out.token = text_at(d, "token");
  out.application_id = text_at(d, "application_id");
  out.guild_id = text_at(d, "guild_id");
  out.channel_id = text_at(d, "channel_id");
  if (const auto data = d.find("data"); data != d.end() && data->is_object()) {
    out.command = text_at(*data, "name");
  }
  const json* user = nullptr;
  if (const auto member = d.find("member"); member != d.end() && member->is_object()) {
    if (const auto u = member->find("user"); u != member->end() && u->is_object()) user = &*u;
    if (const auto roles = member->find("roles"); roles != member->end() && roles->is_array()) {
      for (const auto& r : *roles) {
        if (r.is_string()) out.role_ids.push_back(r.get<std::string>());
      }
    }
  } else if (const auto u = d.find("user"); u != d.end() && u->is_object()) {
    user = &*u;
  }
  if (user != nullptr) {
    out.user_id = text_at(*user, "id");
    out.user_name = text_at(*user, "username");
  }
  if (out.id.empty() || out.token.empty() || out.command.empty()) return std::nullopt;
  return out;
}

bool allowed(const interaction& call, const std::vector<std::string>& user_ids,
             const std::vector<std::string>& role_ids) {
  if (!changes_state(call.command)) return true;
  if (call.user_id.empty()) return false;
  if (std::find(user_ids.begin(), user_ids.end(), call.user_id) != user_ids.end()) return true;
  return std::any_of(call.role_ids.begin(), call.role_ids.end(), [&](const std::string& role) {
    return std::find(role_ids.begin(), role_ids.end(), role) != role_ids.end();
  });
}

}  // namespace tb::discord
