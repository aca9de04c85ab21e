#include "filters/decimal.hpp"

#include <algorithm>

namespace tb::binance {
namespace {

constexpr int max_scale = 18;
constexpr int max_digits = 30;

wide_int pow10(int n) noexcept {
  wide_int out = 1;
  for (int i = 0; i < n; ++i) out *= 10;
  return out;
}

}  // namespace

std::optional<decimal> decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  decimal out;
  bool seen_point = false;
  int digits = 0;
  bool any_digit = false;
  for (const char c : text) {
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (out.mantissa != 0 || c != '0') ++digits;
    if (digits > max_digits) return std::nullopt;
    out.mantissa = out.mantissa * 10 + (c - '0');
    if (seen_point && ++out.scale > max_scale) return std::nullopt;
  }
  if (!any_digit || text.front() == '.' || text.back() == '.') return std::nullopt;
  return out;
}

wide_int decimal::at_scale(int target_scale) const noexcept {
  return mantissa * pow10(target_scale - scale);
}

int compare(const decimal& a, const decimal& b) noexcept {
  const int s = std::max(a.scale, b.scale);
  const wide_int x = a.at_scale(s);
  const wide_int y = b.at_scale(s);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool on_grid(const decimal& value, const decimal& step, const decimal& origin) noexcept {
  if (step.is_zero()) return true;
  const int s = std::max({value.scale, step.scale, origin.scale});
  wide_int offset = value.at_scale(s) - origin.at_scale(s);
  if (offset < 0) offset = -offset;
  return offset % step.at_scale(s) == 0;
}

int compare_product(const decimal& a, const decimal& b, const decimal& c) noexcept {
  // a*b*10^-(a.scale+b.scale) against c*10^-c.scale, both brought to scale s, compared as
  // a' against floor(c'/b) and the remainder: exact, and no 128-bit product of two wide
  // mantissas. Should c' not fit in 128 bits the answer is "below" (-1): callers use this
  // for minimum checks, and refusing an order is the safe side.
  if (a.mantissa == 0 || b.mantissa == 0) return c.mantissa == 0 ? 0 : -1;
  const int product_scale = a.scale + b.scale;
  const int s = std::max(product_scale, c.scale);
  const wide_int limit = pow10(37);  // below 2^127
  const wide_int c_factor = pow10(s - c.scale);
  const wide_int a_factor = pow10(s - product_scale);
  if (c.mantissa != 0 && c.mantissa > limit / c_factor) return -1;
  if (a.mantissa > limit / a_factor) return 1;
  const wide_int lhs = a.mantissa * a_factor;
  const wide_int rhs = c.mantissa * c_factor;
  const wide_int quotient = rhs / b.mantissa;
  const wide_int remainder = rhs % b.mantissa;
  if (lhs > quotient) return 1;
  if (lhs < quotient) return -1;
  return remainder == 0 ? 0 : -1;
}

std::string to_string(const decimal& value) {
  std::string digits;
  wide_int m = value.mantissa;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  while (static_cast<int>(digits.size()) <= value.scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (value.scale == 0) return digits;
  std::string out = digits.substr(0, digits.size() - static_cast<std::size_t>(value.scale)) +
                    "." + digits.substr(digits.size() - static_cast<std::size_t>(value.scale));
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

}  // namespace tb::binance
