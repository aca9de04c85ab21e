// The user-data stream behind subscribe_account: order, conditional-order, position and
// balance updates pushed to the host's sink until stop().
//
// A listen key from POST /fapi/v1/listenKey (API key only) opens the private route
// `<ws_url>/private/ws?listenKey=KEY` (section 13.1 of the protocol notes; the route split of
// 2026 retired the unrouted form). A second thread extends the key with PUT every
// `keepalive`. Every connection attempt POSTs first, which returns the active key (extended)
// or a new one, so a `listenKeyExpired` event or a -1125 on the keep-alive only has to end
// the current connection. Drops reconnect with backoff; connections are rotated before the
// 24 h cut. stop() joins both threads, then DELETEs the key.
//
// Resync: Binance does not replay events a client missed, so after every CONNECTED (the
// first one too: events between subscribing and connecting are missed as well) the state is
// read over REST and pushed: open orders and conditional orders, the final state of every
// order last pushed as open that is no longer open, positions (a position last pushed open
// and now absent is pushed with quantity "0") and balances. Nothing older than what was
// already pushed is pushed (account_tracker). Cost: about 90 request weight per connection.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "execution/orders.hpp"
#include "http/rest_client.hpp"
#include "tradingbot/sdk/market_sink.hpp"
#include "websocket/account_tracker.hpp"
#include "websocket/ws_connection.hpp"

namespace tb::binance {

struct user_data_stream_options {
  std::chrono::seconds keepalive{1800}; // PUT interval; Binance keeps a key 60 min
  ws_options ws;
};

class user_data_stream final : private ws_handler {
 public:
  user_data_stream(sdk::host host, net::endpoint ws, rest_client& rest, orders& trading,
                   user_data_stream_options options, sdk::market_sink sink);
  ~user_data_stream();
  user_data_stream(const user_data_stream&) = delete;
  user_data_stream& operator=(const user_data_stream&) = delete;

  // Gets the first listen key by `until` (its errors go to the caller: a wrong API key fails
  // here, not in a retry loop), then starts the connection and keep-alive threads.
  void start(sdk::deadline until);
  // Joins the threads, then DELETEs the listen key (best effort, 5 s at most). Idempotent.
  void stop();

 private:
  std::string prepare() override;
  void on_open(const std::string& path) override;
  void on_message(const std::string& text) override;
  void on_close(const std::string& why) override;
  const char* interrupt() const noexcept override { return renew_.load(); }

  std::string listen_key_call(const char* method, sdk::deadline until);
  void keep_alive();
  void resync();
  void push(const sdk::order_state& order);
  void push(const sdk::position& position);
  void push(const sdk::balance& balance);

  sdk::host host_;
  rest_client& rest_;
  orders& trading_;
  user_data_stream_options options_;
  sdk::market_sink sink_;
  account_tracker tracker_;          // the connection thread's only
  std::mutex key_mutex_;
  std::string key_;                  // the listen key (not a secret, but never logged)
  bool key_fresh_ = false;           // start() just got it: the first attempt needs no POST
  std::atomic<const char*> renew_{nullptr}; // why the key must be renewed, ending the connection
  std::mutex wait_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread keepalive_;
  ws_connection connection_;         // declared last: its thread uses the members above
};

}  // namespace tb::binance
