#include "tradingbot/sdk/series.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "tradingbot/sdk/signal.hpp"

namespace tb::sdk {
namespace {

// What a later host might pass: a longer candle. Plugins built now must still read it.
struct wide_candle {
  tb_candle base;
  double later_field_a;
  double later_field_b;
};

std::vector<wide_candle> wide_candles(int count) {
  std::vector<wide_candle> out(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    out[static_cast<std::size_t>(i)].base.open_time_ms = 1000 * i;
    out[static_cast<std::size_t>(i)].base.close_time_ms = 1000 * i + 999;
    out[static_cast<std::size_t>(i)].base.close = 10.0 + i;
    out[static_cast<std::size_t>(i)].base.low = 9.0 + i;
    out[static_cast<std::size_t>(i)].later_field_a = -1.0;  // garbage to a 1.0 reader
  }
  return out;
}

tb_series make_series(const char* symbol, const char* interval, const void* candles,
                      std::size_t count, std::size_t stride) {
  tb_series s{};
  s.struct_size = sizeof s;
  s.symbol_id = 17;
  s.symbol = symbol;
  s.interval = interval;
  s.interval_s = 3600;
  s.candle_stride = static_cast<std::uint32_t>(stride);
  s.count = count;
  s.candles = static_cast<const tb_candle*>(candles);
  return s;
}

TEST(series_view, walks_candles_with_the_hosts_stride) {
  const auto candles = wide_candles(5);
  const tb_series raw = make_series("BTCUSDT", "1h", candles.data(), 5, sizeof(wide_candle));
  const series_view s(raw);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s.symbol(), "BTCUSDT");
  EXPECT_EQ(s.interval(), "1h");
  EXPECT_EQ(s.symbol_id(), 17u);
  EXPECT_EQ(s.interval_s(), 3600u);
  EXPECT_EQ(s[3].close, 13.0);
  EXPECT_EQ(s.front().open_time_ms, 0);
  EXPECT_EQ(s.back().close_time_ms, 4999);
  double sum = 0;
  for (const candle& c : s) sum += c.close;
  EXPECT_EQ(sum, 10.0 + 11 + 12 + 13 + 14);
  EXPECT_EQ(std::distance(s.begin(), s.end()), 5);
  auto it = s.end();
  --it;
  EXPECT_EQ(it->close, 14.0);
  EXPECT_EQ(s.begin()[2].close, 12.0);
  EXPECT_EQ((s.begin() + 4)->close, 14.0);
  EXPECT_EQ((s.end() - s.begin()), 5);
  EXPECT_TRUE(s.begin() < s.end());
  const auto lowest = std::min_element(s.begin(), s.end(), [](const candle& a, const candle& b) {
    return a.low < b.low;
  });
  EXPECT_EQ(lowest->low, 9.0);
}

TEST(series_view, at_checks_the_index) {
  const auto candles = wide_candles(2);
  const series_view s(make_series("X", "1h", candles.data(), 2, sizeof(wide_candle)));
  EXPECT_EQ(s.at(1).close, 11.0);
  try {
    s.at(2);
    FAIL() << "at(2) did not throw";
  } catch (const error& e) {
    EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
  }
}

TEST(series_view, a_malformed_series_reads_as_empty) {
  const auto candles = wide_candles(3);
  tb_series short_stride = make_series("X", "1h", candles.data(), 3, 8);
  tb_series null_candles = make_series("X", "1h", nullptr, 3, sizeof(tb_candle));
  tb_series old_struct = make_series("X", "1h", candles.data(), 3, sizeof(wide_candle));
  old_struct.struct_size = static_cast<std::uint32_t>(offsetof(tb_series, candles));
  for (const tb_series* raw : {&short_stride, &null_candles, &old_struct}) {
    EXPECT_FALSE(series_view::well_formed(*raw));
    EXPECT_TRUE(series_view(*raw).empty());
  }
  EXPECT_TRUE(series_view::well_formed(make_series("X", "1h", nullptr, 0, sizeof(tb_candle))));
  EXPECT_TRUE(series_view().empty());
}

TEST(series_batch, iterates_and_finds) {
  const auto a = wide_candles(2);
  const auto b = wide_candles(3);
  const tb_series raw[] = {make_series("BTCUSDT", "1h", a.data(), 2, sizeof(wide_candle)),
                           make_series("BTCUSDT", "4h", b.data(), 3, sizeof(wide_candle))};
  const series_batch batch(raw, 2);
  EXPECT_EQ(batch.size(), 2u);
  std::vector<std::string> seen;
  for (const series_view s : batch) seen.push_back(std::string(s.interval()));
  EXPECT_EQ(seen, (std::vector<std::string>{"1h", "4h"}));
  ASSERT_TRUE(batch.find("BTCUSDT", "4h").has_value());
  EXPECT_EQ(batch.find("BTCUSDT", "4h")->size(), 3u);
  EXPECT_FALSE(batch.find("ETHUSDT", "4h").has_value());
  EXPECT_TRUE(series_batch(nullptr, 5).empty());
}

TEST(signal, signal_for_takes_symbol_and_time_from_the_series) {
  const auto candles = wide_candles(4);
  const series_view s(make_series("ETHUSDT", "1h", candles.data(), 4, sizeof(wide_candle)));
  signal idea = signal_for(s, side::long_);
  idea.entry(100.5).stop_loss(99).take_profit(103).confidence(0.8).reason("sweep + FVG");
  const tb_signal c = idea.to_c();
  EXPECT_EQ(c.struct_size, sizeof(tb_signal));
  EXPECT_STREQ(c.symbol, "ETHUSDT");
  EXPECT_EQ(c.symbol_id, 17u);
  EXPECT_EQ(c.side, TB_SIDE_LONG);
  EXPECT_EQ(c.interval_s, 3600u);
  EXPECT_EQ(c.time_ms, 3999);
  EXPECT_EQ(c.entry, 100.5);
  EXPECT_EQ(c.stop_loss, 99.0);
  EXPECT_EQ(c.take_profit, 103.0);
  EXPECT_EQ(c.confidence, 0.8);
  EXPECT_STREQ(c.reason, "sweep + FVG");
  EXPECT_EQ(c.meta_json, nullptr);
}

TEST(signal, strings_survive_a_move_of_the_builder) {
  signal first("BTCUSDT", 1, side::short_, 900, 5);
  first.reason(std::string(100, 'r')).meta_json("{\"k\":1}");
  std::vector<signal> kept;
  kept.push_back(std::move(first));
  const tb_signal c = kept.front().to_c();
  EXPECT_STREQ(c.symbol, "BTCUSDT");
  EXPECT_EQ(std::string(c.reason), std::string(100, 'r'));
  EXPECT_STREQ(c.meta_json, "{\"k\":1}");
  EXPECT_EQ(c.side, TB_SIDE_SHORT);
}

TEST(signal_sink, emit_fills_struct_size_and_forwards) {
  testing::recording_signal_sink host_sink;
  const signal_sink sink(host_sink.raw());
  ASSERT_TRUE(sink.available());
  tb_signal raw{};  // struct_size left 0 on purpose
  raw.symbol = "XRPUSDT";
  raw.side = TB_SIDE_LONG;
  EXPECT_EQ(sink.emit(raw), TB_OK);
  EXPECT_EQ(sink.emit(signal("BTCUSDT", 2, side::short_, 3600, 10)), TB_OK);
  ASSERT_EQ(host_sink.signals.size(), 2u);
  EXPECT_EQ(host_sink.signals[0].raw.struct_size, sizeof(tb_signal));
  EXPECT_EQ(host_sink.signals[0].symbol, "XRPUSDT");
  EXPECT_EQ(host_sink.signals[1].symbol, "BTCUSDT");
  EXPECT_TRUE(host_sink.signals[1].reason_null);
  host_sink.status = TB_E_INVALID_ARGUMENT;
  EXPECT_EQ(sink.emit(raw), TB_E_INVALID_ARGUMENT);
}

TEST(signal_sink, a_missing_sink_refuses) {
  EXPECT_EQ(signal_sink(nullptr).emit(signal("X", 0, side::long_, 60, 0)), TB_E_UNSUPPORTED);
  testing::recording_signal_sink host_sink;
  host_sink.table().struct_size = static_cast<std::uint32_t>(offsetof(tb_signal_sink, emit));
  EXPECT_FALSE(signal_sink(host_sink.raw()).available());
  EXPECT_EQ(signal_sink(host_sink.raw()).emit(signal("X", 0, side::long_, 60, 0)),
            TB_E_UNSUPPORTED);
  EXPECT_TRUE(host_sink.signals.empty());
}

}  // namespace
}  // namespace tb::sdk
