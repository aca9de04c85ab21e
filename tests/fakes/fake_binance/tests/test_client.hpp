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

namespace tb::fake::test {

using namespace std::chrono_literals;

struct http_reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& lower_name) const;
};

class http_client {
 public:
  explicit http_client(std::uint16_t port);

  // Empty on a transport failure or when no answer came within `timeout`; see last_error().
  std::optional<http_reply> try_request(const std::string& method, const std::string& target,
                                        const std::string& body = "",
                                        const std::vector<std::pair<std::string, std::string>>& headers = {},
                                        std::chrono::milliseconds timeout = 20s);
  // Like try_request, but throws when there is no answer.
  http_reply request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  http_reply get(const std::string& target) { return request("GET", target); }
  const std::string& last_error() const { return last_error_; }

 private:
  void disconnect();

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::uint16_t port_;
  bool connected_ = false;
  std::string last_error_;
};

class ws_client {
 public:
  // Throws boost::system::system_error when the handshake is refused.
  ws_client(std::uint16_t port, const std::string& target);
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  void send(const nlohmann::json& message);
  // The next text message, or empty when none arrived before the deadline or the
  // connection ended (closed() is then true).
  std::optional<nlohmann::json> read(std::chrono::milliseconds timeout = 10s);
  // Reads until `match` accepts a message; empty at the deadline.
  std::optional<nlohmann::json> read_until(const std::function<bool(const nlohmann::json&)>& match,
                                           std::chrono::milliseconds timeout = 20s);
  bool closed() const { return closed_; }

 private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::string> inbox_;
  bool reading_ = false;
  bool closed_ = false;
};

// Polls `condition` (which should do real work, such as a request) until true or the deadline.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 20s);

}  // namespace tb::fake::test
