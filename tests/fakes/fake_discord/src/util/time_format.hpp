#pragma once
// Wall-clock helpers: epoch milliseconds and Discord's ISO8601 timestamp form.
#include <cstdint>
#include <string>

namespace tb::fake_discord {

std::int64_t wall_ms();
// "2026-09-15T13:20:00.123000+00:00", the form Discord uses in message objects.
std::string iso8601(std::int64_t epoch_ms);

}  // namespace tb::fake_discord
