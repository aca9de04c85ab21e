// exchange_binance.so's kline websocket against fake-binance: routed combined streams, at most
// 200 streams per connection, and dropped or server-cut connections that end with no missing
// and no duplicate closed candle.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "deadline.hpp"
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

// Each symbol's closed candles follow one another with no gap and no repeat.
void expect_contiguous_closed(const candles_t& all, std::int64_t length_ms) {
  std::map<std::string, std::vector<std::int64_t>> closed;
  for (const auto& e : all) {
    if (e.candle.flags & TB_CANDLE_CLOSED) closed[e.symbol].push_back(e.candle.open_time_ms);
  }
  for (const auto& [symbol, times] : closed) {
    for (std::size_t i = 1; i < times.size(); ++i) {
      EXPECT_EQ(times[i], times[i - 1] + length_ms) << symbol << " closed candle " << i;
    }
  }
}

// The streams a websocket request to the fake carried ("streams=a/b/c" -> 3).
std::size_t stream_count(const nlohmann::json& request) {
  const std::string query = request.value("query", "");
  if (query.rfind("streams=", 0) != 0) return 0;
  return static_cast<std::size_t>(std::count(query.begin(), query.end(), '/')) + 1;
}

class kline_stream_test : public ::testing::Test {
 protected:
  // 60x: a 1m candle closes every real second. The fake allows 200 streams per connection.
  void start(const std::vector<std::string>& extra_args = {}) {
    std::vector<std::string> args{"--symbols", "60", "--speed", "60"};  // later flags win
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    fake_ = std::make_unique<fake_process>(args);
    host_.add_bucket("binance.ip_weight", 2400, 60s);
    host_.config = R"({"rest_url": ")" + fake_->rest_url() + R"(", "ws_url": ")" +
                   fake_->ws_url() + R"(", "time_sync_interval_s": 10})";
    plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
    ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
  }

  std::vector<nlohmann::json> websocket_requests() {
    std::vector<nlohmann::json> out;
    for (auto& r : fake_->requests()) {
      if (r.value("method", "") == "WS") out.push_back(std::move(r));
    }
    return out;
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
  ASSERT_NO_FATAL_FAILURE(start());
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

  const candles_t all = sink_.candles();
  std::size_t open_updates = 0;
  for (const auto& e : all) {
    EXPECT_EQ(e.interval, "1m");
    open_updates += (e.candle.flags & TB_CANDLE_CLOSED) ? 0 : 1;
  }
  EXPECT_GT(open_updates, 0u) << "updates of the open candle are pushed without the closed flag";
  expect_contiguous_closed(all, 60'000);
  for (const auto& r : websocket_requests()) {
    EXPECT_EQ(r.value("path", "").rfind("/market/stream", 0), 0u) << r.dump();
  }
}

TEST_F(kline_stream_test, shards_streams_at_200_per_connection) {
  ASSERT_NO_FATAL_FAILURE(start({"--symbols", "260"}));
  std::size_t count = 0;
  plugin_->exchange().list_symbols(plugin_->self(), deadline_in(10s), nullptr, 0, &count, &err_);
  std::vector<tb_symbol_info> info(count);
  ASSERT_EQ(plugin_->exchange().list_symbols(plugin_->self(), deadline_in(10s), info.data(),
                                             info.size(), &count, &err_), TB_OK) << err_.message;
  std::vector<const char*> symbols;
  for (const auto& s : info) {
    if (s.status == TB_SYMBOL_TRADING && symbols.size() < 250) symbols.push_back(s.symbol);
  }
  ASSERT_EQ(symbols.size(), 250u);
  ASSERT_EQ(plugin_->exchange().subscribe_candles(plugin_->self(), symbols.data(), symbols.size(),
                                                  "1m", sink_.raw(), &err_), TB_OK) << err_.message;
  const std::string first = symbols.front(), last = symbols.back();
  auto delivered = [](const candles_t& c, const std::string& symbol) {
    return std::any_of(c.begin(), c.end(), [&](const auto& e) { return e.symbol == symbol; });
  };
  ASSERT_TRUE(sink_.wait_for([&](const candles_t& c, const statuses_t& s) {
    return count_status(s, TB_STREAM_CONNECTED) >= 2 && delivered(c, first) && delivered(c, last);
  }, 60s)) << "both connections did not deliver";
  std::vector<std::size_t> per_connection;
  for (const auto& r : websocket_requests()) per_connection.push_back(stream_count(r));
  std::sort(per_connection.begin(), per_connection.end());
  EXPECT_EQ(per_connection, (std::vector<std::size_t>{50, 200}));
  EXPECT_EQ(count_status(sink_.statuses(), TB_STREAM_DISCONNECTED), 0u);
}

TEST_F(kline_stream_test, server_cuts_end_with_no_missing_and_no_duplicate_candle) {
  // The fake closes every connection after 2 s, as Binance does after 24 h.
  ASSERT_NO_FATAL_FAILURE(start({"--ws-lifetime-ms", "2000"}));
  const char* symbols[] = {"BTCUSDT", "SOLUSDT"};
  ASSERT_EQ(plugin_->exchange().subscribe_candles(plugin_->self(), symbols, 2, "1m", sink_.raw(),
                                                  &err_), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for([](const candles_t& c, const statuses_t& s) {
    return count_status(s, TB_STREAM_CONNECTED) >= 3 && closed_count(c, "BTCUSDT") >= 6 &&
           closed_count(c, "SOLUSDT") >= 6;
  }, 90s)) << "the stream did not survive the cuts";
  ASSERT_EQ(plugin_->exchange().unsubscribe_candles(plugin_->self(), symbols, 2, "1m", &err_), TB_OK);
  expect_contiguous_closed(sink_.candles(), 60'000);
}

TEST_F(kline_stream_test, stop_joins_the_stream_threads) {
  ASSERT_NO_FATAL_FAILURE(start());
  const char* symbols[] = {"BTCUSDT"};
  ASSERT_EQ(plugin_->exchange().subscribe_candles(plugin_->self(), symbols, 1, "1m", sink_.raw(),
                                                  &err_), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for([](const candles_t&, const statuses_t& s) {
    return count_status(s, TB_STREAM_CONNECTED) >= 1;
  }, 30s));
  plugin_->stop();
  const std::size_t pushed = sink_.candles().size();
  // The fake pushes every 250 ms: a live stream would add several candles in a second.
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(sink_.candles().size(), pushed) << "a candle arrived after stop() returned";
  plugin_.reset();
}

}  // namespace
}  // namespace tb::binance::testing
