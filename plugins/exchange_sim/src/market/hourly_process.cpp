#include "market/hourly_process.hpp"

#include <algorithm>
#include <cmath>

#include "market/distributions.hpp"
#include "market/prng.hpp"

namespace tb::exchange_sim {

namespace {

constexpr std::uint64_t hour_stream = 0x686F7572;  // "hour"

regime next_regime(const symbol_model& m, regime from, double log_deviation, double u_kind,
                   double u_side) {
  if (from != regime::ranging && u_kind < m.trend_to_ranging) return regime::ranging;
  if (from == regime::trending_up) return regime::trending_down;
  if (from == regime::trending_down) return regime::trending_up;
  const double up_probability = 1.0 / (1.0 + std::exp(m.mean_reversion * log_deviation));
  return u_side < up_probability ? regime::trending_up : regime::trending_down;
}

}  // namespace

process_state initial_state(const symbol_model& model) {
  xoshiro256ss rng(mix_key(model.seed, 0x696E6974));  // "init"
  process_state s;
  s.log_price = model.log_base_price;
  s.variance = model.hourly_variance;
  s.current = static_cast<regime>(rng() % regime_count);
  return s;
}

hour_plan step_hour(const symbol_model& m, std::int64_t epoch_hour, process_state& s) {
  xoshiro256ss rng(mix_key(mix_key(m.seed, static_cast<std::uint64_t>(epoch_hour)), hour_stream));
  const auto r = static_cast<int>(s.current);
  const double u_leave = rng.uniform();
  const double u_kind = rng.uniform();
  const double u_side = rng.uniform();
  if (u_leave < m.leave_probability[r]) {
    s.current = next_regime(m, s.current, s.log_price - m.log_base_price, u_kind, u_side);
  }
  const auto now = static_cast<int>(s.current);

  hour_plan plan;
  plan.current = s.current;
  const double scale = m.volatility[now] * m.season[hour_of_week(epoch_hour)];
  const double hour_sd = std::sqrt(s.variance) * scale;
  const double z = unit_student_t4_table().sample(static_cast<std::uint32_t>(rng() >> 32));
  plan.diffusive = m.drift[now] + hour_sd * z;

  const std::uint64_t jump_bits = rng();
  const double u_jump = static_cast<double>(jump_bits >> 11) * 0x1.0p-53;
  if (u_jump < m.jump_probability) {
    const std::uint64_t more = rng();
    const double size = m.jump_mean_sd * hour_sd *
                        exponential_table().sample(static_cast<std::uint32_t>(more >> 32));
    const double u_direction = static_cast<double>(more & 0xFFFFFFFFULL) * 0x1.0p-32;
    const double with_trend = s.current == regime::ranging ? 0.5 : m.jump_with_trend;
    const double trend_sign = s.current == regime::trending_down ? -1.0 : 1.0;
    plan.jump = (u_direction < with_trend ? trend_sign : -trend_sign) * size;
    plan.jump_minute = static_cast<int>(rng() % 60);
  }

  plan.log_open = s.log_price;
  plan.log_close = s.log_price + plan.diffusive + plan.jump;
  plan.minute_sd = hour_sd * std::sqrt(1.0 / 60.0);
  plan.activity = std::pow(hour_sd / m.typical_hour_sd, 0.8);

  const double shock = z + plan.jump / (std::sqrt(s.variance) * scale);
  const double capped = std::min(shock * shock, m.shock_cap_squared);
  // GARCH(1,1) on the hour's shock h * e^2, with e^2 capped so one freak hour cannot blow up h.
  s.variance = m.garch_omega + (m.garch_alpha * capped + m.garch_beta) * s.variance;
  s.log_price = plan.log_close;
  return plan;
}

}  // namespace tb::exchange_sim
