// A deterministic catalogue of synthetic USDT-M symbols.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "market/symbol_profile.hpp"

namespace tb::exchange_sim {

// The first `count` symbols of the catalogue for `seed`. The first twelve are modelled on
// real contracts (BTCUSDT, ETHUSDT, ...: realistic price level, volatility, grids and
// turnover); the rest are named SYM013USDT, SYM014USDT, ... (the number is the position, from
// 1) with price levels from about 0.001 to 500, volatility 60 %..180 % a year and grids that
// give four to five significant digits. A symbol's profile depends only on (seed, position),
// never on `count`, so a longer catalogue extends a shorter one.
std::vector<symbol_profile> make_symbol_catalogue(std::size_t count, std::uint64_t seed = 1);

}  // namespace tb::exchange_sim
