#include "feed/synthetic_feed.hpp"

#include <gtest/gtest.h>

namespace tb::exchange_sim {
namespace {

constexpr std::int64_t jan_2024 = 1'704'067'200'000;

TEST(synthetic_feed, filters_come_from_the_profiles) {
  synthetic_feed feed(12, 1, interval::m1);
  ASSERT_EQ(feed.symbols().size(), 12u);
  const feed_symbol& btc = feed.symbols()[0];
  EXPECT_EQ(btc.name, "BTCUSDT");
  EXPECT_EQ(btc.tick_size, "0.1");
  EXPECT_EQ(btc.step_size, "0.001");
  EXPECT_EQ(btc.min_qty, "0.001");  // one step
  EXPECT_EQ(btc.min_notional, "5");
  EXPECT_EQ(feed.symbols()[10].tick_size, "0.0000000001");  // PEPE
  EXPECT_EQ(decimal_text(1000.0), "1000");
}

TEST(synthetic_feed, base_candles_are_closed_aligned_and_in_range) {
  synthetic_feed feed(2, 1, interval::h1);
  EXPECT_EQ(feed.base_interval_ms(), 3'600'000);
  std::vector<tb_candle> out;
  feed.base_candles(1, jan_2024, jan_2024 + 24 * 3'600'000, out);
  ASSERT_EQ(out.size(), 24u);
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].open_time_ms, jan_2024 + static_cast<std::int64_t>(i) * 3'600'000);
    EXPECT_EQ(out[i].close_time_ms, out[i].open_time_ms + 3'599'999);
    EXPECT_EQ(out[i].flags, TB_CANDLE_CLOSED);
  }
  EXPECT_THROW(synthetic_feed(1, 1, interval::m5), std::invalid_argument);
}

TEST(synthetic_feed, funding_only_with_a_rate_at_00_08_16_utc) {
  std::vector<funding_rate> out;
  synthetic_feed none(1, 1, interval::m1);
  none.funding(0, jan_2024, jan_2024 + 86'400'000, out);
  EXPECT_TRUE(out.empty());
  synthetic_feed paid(1, 1, interval::m1, 0.0001);
  paid.funding(0, jan_2024 + 1, jan_2024 + 86'400'000 + 1, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].time_ms, jan_2024 + 8 * 3'600'000);
  EXPECT_EQ(out[1].time_ms, jan_2024 + 16 * 3'600'000);
  EXPECT_EQ(out[2].time_ms, jan_2024 + 24 * 3'600'000);
  EXPECT_EQ(out[0].rate, 0.0001);
}

}  // namespace
}  // namespace tb::exchange_sim
