// Reading a plugin's settings: the JSON text the host hands to create(). Every problem is
// thrown as sdk::error(TB_E_INVALID_ARGUMENT, "settings: ...") naming the key, and never
// quoting a value that may be a secret.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::plugin_settings {

// Throws sdk::error(TB_E_INVALID_ARGUMENT, "settings: " + what).
[[noreturn]] void invalid(const std::string& what);

// The settings as a JSON object; `null` is an empty object. Text that does not parse (empty
// text too) gives "not valid JSON (error at byte N)" (the parser's own message quotes the text
// near the error, which may be a secret); any other value than an object gives "expected a
// mapping of setting names to values".
nlohmann::json parse_object(std::string_view text);

// Checks of one value; `name` is what messages call it (the key, with any prefix).
// true or false: "<name> must be true or false".
bool as_bool(const nlohmann::json& value, std::string_view name);
// An integer in [min, max]: "<name> must be a whole number of <unit> from <min> to <max>".
std::int64_t as_whole_number(const nlohmann::json& value, std::string_view name,
                             std::int64_t min, std::int64_t max, std::string_view unit);

// Reads of one key of `object`.
// A string, empty when absent or null; otherwise "<key> must be <kind>" (kind: "a string",
// "text"). The message never holds the value.
std::string read_secret(const nlohmann::json& object, std::string_view key,
                        std::string_view kind);
// as_bool of the value, or `fallback` when absent.
bool read_bool(const nlohmann::json& object, std::string_view key, bool fallback);
// as_whole_number of the value, or `fallback` when absent.
std::int64_t read_whole_number(const nlohmann::json& object, std::string_view key,
                               std::int64_t fallback, std::int64_t min, std::int64_t max,
                               std::string_view unit);

// The keys of `object` not in `known`, in the object's order: settings the plugin ignores.
std::vector<std::string> unknown_keys(const nlohmann::json& object,
                                      std::span<const std::string_view> known);

}  // namespace tb::plugin_settings
