// One websocket connection of the gateway client, driven on the client's io_context thread:
// resolve, connect, TLS (SNI + verification) for wss://, websocket handshake, then a read loop
// and serialized writes. It reports open, each text frame and its end (the server's close code
// or none) until close() or abort() detaches it; after that it only winds down.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "plugin_net/endpoint.hpp"

namespace tb::discord {

class gateway_socket {
 public:
  struct callbacks {
    std::function<void()> on_open;
    std::function<void(const std::string& text)> on_text;
    // Once: a close frame's code, or none (a drop, or the connection never opened).
    std::function<void(std::optional<std::uint16_t> code, const std::string& why)> on_closed;
  };

  virtual ~gateway_socket() = default;
  // `target` is the request path with its query ("/?v=10&encoding=json").
  virtual void open(const net::endpoint& where, const std::string& target) = 0;
  // Queued and written in order; dropped once closing.
  virtual void send(std::string text) = 0;
  // Detaches, sends a close frame with `code` (after the pending writes), and drops the TCP
  // connection after `timeout` at the latest.
  virtual void close(std::uint16_t code, std::chrono::milliseconds timeout) = 0;
  // Detaches and drops the TCP connection now.
  virtual void abort() = 0;
};

// `tls` is used for wss:// endpoints and must outlive the socket.
std::shared_ptr<gateway_socket> make_gateway_socket(boost::asio::io_context& ioc,
                                                    boost::asio::ssl::context& tls, bool use_tls,
                                                    gateway_socket::callbacks callbacks);

}  // namespace tb::discord
