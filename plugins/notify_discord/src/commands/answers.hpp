// The replies to slash commands, rendered from the host's reports (the same JSON the admin
// API serves at /api/status, /api/stats and /api/positions) as Discord message bodies: one
// embed, no pings, every limit respected.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tb::discord {

nlohmann::json status_answer(const nlohmann::json& status);
nlohmann::json stats_answer(const nlohmann::json& stats);
nlohmann::json positions_answer(const nlohmann::json& positions);
// After /pause (paused true) or /resume.
nlohmann::json paused_answer(bool paused);
// A state change by someone not allowed to make it.
nlohmann::json refusal_answer(const std::string& command);
// The bot could not answer (starting, stopping, or a failure): `why` in plain words.
nlohmann::json failure_answer(const std::string& command, const std::string& why);

}  // namespace tb::discord
