#pragma once
// One HTTP/1.1 keep-alive connection of the admin API. Reads each request under a deadline
// and a body limit, lets the router answer it, writes the reply, and reads the next. A
// request it cannot read whole (malformed, header or body too large) gets its error reply
// and the connection ends; so does one that asked to close.
//
// Every member runs on the server's one thread; only the router's answer is computed on a
// worker of `workers`. The server's set of open connections is how stop() reaches them.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/admin_router.hpp"

namespace tb::host {

// "127.0.0.1:8787", "[::1]:8787": how logs and errors name an endpoint.
std::string host_port(std::string_view host, std::uint16_t port);

class admin_connection;
using admin_connection_set = std::set<admin_connection*>;

struct admin_connection_limits {
  std::size_t body_bytes;
  std::chrono::milliseconds read_timeout;  // each request; an idle keep-alive; each write
};

class admin_connection : public std::enable_shared_from_this<admin_connection> {
 public:
  // Joins `open` now and leaves it when destroyed.
  admin_connection(boost::asio::ip::tcp::socket socket, admin_router& router,
                   boost::asio::any_io_executor workers, admin_connection_limits limits,
                   admin_connection_set& open);
  ~admin_connection();
  admin_connection(const admin_connection&) = delete;
  admin_connection& operator=(const admin_connection&) = delete;

  void start();
  // Closes the socket at once; whatever is pending completes with an error and the
  // connection goes away with its last handler. Idempotent.
  void close();

 private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;

  void read_request();
  void on_read(boost::beast::error_code ec);
  void refuse(unsigned status, std::string_view why);
  void write(admin_reply reply, const request& req, bool keep_alive);
  void on_written(boost::beast::error_code ec, bool keep_alive);
  void linger_then_close();
  void drain();

  boost::beast::tcp_stream stream_;
  admin_router& router_;
  boost::asio::any_io_executor workers_;
  admin_connection_limits limits_;
  admin_connection_set& open_;
  std::string peer_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> reply_;
  boost::beast::http::response<boost::beast::http::empty_body> head_reply_;  // HEAD: no body
  bool closed_ = false;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_ = 0;
};

}  // namespace tb::host
