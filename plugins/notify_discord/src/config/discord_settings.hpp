// The notify_discord plugin's settings (docs/notify-discord.md), from the JSON the host hands
// over with secrets already taken from the environment. Every problem is a tb::sdk::error
// (TB_E_INVALID_ARGUMENT) naming the key; a message never shows a token.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::discord {

struct discord_settings {
  std::string api_url = "https://discord.com/api/v10";
  std::string token;  // the bot token; empty in webhook-only use

  // Where notifications go: a channel through the bot (channel_id, with optional per-kind
  // channels), or a webhook (its id and token, taken from webhook_url).
  std::string channel_id;
  std::string trades_channel_id;   // trades opened and closed; channel_id when empty
  std::string alerts_channel_id;   // alerts and their resolution; channel_id when empty
  std::string summary_channel_id;  // daily summaries and other messages; channel_id when empty
  std::string webhook_id, webhook_token;

  // Slash commands over the gateway (needs the token).
  bool commands = true;
  std::string guild_id;  // register the commands in this guild (at once); global when empty
  std::vector<std::string> allowed_user_ids;  // may /pause and /resume
  std::vector<std::string> allowed_role_ids;  // members with one of these roles may too
  bool ephemeral_replies = false;             // answers only the invoker sees
  std::uint32_t intents = 0;                  // slash commands need none

  std::size_t queue_capacity = 1000;  // per channel
  std::chrono::milliseconds request_timeout{15'000};
  std::chrono::milliseconds flush_timeout{10'000};  // at stop, for what is still queued
  std::chrono::milliseconds identify_spacing{5'000};

  std::vector<std::string> unknown_keys;

  bool webhook_mode() const noexcept { return channel_id.empty() && !webhook_id.empty(); }
  bool gateway_enabled() const noexcept { return commands && !token.empty(); }
};

discord_settings parse_settings(std::string_view json_text);

// One line for the log: where messages go and whether commands run; never a token.
std::string describe(const discord_settings& values);

}  // namespace tb::discord
