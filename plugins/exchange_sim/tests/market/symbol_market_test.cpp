#include "market/symbol_market.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

#include "market/symbol_catalogue.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::uint64_t seed = 20261124;
constexpr std::int64_t day0 = default_origin_ms;

// Bit-for-bit equality, so that -0.0 == 0.0 or rounding luck cannot hide a difference.
bool same_bits(const candle& a, const candle& b) { return std::memcmp(&a, &b, sizeof(candle)) == 0; }

TEST(symbol_market, overlapping_ranges_agree_bit_for_bit_whatever_the_order) {
  const auto profile = make_symbol_catalogue(1).front();
  for (const interval iv : {interval::m1, interval::m5, interval::h1, interval::h4, interval::d1}) {
    const std::int64_t length = interval_ms(iv);
    // [a, b) late first, then [a', b') earlier and overlapping, on one object; and the
    // earlier range alone on a fresh object that has never seen the later days.
    const std::int64_t a = day0 + 200 * day_ms + 7 * hour_ms + 13 * minute_ms;
    const std::int64_t b = a + 3 * day_ms;
    const std::int64_t a2 = a - 2 * day_ms;
    const std::int64_t b2 = a + day_ms + 17 * minute_ms;
    symbol_market market(profile, seed);
    std::vector<candle> late;
    std::vector<candle> early;
    market.candles(iv, a, b, late);
    market.candles(iv, a2, b2, early);
    symbol_market fresh(profile, seed);
    std::vector<candle> fresh_early;
    fresh.candles(iv, a2, b2, fresh_early);
    ASSERT_EQ(early.size(), fresh_early.size());
    std::size_t overlap = 0;
    for (std::size_t i = 0; i < early.size(); ++i) {
      ASSERT_TRUE(same_bits(early[i], fresh_early[i])) << to_string(iv) << " candle " << i;
      const std::int64_t t = early[i].open_time_ms;
      if (t < late.front().open_time_ms) continue;
      const auto j = static_cast<std::size_t>((t - late.front().open_time_ms) / length);
      ASSERT_LT(j, late.size());
      ASSERT_TRUE(same_bits(early[i], late[j])) << to_string(iv) << " at " << t << ", seed " << seed;
      ++overlap;
    }
    EXPECT_GT(overlap, 0u) << to_string(iv);
  }
}

TEST(symbol_market, jumping_far_ahead_equals_walking_there) {
  const auto profile = make_symbol_catalogue(5).back();
  symbol_market walker(profile, seed);
  for (std::int64_t d = 0; d <= 400; d += 10) walker.day_minutes(day0 / day_ms + d);
  symbol_market jumper(profile, seed);
  const auto target = day0 / day_ms + 400;
  EXPECT_EQ(walker.state_at_day(target), jumper.state_at_day(target));
  const auto a = jumper.day_minutes(target);
  const std::vector<candle> jumped(a.begin(), a.end());
  const auto b = walker.day_minutes(target);
  ASSERT_EQ(jumped.size(), b.size());
  EXPECT_EQ(0, std::memcmp(jumped.data(), b.data(), jumped.size() * sizeof(candle)));
}

TEST(symbol_market, days_join_without_a_gap) {
  symbol_market market(make_symbol_catalogue(1).front(), seed);
  std::vector<candle> minutes;
  market.candles(interval::m1, day0 + 10 * day_ms - 5 * minute_ms, day0 + 10 * day_ms + 5 * minute_ms, minutes);
  ASSERT_EQ(minutes.size(), 10u);
  for (std::size_t i = 1; i < minutes.size(); ++i) {
    EXPECT_EQ(minutes[i].open, minutes[i - 1].close);
    EXPECT_EQ(minutes[i].open_time_ms, minutes[i - 1].open_time_ms + minute_ms);
  }
}

TEST(symbol_market, seed_and_name_change_the_path) {
  auto profile = make_symbol_catalogue(1).front();
  symbol_market a(profile, seed);
  symbol_market b(profile, seed + 1);
  profile.name = "BTCUSDT_COPY";
  symbol_market c(profile, seed);
  const candle ca = a.candle_at(interval::h1, day0 + 3 * day_ms);
  EXPECT_NE(ca.close, b.candle_at(interval::h1, day0 + 3 * day_ms).close);
  EXPECT_NE(ca.close, c.candle_at(interval::h1, day0 + 3 * day_ms).close);
}

TEST(symbol_market, nothing_before_the_origin_and_bad_origins_are_refused) {
  symbol_market market(make_symbol_catalogue(1).front(), seed);
  std::vector<candle> out;
  EXPECT_EQ(market.candles(interval::h1, day0 - 5 * hour_ms, day0 + 2 * hour_ms, out), 2u);
  EXPECT_EQ(out.front().open_time_ms, day0);
  EXPECT_TRUE(market.day_minutes(day0 / day_ms - 1).empty());
  EXPECT_THROW(market.candle_at(interval::m1, day0 - minute_ms), std::out_of_range);
  EXPECT_THROW((void)symbol_market(make_symbol_catalogue(1).front(), seed, {}, day0 + hour_ms),
               std::invalid_argument);
  auto bad = make_symbol_catalogue(1).front();
  bad.base_price = 0;
  EXPECT_THROW((void)symbol_market(bad, seed), std::invalid_argument);
}

TEST(symbol_market, unaligned_ranges_start_at_the_next_boundary) {
  symbol_market market(make_symbol_catalogue(1).front(), seed);
  std::vector<candle> out;
  EXPECT_EQ(market.candles(interval::h4, day0 + day_ms + 1, day0 + 2 * day_ms, out), 5u);
  EXPECT_EQ(out.front().open_time_ms, day0 + day_ms + 4 * hour_ms);
  EXPECT_EQ(out.back().close_time_ms, day0 + 2 * day_ms - 1);
}

}  // namespace
}  // namespace tb::exchange_sim
