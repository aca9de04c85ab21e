#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "market/symbol_catalogue.hpp"
#include "market/symbol_market.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::uint64_t seed = 20261124;

bool on_grid(double value, double increment) {
  const double units = value / increment;
  return std::fabs(units - std::round(units)) < 1e-6;
}

// Each symbol of a small catalogue, BTC-like to sub-cent alts, over 60 days: every candle is
// well formed.
TEST(candle_invariants, prices_are_positive_on_the_grid_and_bound_the_body) {
  for (const auto& profile : make_symbol_catalogue(16, seed)) {
    symbol_market market(profile, seed);
    std::vector<candle> minutes;
    market.candles(interval::m1, default_origin_ms + 400 * day_ms, default_origin_ms + 460 * day_ms, minutes);
    ASSERT_EQ(minutes.size(), 60u * minutes_per_day);
    for (std::size_t i = 0; i < minutes.size(); ++i) {
      const candle& c = minutes[i];
      SCOPED_TRACE(profile.name + " minute " + std::to_string(i) + ", seed " + std::to_string(seed));
      ASSERT_GT(c.low, 0);
      ASSERT_GE(c.high, std::max(c.open, c.close));
      ASSERT_LE(c.low, std::min(c.open, c.close));
      ASSERT_TRUE(on_grid(c.open, profile.tick_size)) << c.open;
      ASSERT_TRUE(on_grid(c.high, profile.tick_size)) << c.high;
      ASSERT_TRUE(on_grid(c.low, profile.tick_size)) << c.low;
      ASSERT_TRUE(on_grid(c.close, profile.tick_size)) << c.close;
      ASSERT_TRUE(on_grid(c.volume, profile.step_size)) << c.volume;
      ASSERT_GT(c.volume, 0);
      ASSERT_GE(c.quote_volume, c.volume * c.low * (1 - 1e-12));
      ASSERT_LE(c.quote_volume, c.volume * c.high * (1 + 1e-12));
      ASSERT_GE(c.trade_count, 1u);
      ASSERT_EQ(c.close_time_ms, c.open_time_ms + minute_ms - 1);
      if (i > 0) {
        ASSERT_EQ(c.open, minutes[i - 1].close);
        ASSERT_EQ(c.open_time_ms, minutes[i - 1].close_time_ms + 1);
      }
    }
  }
}

TEST(candle_invariants, a_tenth_of_a_cent_coin_stays_positive_through_a_long_crash_prone_history) {
  // A nasty profile: tiny price, 250 % a year, frequent large jumps, no pull to the base.
  symbol_profile profile{"CRASHUSDT", 0.0015, 2.5, 0.000001, 100.0, 1e6};
  model_params params;
  params.jumps_per_day = 4;
  params.jump_mean_sd = 4;
  params.mean_reversion = 0;
  params.garch_beta = 0.8;
  symbol_market market(profile, seed, params);
  for (std::int64_t d = 0; d < 3 * 365; ++d) {
    for (const candle& c : market.day_minutes(default_origin_ms / day_ms + d)) {
      ASSERT_GE(c.low, profile.tick_size) << "day " << d << ", seed " << seed;
      ASSERT_TRUE(std::isfinite(c.high)) << "day " << d << ", seed " << seed;
    }
  }
}

}  // namespace
}  // namespace tb::exchange_sim
