#include "api/admin_connection.hpp"

#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace tb::host {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

// What lingering drains at most before closing (read_timeout bounds it too): more than
// loopback's socket buffers hold, so a client still sending a too-large body reads its 413.
constexpr std::size_t max_drain_bytes = 16 << 20;

// An error of the HTTP parser itself (bad syntax, a limit), as opposed to the connection
// ending or timing out.
bool is_parse_error(beast::error_code ec) {
  return ec.category() == make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

std::string_view view(boost::beast::string_view text) { return {text.data(), text.size()}; }

}  // namespace

std::string host_port(std::string_view host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string_view::npos;
  return (ipv6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

admin_connection::admin_connection(tcp::socket socket, admin_router& router,
                                   boost::asio::any_io_executor workers,
                                   admin_connection_limits limits, admin_connection_set& open)
    : stream_(std::move(socket)), router_(router), workers_(std::move(workers)), limits_(limits),
      open_(open) {
  open_.insert(this);
}

admin_connection::~admin_connection() { open_.erase(this); }

void admin_connection::start() {
  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? std::string("an unknown peer") : host_port(peer.address().to_string(), peer.port());
  read_request();
}

void admin_connection::close() {
  if (closed_) return;
  closed_ = true;
  stream_.close();  // also cancels the deadline
}

void admin_connection::read_request() {
  parser_.emplace();
  parser_->body_limit(limits_.body_bytes);
  stream_.expires_after(limits_.read_timeout);
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void admin_connection::on_read(beast::error_code ec) {
  if (closed_) return;
  if (ec == http::error::body_limit) {
    return refuse(413, "request body larger than " + std::to_string(limits_.body_bytes) + " bytes");
  }
  if (ec == http::error::header_limit) return refuse(431, "request header too large");
  if (is_parse_error(ec)) return refuse(400, "malformed HTTP request: " + ec.message());
  if (ec) return close();  // the peer left, or the deadline passed: nobody to answer

  const request& req = parser_->get();
  std::optional<std::string_view> authorization;
  if (const auto it = req.find(http::field::authorization); it != req.end()) {
    authorization = view(it->value());
  }
  const admin_request r{view(req.method_string()), view(req.target()), authorization, peer_};
  // The backend answers on a worker: a reload waits for the scan in flight, and the server's
  // thread keeps serving health probes meanwhile. The views in `r` stay valid: nothing is
  // read into the parser until this reply is written. The tracked executor keeps the
  // server's io_context running until the answer is back.
  namespace net = boost::asio;
  auto io = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
  net::post(workers_, [self = shared_from_this(), r, io = std::move(io)]() mutable {
    admin_reply reply = self->router_.handle(r);
    net::post(io, [self, reply = std::move(reply)]() mutable {
      if (self->closed_) return;
      const request& asked = self->parser_->get();
      self->write(std::move(reply), asked, asked.keep_alive());
    });
  });
}

void admin_connection::refuse(unsigned status, std::string_view why) {
  // The parser fills in the request line and fields as it reads them, so they are there even
  // when it stopped later: at a Content-Length over the limit the whole header was read
  // (though is_header_done() says otherwise); after a syntax error, what came before it.
  const request& req = parser_->get();
  const admin_request r{view(req.method_string()), view(req.target()), std::nullopt, peer_};
  write(router_.refuse(r, status, why), req, false);
}

void admin_connection::write(admin_reply reply, const request& req, bool keep_alive) {
  reply_ = {};
  reply_.result(reply.status);
  reply_.version(req.version() == 10 ? 10 : 11);
  reply_.set(http::field::content_type, reply.content_type);
  reply_.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : reply.headers) reply_.set(name, value);
  reply_.keep_alive(keep_alive);
  reply_.body() = std::move(reply.body);
  reply_.prepare_payload();

  stream_.expires_after(limits_.read_timeout);
  auto done = [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
    self->on_written(ec, keep_alive);
  };
  if (req.method() == http::verb::head) {
    // Same header, Content-Length included, and no body (RFC 9110 section 9.3.2).
    head_reply_ = http::response<http::empty_body>(std::move(reply_.base()));
    http::async_write(stream_, head_reply_, std::move(done));
  } else {
    http::async_write(stream_, reply_, std::move(done));
  }
}

void admin_connection::on_written(beast::error_code ec, bool keep_alive) {
  if (closed_) return;
  if (ec) return close();
  if (keep_alive) return read_request();
  linger_then_close();
}

// Closing a socket that still holds unread request bytes makes the kernel send a reset,
// which can destroy the reply before the client reads it (a 413's body is typically
// unread). So: end our side, then read and discard until the client closes, a deadline or
// a byte cap.
void admin_connection::linger_then_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(limits_.read_timeout);
  drain();
}

void admin_connection::drain() {
  stream_.async_read_some(boost::asio::buffer(drain_buffer_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->drained_ += n;
                            if (ec || self->drained_ > max_drain_bytes) return self->close();
                            self->drain();
                          });
}

}  // namespace tb::host
