#include "market/price_path.hpp"

#include <algorithm>
#include <cmath>

#include "market/symbol_catalog.hpp"
#include "util/rng.hpp"

namespace tb::fake {
namespace {

// Bridge from a to b over n steps with per-step sigmas; jumps ride inside the increments.
template <std::size_t N>
std::array<double, N + 1> bridge(double a, double b, const std::array<double, N>& sigmas,
                                 std::uint64_t key, double jump_probability) {
  std::array<double, N + 1> w{};
  for (std::size_t i = 0; i < N; ++i) {
    const std::uint64_t h = mix(key, i);
    double step = sigmas[i] * normal(h);
    if (unit(splitmix64(h ^ 0xA5A5U)) < jump_probability) step += 4.0 * sigmas[i] * normal(h ^ 0x77U);
    w[i + 1] = w[i] + step;
  }
  std::array<double, N + 1> out{};
  const double gap = w[N] - (b - a);
  for (std::size_t i = 0; i <= N; ++i)
    out[i] = a + w[i] - gap * static_cast<double>(i) / static_cast<double>(N);
  return out;
}

std::int64_t to_ticks(double log_price, double tick) {
  return std::max<std::int64_t>(1, std::llround(std::exp(log_price) / tick));
}

}  // namespace

price_path::price_path(const symbol_spec& spec)
    : spec_(spec),
      tick_(static_cast<double>(spec.tick_units) * std::pow(10.0, -spec.price_decimals)),
      step_(std::pow(10.0, -spec.qty_decimals)) {
  log_open_.push_back(std::log(spec.base_price));
}

void price_path::extend_to(std::int64_t day) {
  const double anchor = std::log(spec_.base_price);
  while (static_cast<std::int64_t>(sigma_.size()) <= day) {
    const auto d = static_cast<std::uint64_t>(sigma_.size());
    const std::uint64_t key = mix(spec_.seed, d);
    log_vol_ = 0.92 * log_vol_ + 0.25 * normal(mix(key, 1));
    if (unit(mix(key, 2)) < 0.03) drift_ = 0.35 * spec_.daily_vol * normal(mix(key, 3));
    const double sigma = spec_.daily_vol * std::exp(log_vol_);
    double step = drift_ + sigma * normal(mix(key, 4));
    if (unit(mix(key, 5)) < 0.02) step += 3.0 * sigma * normal(mix(key, 6));
    const double x = log_open_.back();
    step -= 0.02 * (x - anchor);
    sigma_.push_back(sigma);
    log_open_.push_back(x + step);
  }
}

const std::array<double, 25>& price_path::hour_points(std::int64_t day) {
  if (day == points_day_) return points_;
  extend_to(day);
  const auto d = static_cast<std::size_t>(day);
  std::array<double, 24> sig{};
  for (std::size_t h = 0; h < 24; ++h) {
    const double x = static_cast<double>(h) - 14.0;
    sig[h] = sigma_[d] / std::sqrt(24.0) * (0.75 + 0.5 * std::exp(-x * x / 18.0));
  }
  points_ = bridge(log_open_[d], log_open_[d + 1], sig, mix(spec_.seed, 0x100000 + d), 0.01);
  points_day_ = day;
  return points_;
}

std::array<candle, 60> price_path::hour_minutes(std::int64_t day, int hour) {
  const std::int64_t minutes_key = day * 24 + hour;
  if (minutes_key == minutes_key_) return minutes_;
  const auto& points = hour_points(day);
  const auto h = static_cast<std::size_t>(hour);
  const double hour_sigma = std::abs(points[h + 1] - points[h]) * 0.3 + sigma_[static_cast<std::size_t>(day)] / std::sqrt(24.0);
  const std::uint64_t key = mix(spec_.seed, static_cast<std::uint64_t>(day) * 24 + h + 0x9000000);
  std::array<double, 60> sig{};
  for (std::size_t m = 0; m < 60; ++m) sig[m] = hour_sigma / std::sqrt(60.0) * std::exp(0.3 * normal(mix(key, m + 500)));
  const auto x = bridge(points[h], points[h + 1], sig, key, 0.004);

  const double minute_volume = spec_.daily_volume / 1440.0 * (sigma_[static_cast<std::size_t>(day)] / spec_.daily_vol);
  // A minute closes where the next one opens: each point is converted to ticks once.
  std::array<std::int64_t, 61> ticks{};
  for (std::size_t i = 0; i <= 60; ++i) ticks[i] = to_ticks(x[i], tick_);
  std::array<candle, 60> out{};
  const std::int64_t hour_open = history_epoch_ms + day * 86'400'000 + hour * 3'600'000;
  for (std::size_t m = 0; m < 60; ++m) {
    const std::uint64_t r = mix(key, m + 1000);
    candle& c = out[m];
    c.empty = false;
    c.open_time = hour_open + static_cast<std::int64_t>(m) * 60'000;
    c.open = ticks[m];
    c.close = ticks[m + 1];
    c.high = std::max({c.open, c.close, to_ticks(std::max(x[m], x[m + 1]) + std::abs(normal(mix(r, 1))) * sig[m] * 0.6, tick_)});
    c.low = std::min({c.open, c.close, to_ticks(std::min(x[m], x[m + 1]) - std::abs(normal(mix(r, 2))) * sig[m] * 0.6, tick_)});
    const double activity = 0.3 + 0.7 * std::abs(x[m + 1] - x[m]) / (sig[m] + 1e-12);
    c.volume = std::llround(minute_volume * activity * std::exp(0.4 * normal(mix(r, 3))) / step_);
    const double buy_share = std::clamp(0.5 + 0.1 * normal(mix(r, 4)), 0.1, 0.9);
    c.taker_buy_volume = std::llround(static_cast<double>(c.volume) * buy_share);
    const double mid = static_cast<double>(c.open + c.close) * 0.5 * tick_;
    c.quote_volume = static_cast<double>(c.volume) * step_ * mid;
    c.taker_buy_quote = static_cast<double>(c.taker_buy_volume) * step_ * mid;
    c.trades = c.volume == 0 ? 0 : 1 + std::llround(c.quote_volume / 1500.0);
  }
  minutes_ = out;
  minutes_key_ = minutes_key;
  return out;
}

}  // namespace tb::fake
