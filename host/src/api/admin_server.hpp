#pragma once
// The admin HTTP API: Boost.Beast HTTP/1.1 on 127.0.0.1:8787 by default, served from one
// thread of its own, over an admin_backend the running bot provides.
//
//   GET  /healthz                       {"status":"ok"}                    no token
//   GET  /readyz                        200 {"ready":true} or 503 with why  no token
//   GET  /metrics                       Prometheus text 0.0.4
//   GET  /api/status, /api/stats, /api/positions, /api/signals
//   GET  /api/trades?limit=1..1000&since=<epoch ms>   (limit defaults to 100)
//   POST /api/pause, /api/resume, /api/reload
//
// Every route but /healthz and /readyz needs "Authorization: Bearer <token>" (401 with
// WWW-Authenticate otherwise; the warning logged never holds the token). HEAD is served as
// GET without the body. Errors are JSON {"error": "..."}: 400 for a bad, unknown or repeated
// query parameter, 404 for an unknown path, 405 with Allow for a wrong method, 413 for a body
// over 64 KiB, 431 for a header over 8 KiB, 500 with the exception's message when the
// backend throws. Replies are counted in tb_api_requests_total{route,code}.
//
// Connections are kept alive; each request's header and body must arrive within
// read_timeout, which also ends an idle connection. Beyond max_connections open connections
// a new one is closed at once.
//
// Thread-safety: start(), stop() and port() may be called from any thread but the server's
// own (a backend member must not stop the server that called it: stop() joins its threads).
// The backend is called on a pool of 4 worker threads, so a slow call (a reload waits for
// the scan in flight) does not hold up other requests; the server's thread does the I/O.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "api/admin_backend.hpp"

namespace tb::host {

class metrics_registry;

struct admin_server_config {
  std::string bind = "127.0.0.1";  // an IPv4 or IPv6 address literal
  std::uint16_t port = 8787;       // 0: any free port (see port())
  std::string token;               // the bearer token; must not be empty
  // Beyond this many open connections a new one is closed as soon as it is accepted.
  std::size_t max_connections = 64;
  // Deadline of each request's header and body, of each reply's write, and of an idle
  // keep-alive connection.
  std::chrono::milliseconds read_timeout{10'000};
};

class admin_server {
 public:
  static constexpr std::size_t body_limit = 64 * 1024;

  // Nothing is bound until start(). `log` may be null (nothing is logged); `metrics` may be
  // null (nothing is counted). `backend` (and `metrics`) must outlive the server.
  admin_server(admin_server_config config, admin_backend& backend,
               std::shared_ptr<spdlog::logger> log, metrics_registry* metrics = nullptr);
  ~admin_server();  // stop()
  admin_server(const admin_server&) = delete;
  admin_server& operator=(const admin_server&) = delete;

  // Binds, listens and starts the server's thread. Throws std::invalid_argument for an empty
  // token, std::runtime_error naming the address, port and OS reason when it cannot listen
  // ("admin API: cannot listen on 127.0.0.1:8787: Address already in use"), and
  // std::logic_error when called a second time.
  void start();

  // Closes the listening socket and every open connection (a request being answered is
  // finished first), then joins the server's threads. Idempotent; a no-op before start().
  void stop();

  // The bound port (the OS's pick when config.port was 0); 0 before start().
  std::uint16_t port() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace tb::host
