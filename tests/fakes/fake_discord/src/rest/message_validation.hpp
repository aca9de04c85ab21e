#pragma once
// Validation of message bodies (channel create, webhook execute and edit, interaction replies)
// against Discord's documented limits: content 2000, 10 embeds, per-embed field limits and a
// 6000-character total, counted after trimming surrounding whitespace.
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

namespace message_flags {
inline constexpr std::int64_t suppress_embeds = 4;
inline constexpr std::int64_t ephemeral = 64;
inline constexpr std::int64_t loading = 128;
inline constexpr std::int64_t suppress_notifications = 4096;
inline constexpr std::int64_t is_voice_message = 8192;
inline constexpr std::int64_t is_components_v2 = 32768;
}  // namespace message_flags

struct message_rules {
  bool require_content = true;  // create: at least one of content/embeds/...; edits: no
  std::int64_t allowed_flags = message_flags::suppress_embeds | message_flags::suppress_notifications |
                               message_flags::is_voice_message | message_flags::is_components_v2;
  bool nonce_allowed = false;  // only channel message creates take a nonce
};

// The error answer (400 50035 with an `errors` tree, or 400 50006), or empty when valid.
std::optional<rest_response> validate_message(const nlohmann::json& body, const message_rules& rules);

// Sum of the characters that count toward the 6000 limit in one embed (after trimming).
std::size_t embed_size(const nlohmann::json& embed);

}  // namespace tb::fake_discord
