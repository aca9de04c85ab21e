// One kline websocket connection and its thread (see kline_streams.hpp).
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "websocket/kline_streams.hpp"

namespace tb::binance {

class kline_shard {
 public:
  kline_shard(unsigned id, sdk::host host, endpoint ws, market_data& market,
              kline_stream_options options, std::vector<kline_stream> streams,
              sdk::market_sink sink);
  ~kline_shard();

  void start();
  void stop(); // joins
  std::vector<kline_stream> streams() const;
  const sdk::market_sink& sink() const { return sink_; }
  bool has(const std::string& name) const;

  // Pushes the candle of a stream event, backfilling any gap first (used by the session).
  void on_message(const std::string& text);
  // After a reconnect: pushes the closed candles missed while disconnected.
  void backfill_all();
  bool stopping() const { return stop_.load(); }
  std::string target() const;
  const endpoint& ws() const { return ws_; }
  const kline_stream_options& options() const { return options_; }

 private:
  void run();
  void backfill(kline_stream& stream, std::int64_t before_open_ms);

  unsigned id_;
  sdk::host host_;
  endpoint ws_;
  market_data& market_;
  kline_stream_options options_;
  sdk::market_sink sink_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<kline_stream> streams_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// One connection's lifetime: connect, handshake, CONNECTED, backfill, read until the peer
// drops, the idle timeout, rotation or stop. Returns why it ended; `connected` when the
// handshake succeeded. (websocket/ws_session.cpp)
std::string run_ws_session(kline_shard& shard, bool& connected);

}  // namespace tb::binance
