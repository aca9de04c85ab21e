// Exact non-negative decimals for grid checks ("0.10", "27150.1"): no binary floating point
// anywhere near a price or a quantity that goes to the exchange.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::binance {

__extension__ typedef __int128 wide_int;

// mantissa * 10^-scale. At most 30 significant digits and 18 decimals.
struct decimal {
  wide_int mantissa = 0;
  int scale = 0;

  // Plain non-negative decimal text: digits with at most one '.', no sign, exponent or
  // spaces. std::nullopt otherwise.
  static std::optional<decimal> parse(std::string_view text);
  bool is_zero() const noexcept { return mantissa == 0; }
  // The mantissa at `target_scale` (>= scale).
  wide_int at_scale(int target_scale) const noexcept;
};

// -1, 0, 1.
int compare(const decimal& a, const decimal& b) noexcept;
// (value - origin) is a whole multiple of step; a zero step means no grid.
bool on_grid(const decimal& value, const decimal& step, const decimal& origin) noexcept;
// a * b compared with c: -1, 0, 1.
int compare_product(const decimal& a, const decimal& b, const decimal& c) noexcept;
// Canonical text with no trailing zeros after the point ("0.1", "27150").
std::string to_string(const decimal& value);

}  // namespace tb::binance
