#pragma once
// Validation of a bulk-overwrite command array (PUT .../commands): names (lower case, allowed
// characters, 1-32), descriptions (1-100), <= 25 options with required ones first, <= 25
// choices, unique names, the 8000-character total.
#include <optional>

#include <nlohmann/json.hpp>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

std::optional<rest_response> validate_command_array(const nlohmann::json& body);

}  // namespace tb::fake_discord
