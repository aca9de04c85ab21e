// One kline websocket connection and its thread (see kline_streams.hpp).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "websocket/kline_streams.hpp"
#include "websocket/ws_connection.hpp"

namespace tb::binance {

class kline_shard final : private ws_handler {
 public:
  kline_shard(unsigned id, sdk::host host, net::endpoint ws, market_data& market,
              kline_stream_options options, std::vector<kline_stream> streams,
              sdk::market_sink sink);
  ~kline_shard();

  void start();
  void stop(); // joins
  std::vector<kline_stream> streams() const;
  const sdk::market_sink& sink() const { return sink_; }
  bool has(const std::string& name) const;

  std::string target() const;

 private:
  // ws_handler: the combined-stream URL; CONNECTED then the backfill; candles; DISCONNECTED.
  std::string prepare() override { return target(); }
  void on_open(const std::string& path) override;
  // Pushes the candle of a stream event, backfilling any gap first.
  void on_message(const std::string& text) override;
  void on_close(const std::string& why) override;

  // After a reconnect: pushes the closed candles missed while disconnected.
  void backfill_all();
  void backfill(kline_stream& stream, std::int64_t before_open_ms);

  sdk::host host_;
  market_data& market_;
  sdk::market_sink sink_;
  mutable std::mutex mutex_;
  std::vector<kline_stream> streams_;
  ws_connection connection_; // declared last: its thread calls into the members above
};

}  // namespace tb::binance
