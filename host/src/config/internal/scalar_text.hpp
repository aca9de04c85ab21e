// Parsing and printing the text of typed scalars: integers, numbers, durations.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::host::config_internal {

// A decimal integer with an optional sign ("42", "-7", "+3"); nullopt for anything else or
// a value outside int64.
std::optional<std::int64_t> parse_integer(std::string_view text);

// A finite decimal number ("0.5", "-2", "1e3", ".5"); nullopt for anything else, including
// inf and nan.
std::optional<double> parse_number(std::string_view text);

// "500ms", "30s", "5m", "1h" or a bare whole number of milliseconds ("1500"); nullopt for
// anything else (fractions, spaces, other units, overflow).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest exact spelling parse_duration accepts: 60000ms -> "1m", 1500ms -> "1500ms".
std::string format_duration(std::chrono::milliseconds value);

// A number as a user would write it: 0.1 -> "0.1", 2400 -> "2400".
std::string format_number(double value);

}  // namespace tb::host::config_internal
