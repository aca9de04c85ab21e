#include "plugin/synthetic_series.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace tb::host {
namespace {

TEST(SyntheticSeries, IntervalCodes) {
  EXPECT_EQ(interval_seconds("1m"), 60u);
  EXPECT_EQ(interval_seconds("15m"), 900u);
  EXPECT_EQ(interval_seconds("4h"), 14400u);
  EXPECT_EQ(interval_seconds("1d"), 86400u);
  EXPECT_EQ(interval_seconds("1w"), 604800u);
  EXPECT_EQ(interval_seconds("1M"), 2592000u);
  for (const char* bad : {"", "m", "0m", "1x", "h1", "1.5h", "-1m", "99999999999m"}) {
    EXPECT_FALSE(interval_seconds(bad).has_value()) << bad;
  }
}

TEST(SyntheticSeries, CandlesAreClosedConsecutiveAndConsistent) {
  const synthetic_series data("BTCUSDT", 3, "4h", 14400, 100);
  const tb_series s = data.view();
  EXPECT_EQ(s.struct_size, sizeof(tb_series));
  EXPECT_STREQ(s.symbol, "BTCUSDT");
  EXPECT_STREQ(s.interval, "4h");
  EXPECT_EQ(s.symbol_id, 3u);
  EXPECT_EQ(s.interval_s, 14400u);
  EXPECT_EQ(s.candle_stride, sizeof(tb_candle));
  ASSERT_EQ(s.count, 100u);
  for (std::size_t i = 0; i < s.count; ++i) {
    const tb_candle& c = s.candles[i];
    EXPECT_EQ(c.flags & TB_CANDLE_CLOSED, TB_CANDLE_CLOSED);
    EXPECT_EQ(c.open_time_ms % (14400 * 1000), 0) << i;
    EXPECT_EQ(c.close_time_ms, c.open_time_ms + 14400 * 1000 - 1);
    EXPECT_GE(c.high, std::max(c.open, c.close));
    EXPECT_LE(c.low, std::min(c.open, c.close));
    EXPECT_GT(c.low, 0);
    if (i > 0) {
      EXPECT_EQ(c.open_time_ms, s.candles[i - 1].close_time_ms + 1);
      EXPECT_EQ(c.open, s.candles[i - 1].close);
    }
  }
}

}  // namespace
}  // namespace tb::host
