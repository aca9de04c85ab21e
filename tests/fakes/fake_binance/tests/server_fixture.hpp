#pragma once
// Runs a fake_server in-process on a free 127.0.0.1 port for one test.
#include <cstdint>
#include <memory>

#include <gtest/gtest.h>

#include "server/exchange_context.hpp"
#include "server/fake_server.hpp"
#include "test_client.hpp"

namespace tb::fake::test {

// Small catalog by default: start-up cost stays low; tests needing 650 say so.
inline server_options small_options() {
  server_options o;
  o.symbols = 60;
  return o;
}

class running_server {
 public:
  explicit running_server(const server_options& o = small_options())
      : server_(std::make_unique<fake_server>(o)) {}
  std::uint16_t port() const { return server_->port(); }
  exchange_context& context() { return server_->context(); }
  http_client client() const { return http_client(server_->port()); }

 private:
  std::unique_ptr<fake_server> server_;
};

}  // namespace tb::fake::test
