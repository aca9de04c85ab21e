// Renders one host notification as a Discord message body: one rich embed, no pings.
//
// Every Discord limit (title 256, description 4096, 25 fields, field name 256 and value 1024,
// footer 2048, 6000 characters per message) is met by cutting text with an ellipsis, never by
// failing; lengths are counted in code points after trimming whitespace, as Discord does.
// Invalid UTF-8 is replaced with U+FFFD so the body always serialises. Deterministic: the same
// notification and nonce give the same JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tradingbot/sdk/notifier.hpp"

namespace tb::discord {

// Embed colours (integer RGB).
namespace colour {
inline constexpr std::int32_t green = 0x2ECC71;   // trade opened, profit, resolved success
inline constexpr std::int32_t red = 0xE74C3C;     // loss, critical
inline constexpr std::int32_t orange = 0xE67E22;  // warning
inline constexpr std::int32_t blue = 0x3498DB;    // info, daily summary, free message
inline constexpr std::int32_t grey = 0x95A5A6;    // alert resolved
}  // namespace colour

// Discord's embed limits, in code points.
namespace embed_limit {
inline constexpr std::size_t title = 256;
inline constexpr std::size_t description = 4096;
inline constexpr std::size_t fields = 25;
inline constexpr std::size_t field_name = 256;
inline constexpr std::size_t field_value = 1024;
inline constexpr std::size_t footer = 2048;
inline constexpr std::size_t total = 6000;
inline constexpr std::size_t nonce = 25;
}  // namespace embed_limit

// The body of POST /channels/{id}/messages (or a webhook execute): `allowed_mentions`
// {"parse": []} and one embed; `nonce` with `enforce_nonce: true` when `nonce` is not empty
// (it must be at most 25 characters). Never throws except std::bad_alloc.
nlohmann::json message_for(const sdk::notification& note, std::string_view nonce);

// `text` as valid UTF-8 with surrounding whitespace trimmed, cut to at most `max_chars` code
// points (the last one an ellipsis when cut).
std::string fit_text(std::string_view text, std::size_t max_chars);

// Code points in valid UTF-8 `text`.
std::size_t char_count(std::string_view text) noexcept;

// "2026-09-15T13:20:00.000Z" for milliseconds since the Unix epoch.
std::string iso8601_utc(std::int64_t time_ms);

}  // namespace tb::discord
