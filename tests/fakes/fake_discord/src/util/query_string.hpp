#pragma once
// Query-string parsing and Discord's boolean spelling (true/True/1, false/False/0).
#include <map>
#include <optional>
#include <string>

namespace tb::fake_discord {

using query_map = std::map<std::string, std::string>;

query_map parse_query(const std::string& query);
std::string url_decode(const std::string& text);
// Empty when the text is not one of Discord's accepted boolean spellings.
std::optional<bool> parse_bool(const std::string& text);
// The value of `key` as a boolean; `fallback` when absent or malformed.
bool query_bool(const query_map& q, const std::string& key, bool fallback);

}  // namespace tb::fake_discord
