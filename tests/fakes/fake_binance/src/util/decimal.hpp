#pragma once
// Fixed-point decimals: a value is an integer count of 10^-scale. Binance sends prices and
// quantities as decimal strings, and filter checks must be exact, so no binary floating point
// touches a grid check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::fake {

struct decimal {
  std::int64_t units = 0;  // value * 10^scale
  int scale = 0;           // number of decimals, 0..18
};

// "12.340" -> {12340, 3}. Rejects signs other than a leading '-', exponents, empty strings and
// more than 18 significant decimals.
std::optional<decimal> parse_decimal(std::string_view text);

// Formats units at the given scale: format_fixed(12340, 3) == "12.340".
std::string format_fixed(std::int64_t units, int scale);

// Formats a double with `decimals` digits after the point (rounded half away from zero).
std::string format_double(double value, int decimals);

// Re-expresses `d` at `scale`; empty when that would lose non-zero digits or overflow.
std::optional<std::int64_t> rescale(decimal d, int scale);

std::int64_t pow10(int n);

}  // namespace tb::fake
