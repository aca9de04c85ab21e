// exchange_binance.so's kline websocket against fake-binance: routed combined streams, and a
// dropped connection that ends with no missing and no duplicate closed candle.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fake_process.hpp"
#include "loaded_plugin.hpp"
#include "test_host.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

using candles_t = std::vector<recording_sink::candle_event>;
using statuses_t = std::vector<std::pair<std::string, int32_t>>;

std::size_t closed_count(const candles_t& all, const std::string& symbol) {
  std::size_t n = 0;
  for (const auto& e : all) n += e.symbol == symbol && (e.candle.flags & TB_CANDLE_CLOSED) ? 1 : 0;
  return n;
}

std::size_t count_status(const statuses_t& all, int32_t status) {
  std::size_t n = 0;
  for (const auto& s : all) n += s.second == status ? 1 : 0;
  return n;
}

class kline_stream_test : public ::testing::Test {
 protected:
  void SetUp() override {
    // 60x: a 1m candle closes every real second.
    fake_ = std::make_unique<fake_process>(std::vector<std::string>{"--symbols", "60", "--speed", "60"});
    host_.add_bucket("binance.ip_weight", 2400, 60s);
    host_.config = R"({"rest_url": ")" + fake_->rest_url() + R"(", "ws_url": ")" +
                   fake_->ws_url() + R"(", "time_sync_interval_s": 10})";
    plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
    ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
  }
  void TearDown() override {
    if (HasFailure()) {
      for (const auto& line : host_.logs()) std::cerr << "log: " << line << "\n";
      for (const auto& [stream, status] : sink_.statuses()) std::cerr << "status: " << stream << " " << status << "\n";
      std::cerr << "candles: " << sink_.candles().size() << "\n";
    }
    plugin_.reset();
    fake_.reset();
  }

  test_host host_;
  recording_sink sink_;
  std::unique_ptr<fake_process> fake_;
  std::unique_ptr<loaded_plugin> plugin_;
  tb_error err_{};
};

TEST_F(kline_stream_test, a_dropped_connection_loses_and_repeats_no_closed_candle) {
  const char* symbols[] = {"BTCUSDT", "ETHUSDT"};
  ASSERT_EQ(plugin_->exchange().subscribe_candles(plugin_->self(), symbols, 2, "1m", sink_.raw(),
                                                  &err_), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for([](const candles_t& c, const statuses_t&) {
    return closed_count(c, "BTCUSDT") >= 2 && closed_count(c, "ETHUSDT") >= 2;
  }, 60s)) << "no closed candles arrived";
  const std::size_t btc_before = closed_count(sink_.candles(), "BTCUSDT");
  const std::size_t eth_before = closed_count(sink_.candles(), "ETHUSDT");
  fake_->admin("POST", "/_admin/ws/drop");
  ASSERT_TRUE(sink_.wait_for([&](const candles_t& c, const statuses_t& s) {
    return count_status(s, TB_STREAM_DISCONNECTED) >= 1 && count_status(s, TB_STREAM_CONNECTED) >= 2 &&
           closed_count(c, "BTCUSDT") >= btc_before + 4 && closed_count(c, "ETHUSDT") >= eth_before + 4;
  }, 90s)) << "the stream did not recover";
  ASSERT_EQ(plugin_->exchange().unsubscribe_candles(plugin_->self(), symbols, 2, "1m", &err_), TB_OK);

  std::map<std::string, std::vector<std::int64_t>> closed;
  for (const auto& e : sink_.candles()) {
    EXPECT_EQ(e.interval, "1m");
    if (e.candle.flags & TB_CANDLE_CLOSED) closed[e.symbol].push_back(e.candle.open_time_ms);
  }
  for (const auto& [symbol, times] : closed) {
    for (std::size_t i = 1; i < times.size(); ++i) {
      EXPECT_EQ(times[i], times[i - 1] + 60'000) << symbol << " candle " << i;
    }
  }
  for (const auto& r : fake_->requests()) {
    if (r.value("method", "") == "WS") {
      EXPECT_EQ(r.value("path", "").rfind("/market/stream", 0), 0u) << r.dump();
    }
  }
}

TEST_F(kline_stream_test, stop_joins_the_stream_threads) {
  const char* symbols[] = {"BTCUSDT"};
  ASSERT_EQ(plugin_->exchange().subscribe_candles(plugin_->self(), symbols, 1, "1m", sink_.raw(),
                                                  &err_), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for([](const candles_t&, const statuses_t& s) {
    return count_status(s, TB_STREAM_CONNECTED) >= 1;
  }, 30s));
  plugin_->stop();
  const std::size_t pushed = sink_.candles().size();
  EXPECT_EQ(sink_.candles().size(), pushed);  // nothing pushes after stop() returned
  plugin_.reset();
}

}  // namespace
}  // namespace tb::binance::testing
