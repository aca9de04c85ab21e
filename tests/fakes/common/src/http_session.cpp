#include "fake_common/http_session.hpp"

#include <chrono>

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace tb::fake_common {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

http_session::http_session(net::ip::tcp::socket socket, settings s)
    : stream_(std::move(socket)), settings_(std::move(s)) {}

void http_session::run() {
  beast::error_code ec;
  const auto ep = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? "unknown" : ep.address().to_string();
  read();
}

void http_session::read() {
  parser_.emplace();
  parser_->body_limit(settings_.body_limit);
  stream_.expires_after(std::chrono::minutes(10));
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->close();
    self->req_ = self->parser_->release();
    self->on_request();
  });
}

void http_session::write_response(int status, const header_list& headers, std::optional<std::string> json_body) {
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), req_.version());
  res->set(http::field::server, settings_.server_name);
  if (json_body) {
    res->set(http::field::content_type, "application/json");
    res->body() = std::move(*json_body);
  }
  for (const auto& [name, value] : headers) res->set(name, value);
  res->keep_alive(req_.keep_alive());
  res->prepare_payload();
  http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
    if (ec || !res->keep_alive()) return self->close();
    self->read();
  });
}

void http_session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace tb::fake_common
