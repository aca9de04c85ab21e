// The knobs of the price process, shared by every symbol. The defaults are tuned so that one
// minute, one hour and one day of a synthetic symbol look like a liquid crypto perpetual:
// clustered volatility, fat tails, trends lasting hours to days, a daily and weekly rhythm.
// README.md explains each one.
#pragma once

namespace tb::exchange_sim {

struct model_params {
  // Volatility clustering: GARCH(1,1) on the hourly variance, h' = w + a e^2 + b h, where e is
  // the hour's standardized shock (capped at shock_cap sd) and w keeps the long-run level.
  double garch_alpha = 0.05;
  double garch_beta = 0.93;
  double shock_cap = 5.0;

  // Regimes: ranging, trending up, trending down; mean time spent in each before switching.
  double mean_hours_ranging = 48.0;
  double mean_hours_up = 60.0;
  double mean_hours_down = 40.0;
  // When a trend ends: probability of going to ranging rather than straight to the opposite
  // trend.
  double trend_to_ranging = 0.7;
  // Drift of an up trend, per day, in units of the symbol's daily sd. A down trend falls
  // faster, by mean_hours_up / mean_hours_down, so up and down trends balance.
  double trend_drift_daily_sd = 0.7;
  // Volatility multiplier in each regime (down trends are the most violent); normalized so
  // the long-run volatility is still the profile's.
  double volatility_ranging = 0.8;
  double volatility_up = 1.0;
  double volatility_down = 1.3;
  // Pull towards the base price: a new trend is up with probability
  // 1 / (1 + exp(mean_reversion * ln(price / base_price))).
  double mean_reversion = 1.0;

  // Jumps: Poisson arrivals, exponential size with mean jump_mean_sd hourly sd (of the
  // current hour), in the trend's direction with probability jump_with_trend.
  double jumps_per_day = 0.5;
  double jump_mean_sd = 2.0;
  double jump_with_trend = 0.65;

  // Seasonality: volatility and volume on Saturday and Sunday (UTC), relative to weekdays.
  double weekend_activity = 0.75;

  // Candles: mean wick beyond the body in minute sd; weight of |return| in minute volume.
  double wick_mean_sd = 0.45;
  double volume_return_weight = 0.65;
};

}  // namespace tb::exchange_sim
