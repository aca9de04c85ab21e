#pragma once
// Runs a fake_server in-process on a free 127.0.0.1 port for one test, plus gateway helpers.
#include <cstdint>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "server/fake_server.hpp"
#include "test_client.hpp"

namespace tb::fake_discord::test {

// Test defaults: short heartbeats with a generous slack (only the timeout test tightens it)
// and no identify throttle (only the throttle test restores it).
inline server_options test_options() {
  server_options o;
  o.heartbeat_interval_ms = 200;
  o.heartbeat_slack = 50;
  o.max_concurrency = 1000;
  return o;
}

class running_server {
 public:
  explicit running_server(const server_options& o = test_options()) : server_(std::make_unique<fake_server>(o)) {}
  std::uint16_t port() const { return server_->port(); }
  bot_client bot() const { return bot_client(server_->port()); }
  http_client http() const { return http_client(server_->port()); }
  // A /_control/ call; answers the parsed JSON body.
  nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
    http_client c(server_->port());
    const auto r = c.request(method, "/_control" + path, body.is_null() ? "" : body.dump());
    EXPECT_EQ(r.status, 200) << method << " " << path << ": " << r.body;
    return r.json();
  }

 private:
  std::unique_ptr<fake_server> server_;
};

inline nlohmann::json identify_payload(const std::string& token = "fake-bot-token", std::int64_t intents = 1) {
  return {{"op", 2},
          {"d", {{"token", token}, {"intents", intents}, {"properties", {{"os", "linux"}, {"browser", "t"}, {"device", "t"}}}}}};
}

inline bool is_dispatch(const nlohmann::json& m, const std::string& t) { return m.value("op", -1) == 0 && m.value("t", "") == t; }

// A connected, identified gateway client with its READY.
struct gateway_session {
  std::unique_ptr<ws_client> ws;
  nlohmann::json ready;
  std::string session_id() const { return ready["d"]["session_id"].get<std::string>(); }
};

inline gateway_session connect_and_identify(std::uint16_t port, std::int64_t intents = 0) {
  gateway_session g;
  g.ws = std::make_unique<ws_client>(port);
  const auto hello = g.ws->read();
  EXPECT_TRUE(hello && (*hello)["op"] == 10);
  g.ws->send(identify_payload("fake-bot-token", intents));
  const auto ready = g.ws->read_until([](const nlohmann::json& m) { return is_dispatch(m, "READY"); });
  EXPECT_TRUE(ready.has_value());
  if (ready) g.ready = *ready;
  return g;
}

}  // namespace tb::fake_discord::test
