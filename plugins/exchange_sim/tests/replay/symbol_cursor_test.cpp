#include "replay/symbol_cursor.hpp"

#include <gtest/gtest.h>

#include "feed/synthetic_feed.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::int64_t jan_2024 = 1'704'067'200'000;
constexpr std::int64_t minute = 60'000;

TEST(symbol_cursor, plays_every_candle_once_in_order_across_chunks) {
  synthetic_feed feed(1, 3, interval::m1);
  symbol_cursor cursor;
  cursor.seek(feed, 0, jan_2024 + 10 * minute);
  std::vector<tb_candle> expected;
  feed.base_candles(0, jan_2024 + 9 * minute, jan_2024 + 10 * minute, expected);
  EXPECT_EQ(cursor.last_close(), expected.back().close);  // the candle before the seek
  expected.clear();
  feed.base_candles(0, jan_2024 + 10 * minute, jan_2024 + 3 * 1440 * minute, expected);
  std::size_t played = 0;
  const std::int64_t until = jan_2024 + 3 * 1440 * minute;
  while (const tb_candle* c = cursor.peek(feed, 0, until)) {
    ASSERT_LT(played, expected.size());
    EXPECT_EQ(c->open_time_ms, expected[played].open_time_ms);
    EXPECT_EQ(c->close, expected[played].close);
    cursor.pop(c->close);
    ++played;
  }
  EXPECT_EQ(played, expected.size());
  // Nothing closes by `until` any more; the next candle opens exactly then.
  ASSERT_NE(cursor.opening_at(feed, 0, until), nullptr);
  EXPECT_EQ(cursor.opening_at(feed, 0, until + 1), nullptr);
}

TEST(symbol_cursor, reports_funding_inside_a_range_once) {
  synthetic_feed feed(1, 3, interval::m1, 0.0002);
  symbol_cursor cursor;
  cursor.seek(feed, 0, jan_2024);
  int seen = 0;
  cursor.each_funding(jan_2024, jan_2024 + minute, [&](const funding_rate& r) {
    EXPECT_EQ(r.time_ms, jan_2024);
    ++seen;
  });
  cursor.each_funding(jan_2024, jan_2024 + minute, [&](const funding_rate&) { ++seen; });
  EXPECT_EQ(seen, 1);
}

}  // namespace
}  // namespace tb::exchange_sim
