#pragma once
// A small Beast client for the fakes' tests: HTTP/1.1 keep-alive and websocket over loopback,
// every wait bounded by a deadline. Each fake's tests/test_client.hpp sets its own defaults.
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

namespace tb::fake_common {

using headers_t = std::vector<std::pair<std::string, std::string>>;

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
  // What every request carries: `headers` first, then Content-Type `body_content_type` when the
  // request has a body; the request's own headers come last and replace either.
  struct defaults {
    std::string body_content_type;
    headers_t headers;
  };

  http_client(std::uint16_t port, defaults d);
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // Empty on a transport failure or when no answer came within `timeout`; see last_error().
  std::optional<http_reply> try_request(const std::string& method, const std::string& target,
                                        const std::string& body = "", const headers_t& headers = {},
                                        std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Like try_request, but throws std::runtime_error when there is no answer.
  http_reply request(const std::string& method, const std::string& target, const std::string& body = "",
                     const headers_t& headers = {});
  http_reply get(const std::string& target, const headers_t& headers = {}) { return request("GET", target, "", headers); }
  http_reply post(const std::string& target, const nlohmann::json& body, const headers_t& headers = {}) {
    return request("POST", target, body.dump(), headers);
  }
  const std::string& last_error() const { return last_error_; }

 private:
  void disconnect();

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::uint16_t port_;
  defaults defaults_;
  bool connected_ = false;
  std::string last_error_;
};

class ws_client {
 public:
  // Throws boost::system::system_error when the handshake is refused. `read_until_timeout` is
  // read_until's deadline when the call names none.
  ws_client(std::uint16_t port, const std::string& target,
            std::chrono::milliseconds read_until_timeout = std::chrono::seconds(20));
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  void send(const nlohmann::json& message);
  void send_text(const std::string& text);
  // The next text message, or empty when none arrived before the deadline or the connection
  // ended (closed() is then true).
  std::optional<nlohmann::json> read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads until `match` accepts a message; empty at the deadline or on close.
  std::optional<nlohmann::json> read_until(const std::function<bool(const nlohmann::json&)>& match,
                                           std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Reads (discarding messages) until the connection ends; true if it ended before the deadline.
  bool wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10));
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
  std::chrono::milliseconds read_until_timeout_;
  bool reading_ = false;
  bool closed_ = false;
  std::optional<int> close_code_;
};

// Polls `condition` (which should do real work, such as a request) until true or the deadline,
// pausing `poll_interval` between tries (zero: only yielding the thread).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll_interval);

}  // namespace tb::fake_common
