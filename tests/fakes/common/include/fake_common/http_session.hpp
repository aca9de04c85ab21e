#pragma once
// One HTTP/1.1 keep-alive connection's loop: read a request (10 minutes idle at most), let the
// subclass answer it, write the answer, read the next one, and close on an error or when the
// exchange is not kept alive. What a request means is the subclass's (`on_request`); it may
// answer later (from its own timers) or take the stream over, for a websocket upgrade.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tb::fake_common {

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  using request_type = boost::beast::http::request<boost::beast::http::string_body>;
  using header_list = std::vector<std::pair<std::string, std::string>>;

  struct settings {
    std::size_t body_limit = 0;  // larger request bodies end the connection
    std::string server_name;     // the Server header of every answer
  };

  http_session(boost::asio::ip::tcp::socket socket, settings s);
  virtual ~http_session() = default;
  http_session(const http_session&) = delete;
  http_session& operator=(const http_session&) = delete;

  // Notes the peer's address and reads the first request. Call on a shared_ptr.
  void run();

 protected:
  // request() holds the request just read. Answer it with write_response (now or later), or
  // take stream() and request() over, or close().
  virtual void on_request() = 0;

  // Writes the answer, then reads the next request or closes. A `json_body` comes with
  // Content-Type application/json; `headers` are set after it (and may replace it).
  void write_response(int status, const header_list& headers, std::optional<std::string> json_body);
  void close();

  boost::beast::tcp_stream& stream() { return stream_; }
  request_type& request() { return req_; }
  const std::string& peer() const { return peer_; }  // the client's address, or "unknown"
  template <class Derived>
  std::shared_ptr<Derived> shared_as() {
    return std::static_pointer_cast<Derived>(shared_from_this());
  }

 private:
  void read();

  boost::beast::tcp_stream stream_;
  settings settings_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  request_type req_;
  std::string peer_;
};

}  // namespace tb::fake_common
