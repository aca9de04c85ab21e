#include "util/decimal.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace tb::fake {

std::int64_t pow10(int n) {
  std::int64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

std::optional<decimal> parse_decimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  decimal out;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (out.units > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
    out.units = out.units * 10 + (c - '0');
    if (seen_point) ++out.scale;
    if (out.scale > 18) return std::nullopt;
  }
  if (!seen_digit) return std::nullopt;
  if (negative) out.units = -out.units;
  return out;
}

std::string format_fixed(std::int64_t units, int scale) {
  const bool negative = units < 0;
  std::string digits = std::to_string(negative ? -units : units);
  if (scale > 0) {
    // Built by appending: GCC 12 at -O2 reports a false -Wrestrict on string::insert.
    const auto width = static_cast<std::size_t>(scale) + 1;
    if (digits.size() < width) digits = std::string(width - digits.size(), '0') + digits;
    const std::size_t point = digits.size() - static_cast<std::size_t>(scale);
    digits = digits.substr(0, point) + "." + digits.substr(point);
  }
  return negative ? "-" + digits : digits;
}

std::string format_double(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.rfind("-0", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::optional<std::int64_t> rescale(decimal d, int scale) {
  if (d.scale == scale) return d.units;
  if (d.scale < scale) {
    const std::int64_t f = pow10(scale - d.scale);
    if (std::abs(d.units) > std::numeric_limits<std::int64_t>::max() / f) return std::nullopt;
    return d.units * f;
  }
  const std::int64_t f = pow10(d.scale - scale);
  if (d.units % f != 0) return std::nullopt;
  return d.units / f;
}

}  // namespace tb::fake
