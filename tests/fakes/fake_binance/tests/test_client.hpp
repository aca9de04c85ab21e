#pragma once
// The fakes' shared Beast test client (fake_common/test_client.hpp) with fake-binance's
// defaults: form-encoded bodies, 20 s for read_until and eventually.
#include <chrono>
#include <cstdint>
#include <functional>

#include "fake_common/test_client.hpp"

namespace tb::fake::test {

using namespace std::chrono_literals;
using fake_common::http_reply;
using fake_common::ws_client;

class http_client : public fake_common::http_client {
 public:
  explicit http_client(std::uint16_t port)
      : fake_common::http_client(port, {"application/x-www-form-urlencoded", {}}) {}
};

// Polls `condition` (which should do real work, such as a request) until true or the deadline.
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 20s) {
  return fake_common::eventually(condition, timeout, 0ms);
}

}  // namespace tb::fake::test
