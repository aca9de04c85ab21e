#include "gateway/gateway_socket.hpp"

#include <deque>
#include <type_traits>
#include <utility>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace tb::discord {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using plain_ws = websocket::stream<beast::tcp_stream>;
using tls_ws = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <class Ws>
class socket_impl final : public gateway_socket,
                          public std::enable_shared_from_this<socket_impl<Ws>> {
 public:
  template <class... Args>
  socket_impl(asio::io_context& ioc, callbacks cb, Args&... args)
      : resolver_(ioc), ws_(ioc, args...), close_timer_(ioc), cb_(std::move(cb)) {}

  void open(const net::endpoint& where, const std::string& target) override {
    where_ = where;
    target_ = target;
    resolver_.async_resolve(where_.host, where_.port,
                            [self = this->shared_from_this()](beast::error_code ec,
                                                              tcp::resolver::results_type found) {
                              self->on_resolve(ec, found);
                            });
  }

  void send(std::string text) override {
    if (done_ || closing_ || !open_) return;
    out_.push_back(std::move(text));
    if (!writing_) write_next();
  }

  void close(std::uint16_t code, std::chrono::milliseconds timeout) override {
    cb_ = {};
    if (done_ || closing_) return;
    closing_ = true;
    if (!open_) {
      abort();
      return;
    }
    close_timer_.expires_after(timeout);
    close_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->abort();
    });
    close_code_ = code;
    while (out_.size() > (writing_ ? 1U : 0U)) out_.pop_back();  // the front may be in flight
    if (!writing_) start_close();
  }

  void abort() override {
    cb_ = {};
    closing_ = true;
    done_ = true;
    resolver_.cancel();
    close_timer_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void on_resolve(beast::error_code ec, const tcp::resolver::results_type& found) {
    if (done_) return;
    if (ec) return fail(std::nullopt, "resolving " + where_.host + ": " + ec.message());
    beast::get_lowest_layer(ws_).async_connect(
        found, [self = this->shared_from_this()](beast::error_code e, const tcp::endpoint&) {
          self->on_connect(e);
        });
  }

  void on_connect(beast::error_code ec) {
    if (done_) return;
    if (ec) return fail(std::nullopt, "connecting to " + where_.host_header() + ": " + ec.message());
    if constexpr (std::is_same_v<Ws, tls_ws>) {
      beast::error_code not_ip;
      asio::ip::make_address(where_.host, not_ip);
      if (not_ip) SSL_set_tlsext_host_name(ws_.next_layer().native_handle(), where_.host.c_str());
      ws_.next_layer().set_verify_callback(asio::ssl::host_name_verification(where_.host));
      ws_.next_layer().async_handshake(
          asio::ssl::stream_base::client,
          [self = this->shared_from_this()](beast::error_code e) { self->on_tls(e); });
    } else {
      on_tls({});
    }
  }

  void on_tls(beast::error_code ec) {
    if (done_) return;
    if (ec) return fail(std::nullopt, "TLS handshake with " + where_.host_header() + ": " + ec.message());
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);  // also bounds the close handshake
    timeouts.idle_timeout = websocket::stream_base::none();  // heartbeats detect dead peers
    timeouts.keep_alive_pings = false;
    ws_.set_option(timeouts);
    ws_.read_message_max(64U * 1024U * 1024U);
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "tradingbot-notify-discord");
    }));
    ws_.async_handshake(where_.host_header(), target_,
                        [self = this->shared_from_this()](beast::error_code e) {
                          self->on_handshake(e);
                        });
  }

  void on_handshake(beast::error_code ec) {
    if (done_) return;
    if (ec) {
      return fail(std::nullopt,
                  "websocket handshake with " + where_.host_header() + ": " + ec.message());
    }
    open_ = true;
    ws_.text(true);
    if (cb_.on_open) cb_.on_open();
    read();
  }

  void read() {
    if (done_) return;
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      if (ec == websocket::error::closed) {
        const auto& reason = ws_.reason();
        return fail(static_cast<std::uint16_t>(reason.code),
                    "closed by the gateway with " + std::to_string(reason.code) +
                        (reason.reason.empty() ? "" : " " + std::string(reason.reason.c_str())));
      }
      return fail(std::nullopt, "connection lost: " + ec.message());
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (cb_.on_text) cb_.on_text(text);
    read();
  }

  void write_next() {
    if (done_) return;
    if (closing_) return start_close();
    if (out_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    ws_.async_write(asio::buffer(out_.front()),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (!self->out_.empty()) self->out_.pop_front();
                      if (ec) return;  // the read loop reports the end
                      self->write_next();
                    });
  }

  void start_close() {
    if (done_ || close_started_) return;
    close_started_ = true;
    writing_ = true;
    ws_.async_close(websocket::close_reason(close_code_),
                    [self = this->shared_from_this()](beast::error_code) { self->abort(); });
  }

  void fail(std::optional<std::uint16_t> code, const std::string& why) {
    auto report = std::move(cb_.on_closed);
    abort();
    if (report) report(code, why);
  }

  tcp::resolver resolver_;
  Ws ws_;
  asio::steady_timer close_timer_;
  callbacks cb_;
  net::endpoint where_;
  std::string target_;
  beast::flat_buffer buffer_;
  std::deque<std::string> out_;
  bool open_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool close_started_ = false;
  bool done_ = false;
  std::uint16_t close_code_ = 1000;
};

}  // namespace

std::shared_ptr<gateway_socket> make_gateway_socket(asio::io_context& ioc, asio::ssl::context& tls,
                                                    bool use_tls,
                                                    gateway_socket::callbacks callbacks) {
  if (use_tls) return std::make_shared<socket_impl<tls_ws>>(ioc, std::move(callbacks), tls);
  return std::make_shared<socket_impl<plain_ws>>(ioc, std::move(callbacks));
}

}  // namespace tb::discord
