#include "market/hourly_process.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "market/symbol_catalogue.hpp"
#include "market/symbol_model.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::uint64_t seed = 20261124;
constexpr std::int64_t first_hour = 438'288;  // 2020-01-01 00:00 UTC

TEST(hour_of_week, counts_from_monday_midnight_utc) {
  EXPECT_EQ(hour_of_week(0), 3 * 24);          // 1970-01-01 00:00, a Thursday
  EXPECT_EQ(hour_of_week(first_hour), 2 * 24);  // 2020-01-01 was a Wednesday
  EXPECT_EQ(hour_of_week(-1), 3 * 24 - 1);      // 1969-12-31 23:00, a Wednesday
}

TEST(hourly_process, regimes_persist_for_hours_to_days_and_trend_the_right_way) {
  const model_params params;
  const symbol_model model = make_symbol_model(make_symbol_catalogue(1).front(), seed, params);
  process_state state = initial_state(model);
  std::array<double, regime_count> hours{};
  std::array<double, regime_count> runs{};
  std::array<double, regime_count> drift_sum{};
  regime previous = state.current;
  runs[static_cast<int>(previous)] += 1;
  constexpr std::int64_t span = 20 * 365 * 24;
  for (std::int64_t h = 0; h < span; ++h) {
    const hour_plan plan = step_hour(model, first_hour + h, state);
    const int r = static_cast<int>(plan.current);
    hours[r] += 1;
    drift_sum[r] += plan.log_close - plan.log_open;
    if (plan.current != previous) runs[r] += 1;
    previous = plan.current;
    ASSERT_TRUE(std::isfinite(state.log_price)) << "hour " << h << ", seed " << seed;
    ASSERT_GT(state.variance, 0) << "hour " << h << ", seed " << seed;
  }
  const std::array<double, regime_count> expected{params.mean_hours_ranging, params.mean_hours_up,
                                                  params.mean_hours_down};
  for (int r = 0; r < regime_count; ++r) {
    const double mean_run = hours[r] / runs[r];
    EXPECT_GT(mean_run, 0.75 * expected[r]) << to_string(static_cast<regime>(r)) << ", seed " << seed;
    EXPECT_LT(mean_run, 1.33 * expected[r]) << to_string(static_cast<regime>(r)) << ", seed " << seed;
    EXPECT_GT(hours[r] / span, 0.1) << to_string(static_cast<regime>(r));
  }
  EXPECT_GT(drift_sum[1] / hours[1], 0) << "up trends must go up on average, seed " << seed;
  EXPECT_LT(drift_sum[2] / hours[2], 0) << "down trends must go down on average, seed " << seed;
  // The pull to the base price keeps twenty years within a factor of ~20 of it.
  EXPECT_LT(std::fabs(state.log_price - model.log_base_price), 3.0) << "seed " << seed;
}

TEST(hourly_process, a_step_depends_only_on_the_state_and_the_hour) {
  const symbol_model model = make_symbol_model(make_symbol_catalogue(3).back(), seed, {});
  process_state a = initial_state(model);
  for (int h = 0; h < 100; ++h) step_hour(model, first_hour + h, a);
  process_state b = a;
  const hour_plan pa = step_hour(model, first_hour + 100, a);
  const hour_plan pb = step_hour(model, first_hour + 100, b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(pa.log_close, pb.log_close);
  process_state c = b;
  step_hour(model, first_hour + 101, b);
  step_hour(model, first_hour + 999, c);
  EXPECT_NE(b.log_price, c.log_price) << "different hours must draw different shocks";
}

}  // namespace
}  // namespace tb::exchange_sim
