// Exact decimals for the exchange's order filters: quantities on the step grid, prices on the
// tick grid, notionals against the minimum, and the canonical text an order carries.
//
// The host may not link the exchange plugin's own decimal code, so this is the host's: a
// non-negative mantissa * 10^-scale in 128 bits. Every value is below 10^18 with at most 18
// decimals, so any two values brought to one scale fit without overflow; an operation whose
// exact result would leave that range returns std::nullopt rather than a rounded value.
#pragma once

#include <tradingbot/tb_abi.h>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::host {

__extension__ typedef __int128 grid_int;

struct decimal {
  static constexpr int max_scale = 18;

  grid_int mantissa = 0;
  int scale = 0;

  // Plain non-negative decimal text as exchanges write filters: digits with at most one '.'
  // ("0.001", "27150.10", "5"); no sign, exponent or spaces. Values of 10^18 or more and
  // more than 18 decimals are refused (nullopt).
  static std::optional<decimal> parse(std::string_view text);

  // A double as its shortest round-trip decimal text (std::to_chars, fixed notation): 0.1
  // becomes exactly 0.1, not 0.1000000000000000055511151231257827. Digits past the 18th
  // decimal are dropped (truncated toward zero); they lie below any exchange grid and within
  // one ulp of the double. Negative, NaN, infinite and values of 10^18 or more: nullopt.
  static std::optional<decimal> from_double(double value);

  static decimal from_int(std::int64_t value) noexcept { return {value, 0}; }

  bool is_zero() const noexcept { return mantissa == 0; }
  // Canonical text: no trailing zeros after the point, no point for whole numbers ("0.1",
  // "27150", "0.00000001"). Never an exponent.
  std::string to_string() const;
  // The nearest double, for logs and metrics only; never for a value sent to the exchange.
  double to_double() const;

  friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept;
  friend bool operator==(const decimal& a, const decimal& b) noexcept {
    return (a <=> b) == std::strong_ordering::equal;
  }
};

// Exact arithmetic; nullopt when the result would be negative (subtract), need more than 18
// decimals or reach 10^18.
std::optional<decimal> add(const decimal& a, const decimal& b);
std::optional<decimal> subtract(const decimal& a, const decimal& b);
std::optional<decimal> multiply(const decimal& a, const decimal& b);
// |a - b|.
decimal distance(const decimal& a, const decimal& b);

// Which way a value moves to reach the grid: down to the multiple at or below it, up to the
// multiple at or above it. A value already on the grid stays.
enum class rounding { down, up };

// `value` on the grid of `step` (multiples of step from zero). A zero step is no grid: the
// value comes back unchanged. nullopt only when rounding up would reach 10^18.
std::optional<decimal> round_to_grid(const decimal& value, const decimal& step, rounding dir);
bool on_grid(const decimal& value, const decimal& step) noexcept;

// The largest multiple of `step` at or below numerator / divisor: a quantity from an amount
// of quote currency and a price, never rounded up. nullopt for a zero divisor or step, or
// when the exact computation does not fit 128 bits.
std::optional<decimal> floor_quotient(const decimal& numerator, const decimal& divisor,
                                      const decimal& step);

// The smallest whole number at or above numerator / divisor; nullopt for a zero divisor or
// when it does not fit.
std::optional<std::int64_t> ceil_quotient(const decimal& numerator, const decimal& divisor);

// What an order price is for; the direction each is rounded follows from it and the side.
enum class price_role { entry, stop_loss, take_profit };

// The direction a price of `role` moves to the tick grid for a position of `side`
// (TB_SIDE_LONG or TB_SIDE_SHORT), so that the order is never worse than planned:
//   role         long  short   why
//   entry        down  up      a limit never pays more (long) or sells for less (short)
//   stop_loss    down  up      away from the entry: never closer than the strategy asked
//   take_profit  down  up      toward the entry: the target is reached no later than planned
// (A stop moved away widens the risk distance; the quantity is sized from the rounded prices.)
rounding price_rounding(price_role role, std::int32_t side) noexcept;

// `price` on the tick grid in price_rounding(role, side)'s direction; nullopt when the
// double does not convert (see decimal::from_double).
std::optional<decimal> price_on_grid(double price, price_role role, std::int32_t side,
                                     const decimal& tick);

}  // namespace tb::host
