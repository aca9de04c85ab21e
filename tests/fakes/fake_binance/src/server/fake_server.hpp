#pragma once
// The fake Binance USD-M futures exchange, serving REST, websocket and /_admin/ on one
// 127.0.0.1 port from a small thread pool. Usable in-process by tests (port 0) and by the
// fake-binance executable.
#include <cstdint>
#include <memory>

#include "server/server_options.hpp"

namespace tb::fake {

struct exchange_context;

class fake_server {
 public:
  // Binds and starts serving; throws std::runtime_error when the port cannot be bound.
  explicit fake_server(const server_options& options);
  ~fake_server();
  fake_server(const fake_server&) = delete;
  fake_server& operator=(const fake_server&) = delete;

  std::uint16_t port() const;
  exchange_context& context();
  // Stops accepting, closes every connection and joins the threads. Idempotent.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace tb::fake
