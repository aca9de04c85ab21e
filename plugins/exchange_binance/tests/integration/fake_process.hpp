// Runs tests/fakes/fake_binance's executable on 127.0.0.1 (port 0: the OS picks), reads the
// port from its "listening 127.0.0.1:PORT" line, and talks to its /_admin/ API.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin_net/http_client.hpp"

namespace tb::binance::testing {

class fake_process {
 public:
  // Waits up to `start_timeout` for the port line (--prewarm-hours makes the fake slow to listen).
  explicit fake_process(const std::vector<std::string>& extra_args = {},
                        std::chrono::seconds start_timeout = std::chrono::seconds(30));
  ~fake_process() { stop(); }
  fake_process(const fake_process&) = delete;
  fake_process& operator=(const fake_process&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGTERM and waitpid; the destructor does it too.
  void stop() noexcept;
  std::string rest_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

  // An admin call; the parsed JSON answer (throws on a non-2xx status).
  nlohmann::json admin(const char* method, const std::string& path,
                       const nlohmann::json& body = nlohmann::json());
  // The requests the fake received on `path` (every path when empty).
  std::vector<nlohmann::json> requests(const std::string& path = "");

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::unique_ptr<net::http_client> client_;
};

}  // namespace tb::binance::testing
