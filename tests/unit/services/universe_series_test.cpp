// universe_series(): every symbol at every interval, read back from a candle_store as the
// strategies receive it.
#include "services/universe_series.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/interval.hpp"

namespace tb::host {
namespace {

// `count` closed candles of `interval` ending before `end_ms`, oldest first, with closes
// 1, 2, ... so the newest has the largest close.
std::vector<tb_candle> closed_candles(const std::string& interval, std::size_t count,
                                      std::int64_t end_ms) {
  const std::int64_t iv = interval_ms(interval);
  std::vector<tb_candle> out;
  for (std::size_t i = 0; i < count; ++i) {
    tb_candle c{};
    c.open_time_ms = end_ms - static_cast<std::int64_t>(count - i) * iv;
    c.close_time_ms = c.open_time_ms + iv - 1;
    c.open = c.high = c.low = c.close = static_cast<double>(i + 1);
    c.flags = TB_CANDLE_CLOSED;
    out.push_back(c);
  }
  return out;
}

TEST(UniverseSeries, EverySymbolAtEveryIntervalSymbolsTogetherInTheOrderGiven) {
  symbol_table table;
  const std::uint32_t eth = table.intern("ETHUSDT");
  const std::uint32_t btc = table.intern("BTCUSDT");
  const auto ids = universe_series({"BTCUSDT", "ETHUSDT"}, {"1h", "4h"}, table);
  EXPECT_EQ(ids, (std::vector<candle_store::series_id>{
                     {btc, "1h"}, {btc, "4h"}, {eth, "1h"}, {eth, "4h"}}));
}

TEST(UniverseSeries, LeavesOutSymbolsTheTableDoesNotKnow) {
  symbol_table table;
  const std::uint32_t btc = table.intern("BTCUSDT");
  EXPECT_EQ(universe_series({"XRPUSDT", "BTCUSDT"}, {"1h"}, table),
            (std::vector<candle_store::series_id>{{btc, "1h"}}));
  EXPECT_TRUE(universe_series({"BTCUSDT"}, {}, table).empty());
  EXPECT_TRUE(universe_series({}, {"1h"}, table).empty());
}

TEST(UniverseSeries, TheStoreHandsEverySeriesOutClosedAndNewestLast) {
  constexpr std::int64_t end_ms = 1'700'000'000'000 / 14'400'000 * 14'400'000;  // a 4h boundary
  symbol_table table;
  candle_store store(500);
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
  for (const auto& symbol : symbols) {
    const std::uint32_t id = table.intern(symbol);
    for (const std::string interval : {"1h", "4h"}) {
      auto candles = closed_candles(interval, 200, end_ms);
      tb_candle open = candles.back();  // the candle still open is never handed out
      open.open_time_ms = end_ms;
      open.close_time_ms = end_ms + interval_ms(interval) - 1;
      open.close = 1000;
      open.flags = 0;
      candles.push_back(open);
      store.merge(id, symbol, interval, candles.data(), candles.size());
    }
  }
  const auto ids = universe_series(symbols, {"1h", "4h"}, table);
  std::vector<std::string> seen;
  const std::size_t count = store.with_series_set(ids, [&](const std::vector<tb_series>& all) {
    for (const tb_series& s : all) {
      seen.push_back(std::string(s.symbol) + " " + s.interval);
      ASSERT_EQ(s.count, 200u);
      EXPECT_EQ(s.candles[0].close, 1.0);
      EXPECT_EQ(s.candles[s.count - 1].close, 200.0);
      EXPECT_EQ(s.candles[s.count - 1].close_time_ms, end_ms - 1);
      EXPECT_LT(s.candles[0].open_time_ms, s.candles[s.count - 1].open_time_ms);
    }
  });
  EXPECT_EQ(count, 6u);
  EXPECT_EQ(seen, (std::vector<std::string>{"BTCUSDT 1h", "BTCUSDT 4h", "ETHUSDT 1h",
                                            "ETHUSDT 4h", "SOLUSDT 1h", "SOLUSDT 4h"}));
  // No symbol has a 15m series: none is handed out, not even empty.
  EXPECT_EQ(store.with_series_set(universe_series(symbols, {"15m"}, table),
                                  [](const std::vector<tb_series>&) {}),
            0u);
}

}  // namespace
}  // namespace tb::host
