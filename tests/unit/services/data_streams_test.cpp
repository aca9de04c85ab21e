// The websocket side of the DataService: pushed candles, gaps, disconnects.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "service_harness.hpp"
#include "services/data_service.hpp"

namespace tb::host {
namespace {

using testing::hour_ms;
using testing::service_harness;

class DataStreams : public ::testing::Test {
 protected:
  void SetUp() override {
    svc_ = h_.make();
    ASSERT_TRUE(svc_->subscribe({"BTCUSDT"}, "1h").ok());
    const auto first = svc_->fetch_klines_batch({"BTCUSDT"}, "1h", 100);  // REST catch-up
    ASSERT_EQ(first.requests, 1u);
    id_ = *svc_->symbols().find("BTCUSDT");
  }

  std::int64_t last_open() const { return svc_->store().last_closed(id_, "1h")->open_time_ms; }
  bool push(std::int64_t open_ms) {
    const tb_candle c = h_.candle_at("BTCUSDT", hour_ms, open_ms);
    return h_.control().push_candle(h_.self(), "BTCUSDT", "1h", &c) != 0;
  }

  service_harness h_;
  std::unique_ptr<data_service> svc_;
  std::uint32_t id_ = 0;
};

TEST_F(DataStreams, PushedCandlesAreMergedInOrderAndKeepTheSymbolCurrent) {
  const std::int64_t before = last_open();
  h_.clk.advance_ms(hour_ms);
  ASSERT_TRUE(push(before + hour_ms));      // the candle that just closed
  ASSERT_TRUE(push(before + 2 * hour_ms));  // the new open one
  ASSERT_TRUE(push(before + hour_ms));      // a repeat
  const auto closed = svc_->store().closed_candles(id_, "1h");
  EXPECT_EQ(closed.back().open_time_ms, before + hour_ms);
  EXPECT_EQ(closed[closed.size() - 2].open_time_ms, before);
  EXPECT_EQ(svc_->store().open_candle(id_, "1h")->open_time_ms, before + 2 * hour_ms);

  const auto calls = h_.control().fetch_calls(h_.self());
  const auto report = svc_->fetch_klines_batch({"BTCUSDT"}, "1h", 100);
  EXPECT_EQ(report.streamed, 1u);
  EXPECT_EQ(report.requests, 0u);
  EXPECT_EQ(h_.control().fetch_calls(h_.self()), calls);
  EXPECT_TRUE(report.stale.empty());
}

TEST_F(DataStreams, AGapInPushedCandlesIsBackfilledByRest) {
  const std::int64_t before = last_open();
  h_.clk.advance_ms(3 * hour_ms);
  ASSERT_TRUE(push(before + 3 * hour_ms));  // two closed candles never arrived
  EXPECT_EQ(svc_->store().gaps(id_, "1h").size(), 1u);

  const auto report = svc_->fetch_klines_batch({"BTCUSDT"}, "1h", 100);
  EXPECT_EQ(report.backfills, 1u);
  EXPECT_EQ(report.gaps_left, 0u);
  EXPECT_TRUE(svc_->store().gaps(id_, "1h").empty());
  const auto closed = svc_->store().closed_candles(id_, "1h");
  EXPECT_EQ(closed.back().open_time_ms, before + 3 * hour_ms);
  for (std::size_t i = 1; i < closed.size(); ++i) {
    ASSERT_EQ(closed[i].open_time_ms - closed[i - 1].open_time_ms, hour_ms);
  }
}

TEST_F(DataStreams, ADisconnectMakesTheNextBatchCatchUpByRest) {
  const std::int64_t before = last_open();
  ASSERT_TRUE(h_.control().push_status(h_.self(), "btcusdt@kline_1h", TB_STREAM_DISCONNECTED));
  EXPECT_EQ(h_.health.get("data")->state, health_state::degraded);
  h_.clk.advance_ms(hour_ms);
  ASSERT_TRUE(h_.control().push_status(h_.self(), "btcusdt@kline_1h", TB_STREAM_CONNECTED));

  auto report = svc_->fetch_klines_batch({"BTCUSDT"}, "1h", 100);
  EXPECT_EQ(report.streamed, 0u);
  EXPECT_EQ(report.requests, 1u);
  EXPECT_EQ(last_open(), before + hour_ms);
  EXPECT_EQ(h_.health.get("data")->state, health_state::healthy);

  report = svc_->fetch_klines_batch({"BTCUSDT"}, "1h", 100);  // the stream is trusted again
  EXPECT_EQ(report.streamed, 1u);
}

TEST_F(DataStreams, ConcurrentPushesFromPluginThreadsAreAllMerged) {
  const std::int64_t before = last_open();
  h_.clk.advance_ms(40 * hour_ms);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 40; i += 4) push(before + (i + 1) * hour_ms);
    });
  }
  for (auto& th : threads) th.join();
  const auto closed = svc_->store().closed_candles(id_, "1h");
  EXPECT_EQ(closed.back().open_time_ms, before + 40 * hour_ms);
  EXPECT_TRUE(svc_->store().gaps(id_, "1h").empty());
}

}  // namespace
}  // namespace tb::host
