#include "market/candle_aggregation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "market/symbol_catalogue.hpp"
#include "market/symbol_market.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::uint64_t seed = 20261124;
constexpr std::int64_t day0 = default_origin_ms;

TEST(candle_aggregation, every_interval_is_exactly_the_aggregate_of_its_minutes) {
  symbol_market market(make_symbol_catalogue(4).back(), seed);
  const std::int64_t from = day0 + 30 * day_ms;
  const std::int64_t to = from + 3 * day_ms;
  std::vector<candle> minutes;
  market.candles(interval::m1, from, to, minutes);
  ASSERT_EQ(minutes.size(), 3u * minutes_per_day);
  for (const interval iv : all_intervals) {
    std::vector<candle> big;
    market.candles(iv, from, to, big);
    const auto n = static_cast<std::size_t>(interval_minutes(iv));
    ASSERT_EQ(big.size(), minutes.size() / n) << to_string(iv);
    for (std::size_t k = 0; k < big.size(); ++k) {
      // Worked out here by hand rather than with aggregate(), so the two are checked apart.
      const candle* first = &minutes[k * n];
      candle expected = *first;
      expected.close_time_ms = first->open_time_ms + interval_ms(iv) - 1;
      for (std::size_t i = 1; i < n; ++i) {
        expected.high = std::max(expected.high, first[i].high);
        expected.low = std::min(expected.low, first[i].low);
        expected.close = first[i].close;
        expected.volume += first[i].volume;
        expected.quote_volume += first[i].quote_volume;
        expected.trade_count += first[i].trade_count;
      }
      ASSERT_EQ(big[k], expected) << to_string(iv) << " candle " << k;
      EXPECT_EQ(big[k].open_time_ms % interval_ms(iv), 0) << to_string(iv);
      EXPECT_EQ(big[k].close_time_ms, big[k].open_time_ms + interval_ms(iv) - 1);
      ASSERT_EQ(market.candle_at(iv, big[k].open_time_ms + 1), big[k]) << to_string(iv);
    }
  }
}

TEST(candle_aggregation, one_hour_is_its_sixty_minutes) {
  symbol_market market(make_symbol_catalogue(1).front(), seed);
  const std::int64_t t = day0 + 77 * day_ms + 15 * hour_ms;
  std::vector<candle> minutes;
  market.candles(interval::m1, t, t + hour_ms, minutes);
  ASSERT_EQ(minutes.size(), 60u);
  const candle hour = market.candle_at(interval::h1, t);
  EXPECT_EQ(hour.open, minutes.front().open);
  EXPECT_EQ(hour.close, minutes.back().close);
  double high = 0;
  double low = 1e300;
  for (const auto& m : minutes) {
    high = std::max(high, m.high);
    low = std::min(low, m.low);
  }
  EXPECT_EQ(hour.high, high);
  EXPECT_EQ(hour.low, low);
  EXPECT_EQ(hour.close_time_ms, t + hour_ms - 1);
}

TEST(candle_aggregation, a_partial_span_is_the_forming_candle) {
  symbol_market market(make_symbol_catalogue(1).front(), seed);
  const auto day = market.day_minutes(day0 / day_ms + 5);
  const candle forming = aggregate(day.subspan(0, 10), interval::m15);
  EXPECT_EQ(forming.close, day[9].close);
  EXPECT_EQ(forming.close_time_ms, day[0].open_time_ms + 15 * minute_ms - 1);
}

}  // namespace
}  // namespace tb::exchange_sim
