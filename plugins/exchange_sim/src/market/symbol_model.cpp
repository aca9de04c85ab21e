#include "market/symbol_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "market/distributions.hpp"
#include "market/prng.hpp"

namespace tb::exchange_sim {

namespace {

// Relative volatility by UTC hour of day for crypto perpetuals: quiet late in the US evening,
// rising with Asia, Europe, and highest at the US open (13:30-16:00 UTC).
constexpr std::array<double, 24> hour_of_day_activity{
    1.00, 1.05, 0.95, 0.90, 0.85, 0.80, 0.85, 0.95, 1.05, 1.00, 0.95, 0.95,
    1.00, 1.20, 1.35, 1.25, 1.15, 1.05, 0.95, 0.90, 0.90, 0.85, 0.85, 0.90};

void require(bool ok, const symbol_profile& profile, const std::string& what) {
  if (!ok) {
    throw std::invalid_argument("exchange_sim market model for symbol '" + profile.name +
                                "': " + what);
  }
}

// Long-run share of time in each regime, with a symmetric choice of the next trend.
std::array<double, regime_count> stationary_regime_share(const model_params& p) {
  // Embedded jump chain: ranging -> up/down 1/2 each; a trend -> ranging with
  // trend_to_ranging, else the opposite trend. Its stationary law is (2t, 1, 1) / (2t + 2).
  const double t = p.trend_to_ranging;
  const double visits[regime_count] = {2 * t, 1.0, 1.0};
  const double hours[regime_count] = {p.mean_hours_ranging, p.mean_hours_up, p.mean_hours_down};
  double total = 0;
  for (int r = 0; r < regime_count; ++r) total += visits[r] * hours[r];
  std::array<double, regime_count> share{};
  for (int r = 0; r < regime_count; ++r) share[r] = visits[r] * hours[r] / total;
  return share;
}

std::array<double, hours_per_week> weekly_season(const model_params& p) {
  std::array<double, hours_per_week> season{};
  double square_sum = 0;
  for (int h = 0; h < hours_per_week; ++h) {
    const bool weekend = h >= 5 * 24;
    season[h] = hour_of_day_activity[h % 24] * (weekend ? p.weekend_activity : 1.0);
    square_sum += season[h] * season[h];
  }
  const double norm = std::sqrt(hours_per_week / square_sum);
  for (auto& s : season) s *= norm;
  return season;
}

// The regimes' volatility multipliers, scaled so their long-run mean square is 1.
std::array<double, regime_count> regime_volatility(const model_params& p) {
  const auto share = stationary_regime_share(p);
  std::array<double, regime_count> volatility{p.volatility_ranging, p.volatility_up, p.volatility_down};
  double mean_square = 0;
  for (int r = 0; r < regime_count; ++r) mean_square += share[r] * volatility[r] * volatility[r];
  for (auto& v : volatility) v /= std::sqrt(mean_square);
  return volatility;
}

// E[min(e^2, cap^2)] for the standardized shock e = z + J, z a unit t4, J a jump of mean
// size jump_mean_sd (with probability jump_probability): what the GARCH recursion feeds back
// on average, so w can hold the long-run variance exactly. Midpoint quadrature in
// probability space; sign of the jump does not matter (z is symmetric).
double expected_capped_shock_square(double jump_probability, double jump_mean_sd, double cap_squared) {
  constexpr int z_points = 256;
  constexpr int jump_points = 64;
  std::array<double, z_points> z{};
  for (int i = 0; i < z_points; ++i) z[i] = unit_student_t4_quantile((i + 0.5) / z_points);
  double plain = 0;
  for (const double v : z) plain += std::min(v * v, cap_squared);
  plain /= z_points;
  double jumped = 0;
  for (int j = 0; j < jump_points; ++j) {
    const double jump = jump_mean_sd * exponential_quantile((j + 0.5) / jump_points);
    for (const double v : z) jumped += std::min((v + jump) * (v + jump), cap_squared);
  }
  jumped /= static_cast<double>(z_points) * jump_points;
  return (1.0 - jump_probability) * plain + jump_probability * jumped;
}

}  // namespace

symbol_model make_symbol_model(const symbol_profile& profile, std::uint64_t global_seed,
                               const model_params& p) {
  require(profile.base_price > 0 && std::isfinite(profile.base_price), profile,
          "base_price must be positive");
  require(profile.annual_volatility > 0 && profile.annual_volatility < 10, profile,
          "annual_volatility must be in (0, 10)");
  require(profile.daily_quote_volume > 0, profile, "daily_quote_volume must be positive");
  require(p.garch_alpha >= 0 && p.garch_beta >= 0 && p.garch_alpha + p.garch_beta < 1, profile,
          "garch_alpha + garch_beta must be below 1");
  require(p.mean_hours_ranging >= 1 && p.mean_hours_up >= 1 && p.mean_hours_down >= 1, profile,
          "mean regime durations must be at least one hour");
  require(p.trend_to_ranging > 0 && p.trend_to_ranging <= 1, profile,
          "trend_to_ranging must be in (0, 1]");
  require(p.jumps_per_day >= 0 && p.jumps_per_day < 24 && p.jump_mean_sd >= 0, profile,
          "jumps_per_day must be in [0, 24) and jump_mean_sd non-negative");
  require(p.weekend_activity > 0 && p.volatility_ranging > 0 && p.volatility_up > 0 &&
              p.volatility_down > 0,
          profile, "weekend_activity and the regime volatilities must be positive");

  symbol_model m;
  m.seed = mix_key(global_seed, hash_name(profile.name));
  m.log_base_price = std::log(profile.base_price);
  m.prices = price_grid(profile.tick_size);
  m.quantities = price_grid(profile.step_size);

  m.season = weekly_season(p);
  m.volatility = regime_volatility(p);

  // Total hourly variance = GARCH level * E[season^2 * regime^2] (= 1) * (1 + jump share).
  const double target_hour_variance = profile.annual_volatility * profile.annual_volatility / (365.0 * 24.0);
  m.jump_probability = p.jumps_per_day / 24.0;
  m.jump_mean_sd = p.jump_mean_sd;
  m.jump_with_trend = p.jump_with_trend;
  const double jump_variance_ratio = m.jump_probability * 2.0 * p.jump_mean_sd * p.jump_mean_sd;
  m.hourly_variance = target_hour_variance / (1.0 + jump_variance_ratio);
  m.garch_alpha = p.garch_alpha;
  m.garch_beta = p.garch_beta;
  // The standardized shock that feeds GARCH includes the jump and is capped; w is set from
  // its exact mean so that E[h] is hourly_variance.
  m.shock_cap_squared = p.shock_cap * p.shock_cap;
  const double feedback =
      p.garch_alpha * expected_capped_shock_square(m.jump_probability, p.jump_mean_sd, m.shock_cap_squared);
  require(feedback + p.garch_beta < 1, profile,
          "garch_alpha * E[capped shock^2] + garch_beta must be below 1 (lower them, or the jumps)");
  m.garch_omega = m.hourly_variance * (1.0 - feedback - p.garch_beta);
  m.typical_hour_sd = std::sqrt(m.hourly_variance);

  m.leave_probability = {1.0 / p.mean_hours_ranging, 1.0 / p.mean_hours_up,
                         1.0 / p.mean_hours_down};
  const double daily_sd = profile.annual_volatility / std::sqrt(365.0);
  const double trend_drift = p.trend_drift_daily_sd * daily_sd / 24.0;
  // Down trends are shorter, so they fall faster: equal expected moves up and down keep
  // the process free of a net drift (the pull to the base price does the rest).
  m.drift = {0.0, trend_drift, -trend_drift * p.mean_hours_up / p.mean_hours_down};
  m.trend_to_ranging = p.trend_to_ranging;
  m.mean_reversion = p.mean_reversion;

  m.wick_mean_sd = p.wick_mean_sd;
  m.volume_return_weight = p.volume_return_weight;
  m.minute_quote_volume = profile.daily_quote_volume / 1440.0;
  // Bigger markets trade bigger tickets: BTC-like turnover gives a few million trades a day.
  m.average_trade_quote = std::clamp(profile.daily_quote_volume / 4e6, 20.0, 4000.0);
  return m;
}

}  // namespace tb::exchange_sim
