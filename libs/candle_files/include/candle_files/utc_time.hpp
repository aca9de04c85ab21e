#pragma once
// Instants a user writes (a backtest's period, a download's --start/--end) and the short UTC
// form lines print them in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::candle_files {

// A UTC date "2024-01-01" or date-time "2024-01-01T12:30", "2024-01-01 12:30:00" (an optional
// "Z" or offset, as candle files accept), as epoch milliseconds; nullopt for anything else,
// bare epoch numbers included (a typo in a date should not become 1970).
std::optional<std::int64_t> parse_utc_time(std::string_view text);

// "2024-01-31 23:59", or "2024-01-01" at midnight.
std::string format_utc_minute(std::int64_t epoch_ms);

}  // namespace tb::candle_files
