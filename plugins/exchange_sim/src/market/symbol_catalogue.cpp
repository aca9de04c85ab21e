#include "market/symbol_catalogue.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "market/prng.hpp"

namespace tb::exchange_sim {

namespace {

const std::array<symbol_profile, 12>& named_symbols() {
  static const std::array<symbol_profile, 12> named{{
      {"BTCUSDT", 42000.0, 0.60, 0.1, 0.001, 12e9},
      {"ETHUSDT", 2300.0, 0.70, 0.01, 0.001, 6e9},
      {"BNBUSDT", 310.0, 0.65, 0.01, 0.01, 4e8},
      {"SOLUSDT", 100.0, 0.95, 0.01, 1.0, 1.5e9},
      {"XRPUSDT", 0.6, 0.85, 0.0001, 0.1, 8e8},
      {"DOGEUSDT", 0.08, 1.00, 0.00001, 1.0, 6e8},
      {"ADAUSDT", 0.5, 0.90, 0.0001, 1.0, 3e8},
      {"AVAXUSDT", 35.0, 1.05, 0.001, 1.0, 3e8},
      {"LINKUSDT", 15.0, 0.95, 0.001, 0.01, 2.5e8},
      {"LTCUSDT", 70.0, 0.80, 0.01, 0.001, 2e8},
      {"PEPEUSDT", 0.0000012, 1.50, 0.0000000001, 1.0, 4e8},
      {"1000SHIBUSDT", 0.009, 1.10, 0.000001, 1.0, 1.5e8},
  }};
  return named;
}

double log_uniform(xoshiro256ss& rng, double low, double high) {
  return std::exp(std::log(low) + rng.uniform() * (std::log(high) - std::log(low)));
}

symbol_profile make_generated_symbol(std::size_t position, std::uint64_t seed) {
  xoshiro256ss rng(mix_key(seed, position));
  symbol_profile p;
  char name[32];
  std::snprintf(name, sizeof name, "SYM%03zuUSDT", position + 1);
  p.name = name;
  p.annual_volatility = 0.6 + 1.2 * rng.uniform();
  p.daily_quote_volume = log_uniform(rng, 5e6, 5e8);
  const double price = log_uniform(rng, 0.001, 500.0);
  // Four to five significant digits: the tick is 10^(floor(log10 price) - 4).
  const int tick_exponent = static_cast<int>(std::floor(std::log10(price))) - 4;
  p.tick_size = std::pow(10.0, tick_exponent);
  p.base_price = std::round(price / p.tick_size) * p.tick_size;
  // One step of quantity is worth between 0.1 and 1 USDT at the base price, capped at 1000.
  const int step_exponent = std::min(3, static_cast<int>(std::floor(std::log10(1.0 / price))));
  p.step_size = std::pow(10.0, step_exponent);
  return p;
}

}  // namespace

std::vector<symbol_profile> make_symbol_catalogue(std::size_t count, std::uint64_t seed) {
  std::vector<symbol_profile> out;
  out.reserve(count);
  const auto& named = named_symbols();
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(i < named.size() ? named[i] : make_generated_symbol(i, seed));
  }
  return out;
}

}  // namespace tb::exchange_sim
