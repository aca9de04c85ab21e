// The time cell of a candle file: the date forms `tradingbot analyze` accepts, as epoch ms UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::candle_files {

// Accepted, surrounding spaces ignored (anything else is nullopt):
//   ISO 8601    "2021-03-01", "2021-03-01T12:30", "2021-03-01 12:30:00", with an optional
//               fraction ".5" / ".123456" after the seconds (digits past milliseconds are
//               truncated), then an optional "Z" or offset "+02:00", "-0530", "+02"; no offset
//               means UTC; the separator may be 'T', 't' or one space.
//   MetaTrader  "2021.03.01 12:30:00" (also without seconds, or date only).
//   Dukascopy   "01.03.2021 12:30:00.000" (day first; told apart by the four-digit year).
//   epoch       a plain non-negative integer, unit by magnitude: below 1e11 seconds, below
//               1e14 milliseconds, below 1e17 microseconds, else nanoseconds. Each unit's
//               range covers 1973-03-03 to 5138-11-16, so real data is never ambiguous
//               (Binance spot files since 2025 are in microseconds).
// Dates run from year 0001 to 9999 on the proleptic Gregorian calendar; seconds 0-59.
std::optional<std::int64_t> parse_candle_time(std::string_view text);

// "2021-03-01T12:30:00Z" (with ".250" when there are milliseconds), for messages.
std::string format_candle_time(std::int64_t epoch_ms);

}  // namespace tb::candle_files
