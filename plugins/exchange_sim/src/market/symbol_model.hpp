// The per-symbol constants of the price process, derived once from the symbol's profile, the
// global seed and the model parameters. Everything the hot loop needs is here, precomputed.
#pragma once

#include <array>
#include <cstdint>

#include "market/model_params.hpp"
#include "market/price_grid.hpp"
#include "market/regime.hpp"
#include "market/symbol_profile.hpp"

namespace tb::exchange_sim {

inline constexpr int hours_per_week = 168;

struct symbol_model {
  std::uint64_t seed = 0;        // mix of the global seed and the symbol's name
  double log_base_price = 0;
  double hourly_variance = 0;    // long-run level of the GARCH variance
  double garch_omega = 0;
  double garch_alpha = 0;
  double garch_beta = 0;
  double shock_cap_squared = 0;
  std::array<double, regime_count> leave_probability{};  // per hour
  std::array<double, regime_count> drift{};              // log return per hour
  std::array<double, regime_count> volatility{};         // multiplier of the GARCH sd
  double trend_to_ranging = 0;
  double mean_reversion = 0;
  double jump_probability = 0;   // per hour
  double jump_mean_sd = 0;
  double jump_with_trend = 0;
  // Volatility (and volume) factor of each hour of the week, Monday 00:00 UTC first; its mean
  // square is 1.
  std::array<double, hours_per_week> season{};
  double typical_hour_sd = 0;    // sd of an hour's diffusive return at the long-run level
  double wick_mean_sd = 0;
  double volume_return_weight = 0;
  double minute_quote_volume = 0;
  double average_trade_quote = 0;
  price_grid prices;
  price_grid quantities;
};

// Throws std::invalid_argument, naming the symbol and the field, when the profile or the
// parameters are out of range (non-positive price, volatility, grid; GARCH not stationary).
symbol_model make_symbol_model(const symbol_profile& profile, std::uint64_t global_seed,
                               const model_params& params);

// The hour of the week (0 = Monday 00:00 UTC) of an hour counted from the Unix epoch.
constexpr int hour_of_week(std::int64_t epoch_hour) noexcept {
  // 1970-01-01 was a Thursday, day 3 of a Monday-first week.
  const std::int64_t day = (epoch_hour >= 0 ? epoch_hour : epoch_hour - 23) / 24;
  const std::int64_t weekday = ((day + 3) % 7 + 7) % 7;
  const std::int64_t hour = ((epoch_hour % 24) + 24) % 24;
  return static_cast<int>(weekday * 24 + hour);
}

}  // namespace tb::exchange_sim
