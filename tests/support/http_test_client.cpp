#include "http_test_client.hpp"

#include <chrono>
#include <stdexcept>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace tb::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

constexpr std::chrono::seconds deadline{30};

}  // namespace

http_test_client::http_test_client(std::uint16_t port) : stream_(ioc_) {
  beast::error_code result = net::error::would_block;
  stream_.expires_after(deadline);
  stream_.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                        [&](beast::error_code ec) { result = ec; });
  ioc_.run();
  if (result) {
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + ": " +
                             result.message());
  }
}

http_reply http_test_client::request(http::verb method, std::string_view target,
                                     std::optional<std::string_view> token, std::string body) {
  http::request<http::string_body> req(method,
                                       boost::beast::string_view(target.data(), target.size()), 11);
  req.set(http::field::host, "127.0.0.1");
  if (token) req.set(http::field::authorization, "Bearer " + std::string(*token));
  req.keep_alive(true);
  req.body() = std::move(body);
  req.prepare_payload();
  return send(req);
}

http_reply http_test_client::send(http::request<http::string_body>& req) {
  beast::error_code result = net::error::would_block;
  stream_.expires_after(deadline);
  http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("cannot send the request: " + result.message());
  return read_reply(req.method() == http::verb::head);
}

void http_test_client::write_raw(std::string_view bytes) {
  beast::error_code result = net::error::would_block;
  stream_.expires_after(deadline);
  net::async_write(stream_, net::buffer(bytes.data(), bytes.size()),
                   [&](beast::error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("cannot send raw bytes: " + result.message());
}

http_reply http_test_client::read_reply(bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 << 20);
  parser.skip(head);
  beast::error_code result = net::error::would_block;
  stream_.expires_after(deadline);
  http::async_read(stream_, buffer_, parser,
                   [&](beast::error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("cannot read the reply: " + result.message());
  return parser.release();
}

bool http_test_client::wait_closed() {
  char byte = 0;
  beast::error_code result = net::error::would_block;
  std::size_t read = 0;
  stream_.expires_after(deadline);
  stream_.async_read_some(net::buffer(&byte, 1), [&](beast::error_code ec, std::size_t n) {
    result = ec;
    read = n;
  });
  ioc_.restart();
  ioc_.run();
  return read == 0 && (result == net::error::eof || result == net::error::connection_reset);
}

}  // namespace tb::test
