#include "control/interaction_injection.hpp"

#include <stdexcept>

#include "util/time_format.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

constexpr const char* default_user_id = "500000000000000001";
constexpr const char* default_dm_channel_id = "600000000000000001";

std::string text_of(const json& request, const char* key, const std::string& fallback) {
  const auto it = request.find(key);
  return it != request.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// One option value converted to the JSON type Discord uses for the registered option type.
json typed_value(const json& v, int type, const std::string& name) {
  const auto bad = [&](const char* expected) {
    return std::invalid_argument("option '" + name + "' needs " + expected + ", got " + v.dump());
  };
  switch (type) {
    case 3:  // STRING
      return v.is_string() ? v : json(v.dump());
    case 4:  // INTEGER
      if (v.is_number_integer()) return v;
      if (v.is_string()) {
        std::size_t used = 0;
        const auto n = std::stoll(v.get<std::string>(), &used);
        if (used == v.get<std::string>().size()) return n;
      }
      throw bad("an integer");
    case 5:  // BOOLEAN
      if (v.is_boolean()) return v;
      if (v == "true") return true;
      if (v == "false") return false;
      throw bad("a boolean");
    case 10:  // NUMBER
      if (v.is_number()) return v.get<double>();
      if (v.is_string()) return std::stod(v.get<std::string>());
      throw bad("a number");
    case 6: case 7: case 8: case 9: case 11:  // USER, CHANNEL, ROLE, MENTIONABLE, ATTACHMENT: ids
      if (v.is_string()) return v;
      if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
      throw bad("a snowflake id");
    default:
      throw bad("a known option type");
  }
}

json typed_options(const json& given_or_null, const json& schema_parent) {
  auto out = json::array();
  const json given = given_or_null.is_null() ? json::object() : given_or_null;
  if (!given.is_object()) throw std::invalid_argument("options must be an object of name: value");
  const json schema = schema_parent.contains("options") && schema_parent["options"].is_array() ? schema_parent["options"] : json::array();
  for (const auto& [name, value] : given.items()) {
    bool known = false;
    for (const auto& o : schema) known = known || o["name"] == name;
    if (!known) throw std::invalid_argument("option '" + name + "' is not registered for this command");
  }
  for (const auto& o : schema) {
    const auto name = o["name"].get<std::string>();
    const int type = o["type"].get<int>();
    if (!given.contains(name)) {
      if (o.value("required", false)) throw std::invalid_argument("required option '" + name + "' missing");
      continue;
    }
    if (type == 1 || type == 2) {  // a subcommand (group) carries nested options, not a value
      out.push_back({{"name", name}, {"type", type}, {"options", typed_options(given[name], o)}});
    } else {
      out.push_back({{"name", name}, {"type", type}, {"value", typed_value(given[name], type, name)}});
    }
  }
  return out;
}

}  // namespace

std::variant<injected_interaction, std::string> build_interaction(const server_options& options, const json& request,
                                                                  const json& command, const std::string& id,
                                                                  const std::string& token) {
  injected_interaction out;
  out.id = id;
  out.token = token;
  out.user_id = text_of(request, "user_id", default_user_id);
  out.guild_id = text_of(request, "guild_id", "");
  const bool in_guild = !out.guild_id.empty();
  out.channel_id = text_of(request, "channel_id", in_guild ? options.channels.front() : default_dm_channel_id);
  const auto username = text_of(request, "username", "tester");
  json data{{"id", command["id"]}, {"name", command["name"]}, {"type", 1}};
  try {
    const auto options_json = typed_options(request.value("options", json(nullptr)), command);
    if (!options_json.empty()) data["options"] = options_json;
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
  if (command.contains("guild_id")) data["guild_id"] = command["guild_id"];
  const json user{{"id", out.user_id}, {"username", username}, {"discriminator", "0"},
                  {"avatar", nullptr},  {"global_name", username}, {"public_flags", 0}};
  json d{{"id", id},
         {"application_id", options.application_id},
         {"type", 2},
         {"token", token},
         {"version", 1},
         {"data", data},
         {"channel_id", out.channel_id},
         {"app_permissions", "442368"},
         {"locale", "en-US"},
         {"entitlements", json::array()},
         {"attachment_size_limit", 10485760}};
  if (in_guild) {
    auto roles = json::array();
    if (request.contains("roles") && request["roles"].is_array()) roles = request["roles"];
    d["guild_id"] = out.guild_id;
    d["guild_locale"] = "en-US";
    d["channel"] = {{"id", out.channel_id}, {"type", 0}, {"name", "alerts"}, {"guild_id", out.guild_id}};
    d["member"] = {{"user", user},        {"roles", roles},  {"permissions", "2147483647"},
                   {"joined_at", iso8601(wall_ms())}, {"nick", nullptr}, {"avatar", nullptr},
                   {"deaf", false},       {"mute", false},   {"pending", false},
                   {"flags", 0},          {"premium_since", nullptr}, {"communication_disabled_until", nullptr}};
    d["authorizing_integration_owners"] = {{"0", out.guild_id}};
    d["context"] = 0;
  } else {
    d["channel"] = {{"id", out.channel_id}, {"type", 1}, {"recipients", json::array({user})}};
    d["user"] = user;
    d["authorizing_integration_owners"] = {{"1", out.user_id}};
    d["context"] = 1;
  }
  out.payload = std::move(d);
  return out;
}

}  // namespace tb::fake_discord
