// Exact decimal arithmetic for the simulated exchange: every price, quantity and amount of
// money is an integer count of a fixed decimal unit, so sums never drift and the wallet
// identity (wallet == initial + sum(realized - commission) + sum(funding)) holds to the unit.
//
// Units: prices in 1e-10 (PEPE's tick is 1e-10), quantities and money in 1e-8 (Binance's
// finest). A price times a quantity is a notional in 1e-18, kept in 128 bits; money is
// rounded from it once, half away from zero, at 1e-8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::exchange_sim {

__extension__ typedef __int128 int128;

inline constexpr std::int64_t price_scale = 10'000'000'000;  // 1 = 1e-10
inline constexpr std::int64_t qty_scale = 100'000'000;       // 1 = 1e-8
inline constexpr std::int64_t money_scale = 100'000'000;     // 1 = 1e-8
// A notional (price x quantity) is in 1e-18; money is 1e-8: divide by 1e10.
inline constexpr std::int64_t notional_per_money = 10'000'000'000;

// Reads "-12.345" as a count of 10^-decimals units; nullopt when it is not a plain decimal,
// has more decimals than the unit holds (non-zero ones), or does not fit.
std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals);
// The shortest plain decimal of value x 10^-decimals ("0.1", "-3", "0").
std::string format_fixed(std::int64_t value, int decimals);

inline std::string format_price(std::int64_t p) { return format_fixed(p, 10); }
inline std::string format_qty(std::int64_t q) { return format_fixed(q, 8); }
inline std::string format_money(std::int64_t m) { return format_fixed(m, 8); }

// a / b rounded half away from zero; b > 0.
int128 div_round(int128 a, int128 b);
// a / b rounded towards +infinity / -infinity; b > 0.
int128 div_ceil(int128 a, int128 b);
int128 div_floor(int128 a, int128 b);

// Money (1e-8) of a notional (1e-18), half away from zero.
inline std::int64_t money_of(int128 notional) {
  return static_cast<std::int64_t>(div_round(notional, notional_per_money));
}
// A rate given in 1e-8 units (0.0005 -> 50'000) applied to a notional, as money.
inline std::int64_t money_of_rate(int128 notional, std::int64_t rate) {
  return static_cast<std::int64_t>(div_round(notional * rate, int128{notional_per_money} * money_scale));
}

// A double price from a candle (already on its tick grid) in price units.
std::int64_t price_from_double(double value);
inline double price_to_double(std::int64_t p) { return static_cast<double>(p) / price_scale; }

}  // namespace tb::exchange_sim
