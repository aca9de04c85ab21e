#include "services/candle_store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace tb::host {
namespace {

constexpr std::int64_t minute = 60'000;

tb_candle closed_at(std::int64_t index) {
  tb_candle c{};
  c.open_time_ms = index * minute;
  c.close_time_ms = (index + 1) * minute - 1;
  c.flags = TB_CANDLE_CLOSED;
  return c;
}

TEST(CandleStore, HandsOutSeriesViews) {
  candle_store store(100);
  std::vector<tb_candle> v = {closed_at(1), closed_at(2)};
  store.merge(7, "BTCUSDT", "1m", v.data(), v.size());
  tb_series seen{};
  EXPECT_TRUE(store.with_series(7, "1m", [&](const tb_series& s) { seen = s; }));
  EXPECT_EQ(seen.symbol_id, 7u);
  EXPECT_STREQ(seen.symbol, "BTCUSDT");
  EXPECT_STREQ(seen.interval, "1m");
  EXPECT_EQ(seen.interval_s, 60u);
  EXPECT_EQ(seen.candle_stride, sizeof(tb_candle));
  EXPECT_EQ(seen.count, 2u);
  EXPECT_FALSE(store.with_series(7, "5m", [](const tb_series&) {}));
  EXPECT_EQ(store.series_count(), 1u);
}

TEST(CandleStore, ViewsAndCopiesCarryTheDecodedCandles) {
  candle_store store(100);
  tb_candle c = closed_at(3);
  c.open = 95596.1;
  c.high = 95600.6;
  c.low = 95441.3;
  c.close = 95477.1;
  c.volume = 311.974;
  c.trade_count = 20954;
  store.merge(7, "BTCUSDT", "1m", &c, 1);
  tb_candle seen{};
  store.with_series(7, "1m", [&](const tb_series& s) { seen = s.candles[0]; });
  EXPECT_EQ(seen.open_time_ms, c.open_time_ms);
  EXPECT_EQ(seen.close_time_ms, c.close_time_ms);
  EXPECT_EQ(seen.high, c.high);  // bit-identical: stored at one decimal
  EXPECT_EQ(seen.close, c.close);
  EXPECT_FLOAT_EQ(static_cast<float>(seen.volume), static_cast<float>(c.volume));
  EXPECT_EQ(seen.trade_count, c.trade_count);
  EXPECT_EQ(seen.flags, TB_CANDLE_CLOSED);
  EXPECT_EQ(store.closed_candles(7, "1m").front().low, c.low);
  EXPECT_EQ(store.candle_bytes(), sizeof(compact_candle));  // one candle held
}

TEST(CandleStore, RejectsAnUnknownInterval) {
  candle_store store(10);
  tb_candle c = closed_at(1);
  EXPECT_THROW(store.merge(1, "BTCUSDT", "7x", &c, 1), std::invalid_argument);
}

TEST(CandleStore, ConcurrentMergesOfDifferentSeriesKeepEveryCandle) {
  candle_store store(1000);
  std::vector<std::thread> threads;
  for (std::uint32_t t = 1; t <= 4; ++t) {
    threads.emplace_back([&store, t] {
      for (std::int64_t i = 0; i < 200; ++i) {
        tb_candle c = closed_at(i);
        store.merge(t, "S" + std::to_string(t), "1m", &c, 1);
        store.merge(1, "S1", "1m", &c, 1);  // the same series from every thread
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::uint32_t t = 1; t <= 4; ++t) EXPECT_EQ(store.closed_candles(t, "1m").size(), 200u);
}

}  // namespace
}  // namespace tb::host

namespace tb::host {
namespace {

TEST(CandleStore, HandsOutOneConsistentSetOfViewsForAScan) {
  candle_store store(10);
  tb_candle c{};
  c.open_time_ms = 60'000;
  c.close_time_ms = 119'999;
  c.flags = TB_CANDLE_CLOSED;
  store.merge(1, "BTCUSDT", "1m", &c, 1);
  store.merge(2, "ETHUSDT", "1m", &c, 1);
  store.merge(2, "ETHUSDT", "1h", &c, 1);
  std::vector<std::string> seen;
  const auto n = store.with_series_set(
      {{2, "1h"}, {1, "1m"}, {3, "1m"}, {2, "1m"}}, [&](const std::vector<tb_series>& views) {
        for (const auto& v : views) seen.push_back(std::string(v.symbol) + "@" + v.interval);
      });
  EXPECT_EQ(n, 3u);  // symbol 3 has no series
  EXPECT_EQ(seen, (std::vector<std::string>{"ETHUSDT@1h", "BTCUSDT@1m", "ETHUSDT@1m"}));
}

}  // namespace
}  // namespace tb::host
