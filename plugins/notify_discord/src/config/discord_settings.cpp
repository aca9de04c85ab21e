#include "config/discord_settings.hpp"

#include <nlohmann/json.hpp>

#include "plugin_net/base_url.hpp"
#include "plugin_settings/settings_reader.hpp"
#include "tradingbot/sdk/error.hpp"

namespace tb::discord {
namespace {

using json = nlohmann::json;
using plugin_settings::invalid;
using plugin_settings::read_bool;
using plugin_settings::read_whole_number;

// The token and the webhook URL: the message names the key, never the value.
std::string read_secret(const json& object, const char* key) {
  return plugin_settings::read_secret(object, key, "text");
}

// Discord ids are snowflakes: decimal text of up to 20 digits.
bool is_snowflake(std::string_view text) {
  if (text.empty() || text.size() > 20) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Ids may be written as numbers in YAML; snowflakes above 2^53 lose digits as doubles, so only
// exact integers are taken.
std::string read_id(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  std::string text;
  if (it->is_string()) text = it->get<std::string>();
  else if (it->is_number_unsigned()) text = std::to_string(it->get<std::uint64_t>());
  if (!is_snowflake(text)) {
    invalid(std::string(key) + " must be a Discord id (digits, e.g. \"1284839000000000000\"; "
            "quote it in YAML)");
  }
  return text;
}

std::vector<std::string> read_ids(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_array()) invalid(std::string(key) + " must be a list of Discord ids");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json one = {{"id", (*it)[i]}};
    try {
      out.push_back(read_id(one, "id"));
    } catch (const sdk::error&) {
      invalid(std::string(key) + "[" + std::to_string(i) + "] must be a Discord id (digits; "
              "quote it in YAML)");
    }
  }
  return out;
}

// https://discord.com/api/webhooks/<id>/<token>: the id and token; the host part is not used
// (requests go to api_url), so a fake can be reached the same way.
void read_webhook(const json& object, discord_settings& out) {
  const std::string url = read_secret(object, "webhook_url");
  if (url.empty()) return;
  constexpr std::string_view marker = "/webhooks/";
  const std::size_t at = url.find(marker);
  const std::string_view rest =
      at == std::string::npos ? std::string_view{} : std::string_view(url).substr(at + marker.size());
  const std::size_t slash = rest.find('/');
  if (at == std::string::npos || slash == std::string_view::npos ||
      !is_snowflake(rest.substr(0, slash)) || slash + 1 >= rest.size() ||
      rest.substr(slash + 1).find_first_of("/?#") != std::string_view::npos) {
    invalid("webhook_url must look like https://discord.com/api/webhooks/<id>/<token> "
            "(copy it from the channel's Integrations > Webhooks)");
  }
  out.webhook_id = std::string(rest.substr(0, slash));
  out.webhook_token = std::string(rest.substr(slash + 1));
}

constexpr std::string_view known_keys[] = {
    "api_url",          "token",            "channel_id",       "trades_channel_id",
    "alerts_channel_id", "summary_channel_id", "webhook_url",   "commands",
    "guild_id",         "allowed_user_ids", "allowed_role_ids", "ephemeral_replies",
    "intents",          "queue_capacity",   "request_timeout_ms", "flush_timeout_ms",
    "identify_spacing_ms"};

}  // namespace

discord_settings parse_settings(std::string_view text) {
  const json object = plugin_settings::parse_object(text);

  discord_settings out;
  if (const auto it = object.find("api_url"); it != object.end()) {
    if (!it->is_string()) invalid("api_url must be text such as https://discord.com/api/v10");
    out.api_url = it->get<std::string>();
    const std::string_view problem = net::base_url_problem(out.api_url, {"https", "http"});
    if (!problem.empty()) {
      invalid("api_url is not a valid base URL: " + std::string(problem) +
              " (expected e.g. https://discord.com/api/v10)");
    }
  }
  out.token = read_secret(object, "token");
  if (out.token.rfind("Bot ", 0) == 0) out.token.erase(0, 4);  // pasted with its header word
  out.channel_id = read_id(object, "channel_id");
  out.trades_channel_id = read_id(object, "trades_channel_id");
  out.alerts_channel_id = read_id(object, "alerts_channel_id");
  out.summary_channel_id = read_id(object, "summary_channel_id");
  read_webhook(object, out);
  out.commands = read_bool(object, "commands", true);
  out.guild_id = read_id(object, "guild_id");
  out.allowed_user_ids = read_ids(object, "allowed_user_ids");
  out.allowed_role_ids = read_ids(object, "allowed_role_ids");
  out.ephemeral_replies = read_bool(object, "ephemeral_replies", false);
  out.intents = static_cast<std::uint32_t>(
      read_whole_number(object, "intents", 0, 0, (1 << 26) - 1, "intent bits"));
  out.queue_capacity = static_cast<std::size_t>(
      read_whole_number(object, "queue_capacity", 1000, 1, 1'000'000, "messages"));
  out.request_timeout = std::chrono::milliseconds(
      read_whole_number(object, "request_timeout_ms", 15'000, 100, 120'000, "milliseconds"));
  out.flush_timeout = std::chrono::milliseconds(
      read_whole_number(object, "flush_timeout_ms", 10'000, 0, 300'000, "milliseconds"));
  out.identify_spacing = std::chrono::milliseconds(
      read_whole_number(object, "identify_spacing_ms", 5'000, 0, 60'000, "milliseconds"));

  const bool per_kind = !out.trades_channel_id.empty() || !out.alerts_channel_id.empty() ||
                        !out.summary_channel_id.empty();
  if (per_kind && out.channel_id.empty()) {
    invalid("trades_channel_id, alerts_channel_id and summary_channel_id refine channel_id: "
            "set channel_id too");
  }
  if (!out.channel_id.empty() && out.token.empty()) {
    invalid("channel_id needs the bot token: set token (e.g. token: ${DISCORD_BOT_TOKEN}), or "
            "use webhook_url instead");
  }
  if (out.channel_id.empty() && out.webhook_id.empty()) {
    invalid("nowhere to send: set token and channel_id (the bot posts in that channel), or "
            "webhook_url (e.g. webhook_url: ${DISCORD_WEBHOOK_URL})");
  }
  if (!out.allowed_user_ids.empty() || !out.allowed_role_ids.empty()) {
    if (out.token.empty()) invalid("allowed_user_ids and allowed_role_ids need the bot token");
  }
  out.unknown_keys = plugin_settings::unknown_keys(object, known_keys);
  return out;
}

std::string describe(const discord_settings& values) {
  std::string out = values.webhook_mode() ? "webhook " + values.webhook_id
                                          : "channel " + values.channel_id + " (bot)";
  out += ", API " + values.api_url;
  out += values.gateway_enabled()
             ? ", slash commands on (" +
                   (values.guild_id.empty() ? std::string("global") : "guild " + values.guild_id) +
                   ", " + std::to_string(values.allowed_user_ids.size()) + " user(s) and " +
                   std::to_string(values.allowed_role_ids.size()) + " role(s) may pause)"
             : ", slash commands off";
  return out;
}

}  // namespace tb::discord
