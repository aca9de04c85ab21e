// A plugin's free-form `settings` map -> the JSON object handed to it by config_get.
//
// Maps become objects, lists arrays. Plain scalars that read as null, a boolean, an integer
// or a number under the YAML 1.2 core schema become those JSON types; quoted and block
// scalars, `!!str` values and anything containing ${VAR} stay strings.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/internal/reader.hpp"

namespace tb::host::config_internal {

// A missing or null value gives an empty object. Reports every problem; nullopt if any.
std::optional<nlohmann::json> settings_to_json(reader& r, const field& f);

// The JSON value of a plain (untagged, unquoted) YAML scalar: null, bool, integer, number,
// or nullopt when it is none of those and stays a string. Sets `too_large` for an integer
// or number JSON cannot hold exactly.
std::optional<nlohmann::json> resolve_plain(std::string_view text, bool& too_large);

}  // namespace tb::host::config_internal
