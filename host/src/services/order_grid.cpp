#include "services/order_grid.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tb::host {
namespace {

constexpr grid_int pow10(int n) noexcept {
  grid_int out = 1;
  for (int i = 0; i < n; ++i) out *= 10;
  return out;
}

// Every value is below this; at scale 18 its mantissa stays below 10^36 < 2^127.
constexpr grid_int value_limit = pow10(18);

grid_int at_scale(const decimal& d, int target) noexcept {
  return d.mantissa * pow10(target - d.scale);
}

// Drops trailing zero decimals, so that mantissas stay as small as the value allows.
decimal normalized(decimal d) noexcept {
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d;
}

bool in_range(const decimal& d) noexcept {
  return d.mantissa >= 0 && d.scale >= 0 && d.scale <= decimal::max_scale &&
         d.mantissa < value_limit * pow10(d.scale);
}

std::optional<decimal> checked(decimal d) {
  d = normalized(d);
  if (!in_range(d)) return std::nullopt;
  return d;
}

bool mul_fits(grid_int a, grid_int b, grid_int& out) noexcept {
  return !__builtin_mul_overflow(a, b, &out);
}

}  // namespace

std::optional<decimal> decimal::parse(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return std::nullopt;
  decimal out;
  bool seen_point = false;
  for (const char c : text) {
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (seen_point && ++out.scale > max_scale) return std::nullopt;
    out.mantissa = out.mantissa * 10 + (c - '0');
    // Leading digits alone could overflow before the scale is known: stop early.
    if (out.mantissa >= value_limit * pow10(max_scale)) return std::nullopt;
  }
  return checked(out);
}

std::optional<decimal> decimal::from_double(double value) {
  if (!std::isfinite(value) || value < 0 || value >= 1e18) return std::nullopt;
  // Fixed notation of the shortest round-trip form: below 10^18 the integer part has at
  // most 18 digits, and the smallest subnormal needs 324 decimals plus "0.".
  std::array<char, 400> buffer{};
  const auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (ec != std::errc{}) return std::nullopt;
  std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  if (const auto point = text.find('.'); point != std::string_view::npos) {
    text = text.substr(0, std::min(text.size(), point + 1 + max_scale));
    if (text.back() == '.') text.remove_suffix(1);
  }
  return parse(text);
}

std::string decimal::to_string() const {
  const decimal d = normalized(*this);
  std::string digits;
  grid_int m = d.mantissa;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  while (static_cast<int>(digits.size()) <= d.scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (d.scale == 0) return digits;
  const auto whole = digits.size() - static_cast<std::size_t>(d.scale);
  return digits.substr(0, whole) + "." + digits.substr(whole);
}

double decimal::to_double() const {
  const std::string text = to_string();
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
  const int s = std::max(a.scale, b.scale);
  return at_scale(a, s) <=> at_scale(b, s);
}

std::optional<decimal> add(const decimal& a, const decimal& b) {
  const int s = std::max(a.scale, b.scale);
  return checked({at_scale(a, s) + at_scale(b, s), s});
}

std::optional<decimal> subtract(const decimal& a, const decimal& b) {
  const int s = std::max(a.scale, b.scale);
  const grid_int diff = at_scale(a, s) - at_scale(b, s);
  if (diff < 0) return std::nullopt;
  return checked({diff, s});
}

std::optional<decimal> multiply(const decimal& a, const decimal& b) {
  const decimal x = normalized(a);
  const decimal y = normalized(b);
  grid_int product = 0;
  if (!mul_fits(x.mantissa, y.mantissa, product)) return std::nullopt;
  decimal out{product, x.scale + y.scale};
  out = normalized(out);
  if (out.scale > decimal::max_scale) return std::nullopt;
  return checked(out);
}

decimal distance(const decimal& a, const decimal& b) {
  return a >= b ? *subtract(a, b) : *subtract(b, a);
}

std::optional<decimal> round_to_grid(const decimal& value, const decimal& step, rounding dir) {
  if (step.is_zero()) return value;
  const int s = std::max(value.scale, step.scale);
  const grid_int v = at_scale(value, s);
  const grid_int unit = at_scale(step, s);
  grid_int units = v / unit;
  if (dir == rounding::up && v % unit != 0) ++units;
  return checked({units * unit, s});
}

bool on_grid(const decimal& value, const decimal& step) noexcept {
  if (step.is_zero()) return true;
  const int s = std::max(value.scale, step.scale);
  return at_scale(value, s) % at_scale(step, s) == 0;
}

std::optional<decimal> floor_quotient(const decimal& numerator, const decimal& divisor,
                                      const decimal& step) {
  // n/(d*step) = N*10^-a / (D*10^-b * S*10^-c) = N*10^(b+c-a) / (D*S): whole units of step.
  const decimal n = normalized(numerator);
  const decimal d = normalized(divisor);
  const decimal st = normalized(step);
  if (d.is_zero() || st.is_zero()) return std::nullopt;
  grid_int num = n.mantissa;
  grid_int den = 0;
  if (!mul_fits(d.mantissa, st.mantissa, den)) return std::nullopt;
  const int shift = d.scale + st.scale - n.scale;
  if (shift >= 0 && !mul_fits(num, pow10(shift), num)) return std::nullopt;
  if (shift < 0 && !mul_fits(den, pow10(-shift), den)) return std::nullopt;
  grid_int units = num / den;
  grid_int mantissa = 0;
  if (!mul_fits(units, st.mantissa, mantissa)) return std::nullopt;
  return checked({mantissa, st.scale});
}

std::optional<std::int64_t> ceil_quotient(const decimal& numerator, const decimal& divisor) {
  const std::optional<decimal> floor = floor_quotient(numerator, divisor, decimal{1, 0});
  if (!floor) return std::nullopt;
  std::int64_t whole = static_cast<std::int64_t>(floor->mantissa);
  const auto back = multiply(*floor, divisor);
  if (!back || *back != numerator) ++whole;
  return whole;
}

rounding price_rounding(price_role role, std::int32_t side) noexcept {
  const bool is_long = side == TB_SIDE_LONG;
  switch (role) {
    case price_role::entry:
      return is_long ? rounding::down : rounding::up;
    case price_role::stop_loss:  // long stops sit below the entry, short stops above
      return is_long ? rounding::down : rounding::up;
    case price_role::take_profit:  // long targets sit above the entry, short targets below
      return is_long ? rounding::down : rounding::up;
  }
  return rounding::down;
}

std::optional<decimal> price_on_grid(double price, price_role role, std::int32_t side,
                                     const decimal& tick) {
  const auto exact = decimal::from_double(price);
  if (!exact) return std::nullopt;
  return round_to_grid(*exact, tick, price_rounding(role, side));
}

}  // namespace tb::host
