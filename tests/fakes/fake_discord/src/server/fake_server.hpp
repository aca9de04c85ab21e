#pragma once
// The fake Discord (REST /api/v10, the Gateway websocket and /_control/) on one 127.0.0.1
// port, served by its own io threads. Usable in-process by tests (port 0) and by the
// fake-discord executable.
#include <cstdint>
#include <memory>

#include "server/server_options.hpp"

namespace tb::fake_discord {

struct fake_context;

class fake_server {
 public:
  // Binds and starts serving; throws std::runtime_error when the port cannot be bound.
  explicit fake_server(const server_options& options);
  ~fake_server();
  fake_server(const fake_server&) = delete;
  fake_server& operator=(const fake_server&) = delete;

  std::uint16_t port() const;
  // The shared state (stores, gateway hub, request log), for in-process inspection.
  fake_context& context();
  // Stops accepting, closes every connection and joins the threads. Idempotent.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace tb::fake_discord
