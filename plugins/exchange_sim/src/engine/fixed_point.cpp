#include "engine/fixed_point.hpp"

#include <cmath>
#include <limits>

namespace tb::exchange_sim {

std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals) {
  bool negative = false;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  int128 value = 0;
  bool digits = false, point = false;
  int fraction = 0;
  constexpr int128 limit = std::numeric_limits<std::int64_t>::max();
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    if (point && fraction == decimals) {
      if (c != '0') return std::nullopt;  // finer than the unit
      continue;
    }
    value = value * 10 + (c - '0');
    if (point) ++fraction;
    if (value > limit) return std::nullopt;
  }
  if (!digits) return std::nullopt;
  for (; fraction < decimals; ++fraction) {
    value *= 10;
    if (value > limit) return std::nullopt;
  }
  return static_cast<std::int64_t>(negative ? -value : value);
}

std::string format_fixed(std::int64_t value, int decimals) {
  const bool negative = value < 0;
  // Through unsigned so INT64_MIN works.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= decimals) {
    digits.insert(0, static_cast<std::size_t>(decimals + 1) - digits.size(), '0');
  }
  std::string out = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
  std::string fraction = digits.substr(digits.size() - static_cast<std::size_t>(decimals));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += "." + fraction;
  if (negative && out != "0") out.insert(0, "-");
  return out;
}

int128 div_round(int128 a, int128 b) {
  const int128 q = a / b, r = a % b;
  if (r == 0) return q;
  const int128 twice = (r < 0 ? -r : r) * 2;
  if (twice >= b) return a < 0 ? q - 1 : q + 1;
  return q;
}

int128 div_floor(int128 a, int128 b) {
  const int128 q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

int128 div_ceil(int128 a, int128 b) {
  const int128 q = a / b;
  return (a % b != 0 && a > 0) ? q + 1 : q;
}

std::int64_t price_from_double(double value) { return std::llround(value * static_cast<double>(price_scale)); }

}  // namespace tb::exchange_sim
