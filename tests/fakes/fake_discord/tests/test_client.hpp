#pragma once
// The fakes' shared Beast test client (fake_common/test_client.hpp) with fake-discord's
// defaults: a DiscordBot User-Agent and JSON bodies, the gateway URL, 10 s waits, and a bot
// client that authenticates every request.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "fake_common/test_client.hpp"

namespace tb::fake_discord::test {

using namespace std::chrono_literals;
using fake_common::headers_t;
using fake_common::http_reply;

inline const std::string user_agent = "DiscordBot (https://example.test, 1.0)";

// Sends `body` as application/json (when not empty) with a DiscordBot User-Agent unless
// `headers` overrides them. request() throws on a transport failure or timeout.
class http_client : public fake_common::http_client {
 public:
  explicit http_client(std::uint16_t port)
      : fake_common::http_client(port, {"application/json", {{"User-Agent", user_agent}}}) {}
};

// A bot client: every request carries "Authorization: Bot <token>".
class bot_client {
 public:
  bot_client(std::uint16_t port, std::string token = "fake-bot-token") : http_(port), token_(std::move(token)) {}
  http_reply get(const std::string& path) { return http_.get("/api/v10" + path, auth()); }
  http_reply post(const std::string& path, const nlohmann::json& body) { return http_.post("/api/v10" + path, body, auth()); }
  http_reply put(const std::string& path, const nlohmann::json& body) {
    return http_.request("PUT", "/api/v10" + path, body.dump(), auth());
  }
  http_reply patch(const std::string& path, const nlohmann::json& body) {
    return http_.request("PATCH", "/api/v10" + path, body.dump(), auth());
  }
  http_reply del(const std::string& path) { return http_.request("DELETE", "/api/v10" + path, "", auth()); }
  http_client& raw() { return http_; }

 private:
  headers_t auth() const { return {{"Authorization", "Bot " + token_}}; }
  http_client http_;
  std::string token_;
};

// A gateway client (the default target is the gateway URL).
class ws_client : public fake_common::ws_client {
 public:
  explicit ws_client(std::uint16_t port, const std::string& target = "/?v=10&encoding=json")
      : fake_common::ws_client(port, target, 10s) {}
};

// Polls `condition` (which should do real work, such as a request) until true or the deadline.
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 10s) {
  return fake_common::eventually(condition, timeout, 5ms);
}

}  // namespace tb::fake_discord::test
