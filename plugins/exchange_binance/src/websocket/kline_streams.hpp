// Kline websocket streams: combined streams on the /market route, sharded at most
// `max_per_connection` streams per connection, each shard on its own thread. Beast answers
// the server's pings; keep-alive pings detect a dead peer. A dropped connection reconnects
// with exponential backoff and jitter, and the connection is rotated before Binance's 24 h
// cut. After a reconnect, or when a closed candle arrives after a gap, the missing closed
// candles are fetched over REST and pushed first, in order, never twice.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "plugin_net/endpoint.hpp"
#include "market_data/market_data.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/market_sink.hpp"
#include "websocket/ws_connection.hpp"

namespace tb::binance {

struct kline_stream_options {
  std::size_t max_per_connection = 200;
  ws_options ws; // rotation, idle timeout and backoff of each shard's connection
};

// One subscribed stream and the open time of the last closed candle pushed (0: none yet).
struct kline_stream {
  std::string symbol;   // "BTCUSDT"
  std::string interval; // "1m"
  std::int64_t last_closed_open_ms = 0;
  std::string name() const; // "btcusdt@kline_1m"
};

class kline_shard;

class kline_streams {
 public:
  kline_streams(sdk::host host, net::endpoint ws, market_data& market, kline_stream_options options);
  ~kline_streams();
  kline_streams(const kline_streams&) = delete;
  kline_streams& operator=(const kline_streams&) = delete;

  void subscribe(const std::vector<std::string>& symbols, const std::string& interval,
                 const sdk::market_sink& sink);
  void unsubscribe(const std::vector<std::string>& symbols, const std::string& interval);
  // Stops and joins every shard thread.
  void stop();

 private:
  sdk::host host_;
  net::endpoint ws_;
  market_data& market_;
  kline_stream_options options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<kline_shard>> shards_;
  unsigned next_shard_id_ = 0;
};

}  // namespace tb::binance
