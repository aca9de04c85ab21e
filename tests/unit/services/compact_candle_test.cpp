#include "services/compact_candle.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <string>

#include "services/candle_series.hpp"

namespace tb::host {
namespace {

constexpr std::int64_t hour = 3'600'000;

double parsed(const std::string& text) {  // as the exchange plugin parses a kline field
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

tb_candle priced(std::int64_t index, const std::string& o, const std::string& h,
                 const std::string& l, const std::string& c) {
  tb_candle out{};
  out.open_time_ms = index * hour;
  out.close_time_ms = (index + 1) * hour - 1;
  out.open = parsed(o);
  out.high = parsed(h);
  out.low = parsed(l);
  out.close = parsed(c);
  out.volume = 15595248;
  out.quote_volume = 34150830.4962;
  out.trade_count = 22828;
  out.flags = TB_CANDLE_CLOSED;
  return out;
}

TEST(CompactCandle, DecimalPricesComeBackBitIdentical) {
  const tb_candle cases[] = {
      priced(1, "95596.1", "95600.6", "95441.3", "95477.1"),
      priced(2, "2.1828", "2.2293", "2.1421", "2.2128"),
      priced(3, "0.00001234", "0.00001301", "0.00001200", "0.00001250"),
      priced(4, "0.1", "0.3", "0.07", "0.2"),
      priced(5, "1234.56789", "1234.6", "1234.5", "1234.55"),
  };
  for (const auto& c : cases) {
    const int scale = price_codec::decimals_needed(c);
    ASSERT_TRUE(price_codec::fits(price_codec::largest_price(c), scale));
    const tb_candle back = price_codec::unpack(price_codec::pack(c, scale), scale);
    EXPECT_EQ(back.open, c.open);
    EXPECT_EQ(back.high, c.high);
    EXPECT_EQ(back.low, c.low);
    EXPECT_EQ(back.close, c.close);
    EXPECT_EQ(back.open_time_ms, c.open_time_ms);
    EXPECT_EQ(back.close_time_ms, c.close_time_ms);
    EXPECT_EQ(back.trade_count, c.trade_count);
    EXPECT_EQ(back.flags, TB_CANDLE_CLOSED);
  }
}

TEST(CompactCandle, VolumesKeepSevenSignificantDigits) {
  const tb_candle c = priced(1, "1", "1", "1", "1");
  const tb_candle back = price_codec::unpack(price_codec::pack(c, 0), 0);
  EXPECT_EQ(back.volume, c.volume);  // below 2^24: exact
  EXPECT_NEAR(back.quote_volume, c.quote_volume, c.quote_volume * 6e-8);
}

TEST(CompactCandle, ASeriesRaisesItsScaleWithoutLosingHeldPrices) {
  candle_series s(hour, true, 10);
  const tb_candle coarse = priced(1, "95596.1", "95600.6", "95441.3", "95477.1");
  const tb_candle fine = priced(2, "95477.12", "95480.55", "95470.01", "95479.99");
  s.merge(&coarse, 1);
  EXPECT_EQ(s.price_scale(), 1);
  s.merge(&fine, 1);
  EXPECT_EQ(s.price_scale(), 2);
  EXPECT_EQ(s.at(0).high, coarse.high);
  EXPECT_EQ(s.at(1).low, fine.low);
  EXPECT_EQ(s.at(1).close, fine.close);
}

TEST(CompactCandle, APriceTooLargeForTheScaleLowersItAndRounds) {
  candle_series s(hour, true, 10);
  const tb_candle small = priced(1, "0.123456", "0.2", "0.1", "0.15");
  const tb_candle huge = priced(2, "5000000.5", "5000001", "4999999", "5000000");
  s.merge(&small, 1);
  EXPECT_EQ(s.price_scale(), 6);
  s.merge(&huge, 1);
  EXPECT_LE(s.price_scale(), 2);  // 5e6 x 10^2 units still fit 2^31 - 1
  EXPECT_EQ(s.at(1).open, huge.open);
  EXPECT_NEAR(s.at(0).open, small.open, 0.01);
}

TEST(CompactCandle, ASeriesHoldsOnlyWhatItNeeds) {
  candle_series s(hour, true, 500);
  EXPECT_EQ(s.memory_bytes(), 0u);
  std::vector<tb_candle> v;
  for (int i = 1; i <= 200; ++i) v.push_back(priced(i, "1.5", "2", "1", "1.75"));
  s.merge(v.data(), v.size());
  EXPECT_EQ(s.memory_bytes(), 200 * sizeof(compact_candle));
  const tb_candle next = priced(201, "1.5", "2", "1", "1.75");
  s.merge(&next, 1);
  EXPECT_LE(s.memory_bytes(), 400 * sizeof(compact_candle));
  for (int i = 202; i <= 800; ++i) {
    const tb_candle c = priced(i, "1.5", "2", "1", "1.75");
    s.merge(&c, 1);
  }
  EXPECT_EQ(s.size(), 500u);
  EXPECT_EQ(s.memory_bytes(), 500 * sizeof(compact_candle));  // never past the capacity
}

}  // namespace
}  // namespace tb::host
