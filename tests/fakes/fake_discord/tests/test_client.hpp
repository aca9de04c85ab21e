#pragma once
// A small Beast client for the fake's tests: HTTP/1.1 keep-alive and websocket over loopback,
// every wait bounded by a deadline.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace tb::fake_discord::test {

using namespace std::chrono_literals;
using headers_t = std::vector<std::pair<std::string, std::string>>;

inline const std::string user_agent = "DiscordBot (https://example.test, 1.0)";

struct http_reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& lower_name) const;
  bool has_header(const std::string& lower_name) const { return headers.count(lower_name) != 0; }
};

class http_client {
 public:
  explicit http_client(std::uint16_t port);

  // Sends `body` as application/json (when not empty) with a DiscordBot User-Agent unless
  // `headers` overrides them. Throws on a transport failure or timeout.
  http_reply request(const std::string& method, const std::string& target, const std::string& body = "",
                     const headers_t& headers = {});
  http_reply get(const std::string& target, const headers_t& headers = {}) { return request("GET", target, "", headers); }
  http_reply post(const std::string& target, const nlohmann::json& body, const headers_t& headers = {}) {
    return request("POST", target, body.dump(), headers);
  }

 private:
  void disconnect();

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::uint16_t port_;
  bool connected_ = false;
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

class ws_client {
 public:
  // Throws boost::system::system_error when the handshake is refused.
  ws_client(std::uint16_t port, const std::string& target = "/?v=10&encoding=json");
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  void send(const nlohmann::json& message);
  void send_text(const std::string& text);
  // The next text message, or empty when none arrived before the deadline or the connection
  // ended (closed() is then true).
  std::optional<nlohmann::json> read(std::chrono::milliseconds timeout = 10s);
  // Reads until `match` accepts a message; empty at the deadline or on close.
  std::optional<nlohmann::json> read_until(const std::function<bool(const nlohmann::json&)>& match,
                                           std::chrono::milliseconds timeout = 10s);
  // Reads (discarding messages) until the connection ends; true if it ended before the deadline.
  bool wait_closed(std::chrono::milliseconds timeout = 10s);
  bool closed() const { return closed_; }
  // The code of the server's close frame; empty if the connection ended without one.
  std::optional<int> close_code() const { return close_code_; }
  void close(int code);  // sends a close frame and waits for the echo
  void drop();  // TCP close, no close frame

 private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::string> inbox_;
  bool reading_ = false;
  bool closed_ = false;
  std::optional<int> close_code_;
};

// Polls `condition` (which should do real work, such as a request) until true or the deadline.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 10s);

}  // namespace tb::fake_discord::test
