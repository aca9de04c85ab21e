// One websocket kept open on its own thread, for whoever needs a stream (kline shards, the
// user-data stream). Beast answers the server's pings and sends keep-alive pings, so a dead
// peer is noticed within `idle_timeout`. A connection that drops is reopened after an
// exponential backoff with jitter; one that lives `rotate_after` is closed and reopened before
// Binance's 24 h cut. The handler says what to connect to and receives what arrives.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "plugin_net/endpoint.hpp"
#include "tradingbot/sdk/host.hpp"
#include "plugin_net/backoff.hpp"

namespace tb::binance {

struct ws_options {
  std::chrono::seconds rotate_after{23 * 3600};
  std::chrono::seconds idle_timeout{60}; // no frame (data, ping or pong) for this long: dead
  net::backoff_policy backoff;
};

// Called on the connection's thread, one call at a time. Nothing may throw out of on_open,
// on_message or on_close; what does is logged and ends that connection.
class ws_handler {
 public:
  virtual ~ws_handler() = default;
  // Before each attempt: the request target ("/market/stream?streams=..."). Throwing fails
  // the attempt, which is retried after the backoff.
  virtual std::string prepare() = 0;
  // The handshake succeeded; nothing has been read yet. `target` is what prepare() returned.
  virtual void on_open(const std::string& target) = 0;
  virtual void on_message(const std::string& text) = 0;
  // A connection that had opened ended, for `why`.
  virtual void on_close(const std::string& why) = 0;
  // A reason to end the open connection now, or nullptr; polled about every 100 ms and after
  // each message, so it must be cheap.
  virtual const char* interrupt() const noexcept { return nullptr; }
};

class ws_connection {
 public:
  // `label` names the connection in log lines ("kline shard 3", "user-data stream").
  ws_connection(sdk::host host, net::endpoint ws, ws_options options, std::string label,
                ws_handler& handler);
  ~ws_connection();
  ws_connection(const ws_connection&) = delete;
  ws_connection& operator=(const ws_connection&) = delete;

  void start();
  void stop(); // joins; idempotent
  bool stopping() const noexcept { return stop_.load(); }
  const net::endpoint& ws() const noexcept { return ws_; }
  const ws_options& options() const noexcept { return options_; }

 private:
  void run();

  sdk::host host_;
  net::endpoint ws_;
  ws_options options_;
  std::string label_;
  ws_handler& handler_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// One connection's lifetime: connect, handshake, on_open, read until the peer drops, the idle
// timeout, rotation, an interrupt or stop. Returns why it ended; `connected` when the
// handshake succeeded. (websocket/ws_session.cpp)
std::string run_ws_session(const ws_connection& connection, ws_handler& handler,
                           const std::string& target, bool& connected);

}  // namespace tb::binance
