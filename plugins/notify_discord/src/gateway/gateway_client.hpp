// The Discord gateway client: one thread running an asio io_context with a Boost.Beast
// websocket (plain TCP for ws://, TLS with SNI and certificate verification for wss://), feeding
// gateway_session and carrying out what it decides. It stays connected through drops, zombie
// connections, op 7/op 9 and resumable closes; it stops only on stop() or a fatal close code
// (bad token, disallowed intents, ...), which it reports through on_fatal, an alert
// "gateway_fatal" and the health component "gateway".
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "gateway/gateway_session.hpp"
#include "plugin_net/backoff.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::discord {

// What fetch_gateway_bot throws when Discord refuses the token (401): the client stops as on
// close code 4004 instead of retrying.
class gateway_token_refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The protocol's settings (token, intents, backoff, spacing, timeouts: session_config) and
// what the transport adds.
struct gateway_options : session_config {
  // GET /gateway/bot through the REST client: returns the JSON body or throws (a refused
  // token: gateway_token_refused). Called on the gateway thread before each IDENTIFY
  // connection.
  std::function<nlohmann::json()> fetch_gateway_bot;
  std::chrono::milliseconds close_timeout{2000};  // our close handshake, then the socket goes
};

// Called on the gateway thread, one at a time; must be quick and must not call stop().
struct gateway_events {
  std::function<void(const nlohmann::json& ready)> on_ready;
  std::function<void(const std::string& name, const nlohmann::json& d)> on_dispatch;
  std::function<void(const std::string& reason)> on_fatal;
};

struct gateway_stats {
  bool connected = false;  // a websocket is open
  bool ready = false;      // READY or RESUMED received on it
  std::uint64_t connects = 0;
  std::uint64_t identifies = 0;
  std::uint64_t resumes = 0;
  std::uint64_t resumed_ok = 0;
  std::uint64_t zombies_detected = 0;
  std::uint64_t heartbeats_sent = 0;
  std::uint64_t heartbeat_acks = 0;
  std::uint64_t dispatches_delivered = 0;
  std::uint64_t replays_dropped = 0;
  std::map<std::string, std::uint64_t> reconnects_by_reason;
  std::int64_t last_heartbeat_ack_latency_ms = -1;  // -1 before the first ACK
  std::string fatal_reason;  // empty unless the client stopped on a fatal close
};

class gateway_client {
 public:
  gateway_client(sdk::host host, gateway_options options, gateway_events events);
  ~gateway_client();  // stop()
  gateway_client(const gateway_client&) = delete;
  gateway_client& operator=(const gateway_client&) = delete;

  // Starts the thread and the first connection. Call once.
  void start();
  // Closes with 1000 (a deliberate shutdown ends the session), waits for the close handshake
  // at most close_timeout, joins. Idempotent; not from an event callback.
  void stop();
  // [any]
  gateway_stats stats() const;
  // Queues a payload (presence update, ...) under the 115-per-60 s cap; false when it is over
  // 4096 bytes or the client is stopped. [any]
  bool send(const nlohmann::json& payload);

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace tb::discord
