#include "market/minute_path.hpp"

#include <algorithm>
#include <cmath>

#include "market/distributions.hpp"
#include "market/interval.hpp"
#include "market/prng.hpp"

namespace tb::exchange_sim {

namespace {

constexpr std::uint64_t minute_stream = 0x6D696E75;  // "minu"
constexpr double mean_abs_unit_t4 = 0.70710678118654752;  // E|T| of a unit-variance t4

// exp for the small per-minute returns; the degree-5 Taylor polynomial is within 2e-15 of exp
// below 0.01, and std::exp takes the rare large ones (jumps).
inline double exp_small(double x) noexcept {
  if (std::fabs(x) >= 0.01) [[unlikely]] return std::exp(x);
  return 1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120)))));
}

}  // namespace

void fill_hour(const symbol_model& m, const hour_plan& plan, std::int64_t epoch_hour,
               candle* out) noexcept {
  const quantile_table& shocks_table = unit_student_t4_table();
  const quantile_table& wick_table = exponential_table();
  const quantile_table& noise_table = volume_noise_table();
  xoshiro256ss rng(mix_key(mix_key(m.seed, static_cast<std::uint64_t>(epoch_hour)), minute_stream));

  double shock[minutes_per_hour];
  std::uint32_t noise_bits[minutes_per_hour];
  double shock_sum = 0;
  for (int i = 0; i < minutes_per_hour; ++i) {
    const std::uint64_t bits = rng();
    shock[i] = shocks_table.sample(static_cast<std::uint32_t>(bits >> 32));
    noise_bits[i] = static_cast<std::uint32_t>(bits);
    shock_sum += shock[i];
  }
  // The bridge: a constant per-minute correction makes the diffusive returns sum to the plan's.
  const double correction = (plan.diffusive - plan.minute_sd * shock_sum) / minutes_per_hour;

  const double wick_scale = m.wick_mean_sd * plan.minute_sd;
  const double volume_base = m.minute_quote_volume * plan.activity;
  const double return_weight = m.volume_return_weight / (plan.minute_sd * mean_abs_unit_t4);
  const double trade_scale = 1.0 / m.average_trade_quote;
  double price = std::exp(plan.log_open);
  std::int64_t open_ticks = m.prices.to_units(price);
  double open_price = m.prices.to_value(open_ticks);
  std::int64_t open_time = epoch_hour * hour_ms;

  for (int i = 0; i < minutes_per_hour; ++i) {
    double x = plan.minute_sd * shock[i] + correction;
    if (i == plan.jump_minute) [[unlikely]] x += plan.jump;
    price *= exp_small(x);
    // Started here, the division overlaps the rest of the minute instead of ending a chain.
    const double inverse_price = 1.0 / price;
    const std::int64_t close_ticks =
        i + 1 < minutes_per_hour ? m.prices.to_units(price) : m.prices.to_units(std::exp(plan.log_close));

    const std::uint64_t wick_bits = rng();
    const double up = wick_scale * wick_table.sample(static_cast<std::uint32_t>(wick_bits >> 32));
    const double down = std::min(0.5, wick_scale * wick_table.sample(static_cast<std::uint32_t>(wick_bits)));
    const std::int64_t top = std::max(open_ticks, close_ticks);
    const std::int64_t bottom = std::min(open_ticks, close_ticks);
    const std::int64_t high_ticks = top + static_cast<std::int64_t>(static_cast<double>(top) * up + 0.5);
    const std::int64_t low_ticks =
        std::max<std::int64_t>(1, bottom - static_cast<std::int64_t>(static_cast<double>(bottom) * down + 0.5));

    candle& c = out[i];
    c.open_time_ms = open_time;
    c.close_time_ms = open_time + minute_ms - 1;
    c.open = open_price;
    c.high = m.prices.to_value(high_ticks);
    c.low = m.prices.to_value(low_ticks);
    c.close = m.prices.to_value(close_ticks);

    const double quote = volume_base * ((1.0 - m.volume_return_weight) + return_weight * std::fabs(x)) *
                         noise_table.sample(noise_bits[i]);
    c.volume = m.quantities.to_value(m.quantities.to_units(quote * inverse_price));
    c.quote_volume = c.volume * ((c.high + c.low + c.close) * (1.0 / 3.0));
    c.trade_count = 1 + static_cast<std::uint64_t>(c.quote_volume * trade_scale);

    open_ticks = close_ticks;
    open_price = c.close;
    open_time += minute_ms;
  }
}

}  // namespace tb::exchange_sim
