#pragma once
// A Beast HTTP/1.1 client for the admin server's tests: one connection to 127.0.0.1, used
// one request at a time. Every operation waits at most 30 s, so a server that stops
// answering fails the test instead of hanging it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

namespace tb::test {

using http_reply = boost::beast::http::response<boost::beast::http::string_body>;

class http_test_client {
 public:
  // Connects; throws std::runtime_error when it cannot.
  explicit http_test_client(std::uint16_t port);

  // Sends one keep-alive request and reads its reply. `token` goes in as "Bearer <token>".
  // Throws std::runtime_error naming the failed step.
  http_reply request(boost::beast::http::verb method, std::string_view target,
                     std::optional<std::string_view> token = std::nullopt, std::string body = {});
  // The same with a request built by the caller (headers of its own, chunked bodies).
  http_reply send(boost::beast::http::request<boost::beast::http::string_body>& req);

  void write_raw(std::string_view bytes);
  // Reads one reply; `head` when it answers a HEAD request (no body follows).
  http_reply read_reply(bool head = false);

  // Waits for the server to end the connection: true on end-of-file or reset, false when
  // bytes arrive instead or 30 s pass.
  bool wait_closed();

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace tb::test
