// A blocking HTTP/1.1 client with a keep-alive connection pool, safe to call from many
// threads at once: each call borrows one idle connection (or opens a new one), so ~50
// concurrent calls each reuse their own connection. Every call honours an absolute deadline
// on std::chrono::steady_clock. HTTPS verifies the server certificate against the system
// store and sends SNI. Boost.Beast and OpenSSL stay behind this header.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin_net/endpoint.hpp"

namespace tb::net {

using http_headers = std::vector<std::pair<std::string, std::string>>;

struct http_request {
  const char* method = "GET"; // GET, POST, PUT, PATCH, DELETE
  std::string target;         // "/fapi/v1/klines?symbol=BTCUSDT&interval=1h"
  std::string body;           // may be empty
  std::string content_type = "application/x-www-form-urlencoded"; // sent with a body
  http_headers headers;       // extra request headers ("Authorization", ...)
};

struct http_response {
  unsigned status = 0;
  std::string body;
  http_headers headers;

  // The first header of that name (case-insensitive), empty when absent.
  std::string_view header(std::string_view name) const noexcept;
};

// The request did not complete. `timed_out` when the deadline passed; `may_have_arrived`
// once any byte of the request may have reached the server.
class transport_error : public std::runtime_error {
 public:
  transport_error(const std::string& what, bool timed_out, bool may_have_arrived)
      : std::runtime_error(what), timed_out_(timed_out), may_have_arrived_(may_have_arrived) {}
  bool timed_out() const noexcept { return timed_out_; }
  bool may_have_arrived() const noexcept { return may_have_arrived_; }

 private:
  bool timed_out_;
  bool may_have_arrived_;
};

class http_client {
 public:
  using clock = std::chrono::steady_clock;

  // Keeps at most `max_idle` idle connections; `user_agent` goes with every request.
  http_client(endpoint target, std::size_t max_idle, std::string user_agent);
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // Sends and reads the whole response. A stale pooled connection is retried once on a
  // fresh one when `idempotent` (a GET) or when nothing can have been sent. Throws
  // transport_error.
  http_response send(const http_request& request, clock::time_point deadline, bool idempotent);

  // Closes the idle connections (stop()).
  void close_idle();

 private:
  struct connection;
  struct pool;
  std::unique_ptr<pool> pool_;
};

}  // namespace tb::net
