#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "websocket/ws_connection.hpp"

namespace tb::binance {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock = std::chrono::steady_clock;

// Why to end the session early (stop or the handler's interrupt), or nullptr.
const char* ending(const ws_connection& connection, const ws_handler& handler) {
  if (connection.stopping()) return "stopped";
  return handler.interrupt();
}

// Runs one asynchronous step, checking every 100 ms whether to give up (stop, an interrupt,
// rotation or the step's deadline); giving up closes the socket, which completes the step.
template <class Start, class Close>
beast::error_code step(asio::io_context& ioc, const ws_connection& connection,
                       const ws_handler& handler, clock::time_point give_up_at, Start start,
                       Close close) {
  beast::error_code result = asio::error::would_block;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  while (!done) {
    // run_one_for, not run_for: the websocket's timers keep the context busy, so run_for
    // would hold every message for the whole 100 ms (10 messages a second per connection).
    ioc.run_one_for(std::chrono::milliseconds(100));
    if (!done && (ending(connection, handler) != nullptr || clock::now() >= give_up_at)) {
      close();
      // The websocket's own timers keep the context busy: wait for the step's handler only.
      ioc.restart();
      for (int i = 0; i < 50 && !done; ++i) ioc.run_one_for(std::chrono::milliseconds(100));
      if (!done) result = asio::error::operation_aborted;
      done = true;
    }
  }
  return result;
}

template <class Ws>
std::string session(asio::io_context& ioc, Ws& ws, const ws_connection& connection,
                    ws_handler& owner, const std::string& path, bool& connected) {
  const net::endpoint& target = connection.ws();
  auto& socket_layer = beast::get_lowest_layer(ws);
  auto close = [&] {
    beast::error_code ignored;
    socket_layer.socket().close(ignored);
  };
  const auto connect_by = clock::now() + std::chrono::seconds(15);
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type results;
  beast::error_code ec = step(ioc, connection, owner, connect_by, [&](auto handler) {
    resolver.async_resolve(target.host, target.port,
                           [&, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
                             results = std::move(r);
                             handler(e);
                           });
  }, [&] { resolver.cancel(); });
  if (ec) return "resolving " + target.host + ": " + ec.message();
  ec = step(ioc, connection, owner, connect_by, [&](auto handler) { socket_layer.async_connect(results, handler); }, close);
  if (ec) return "connecting to " + target.host_header() + ": " + ec.message();
  if constexpr (!std::is_same_v<typename Ws::next_layer_type, beast::tcp_stream>) {
    beast::error_code ip_ec;
    asio::ip::make_address(target.host, ip_ec);
    if (ip_ec) SSL_set_tlsext_host_name(ws.next_layer().native_handle(), target.host.c_str());
    ws.next_layer().set_verify_callback(asio::ssl::host_name_verification(target.host));
    ec = step(ioc, connection, owner, connect_by, [&](auto handler) {
      ws.next_layer().async_handshake(asio::ssl::stream_base::client, handler);
    }, close);
    if (ec) return "TLS handshake with " + target.host_header() + ": " + ec.message();
  }
  socket_layer.expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(15);
  timeouts.idle_timeout = connection.options().idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ec = step(ioc, connection, owner, connect_by, [&](auto handler) {
    ws.async_handshake(target.host_header(), path, handler);
  }, close);
  if (ec) return "websocket handshake with " + target.host_header() + ": " + ec.message();
  connected = true;
  owner.on_open(path);
  const auto rotate_at = clock::now() + connection.options().rotate_after;
  // Checked after a failed read and after each message: a busy stream completes every read.
  auto why_end = [&]() -> std::string {
    if (const char* reason = ending(connection, owner)) return reason;
    if (clock::now() >= rotate_at) return "rotated before the 24 h limit";
    return {};
  };
  beast::flat_buffer buffer;
  for (;;) {
    ec = step(ioc, connection, owner, rotate_at, [&](auto handler) { ws.async_read(buffer, handler); }, close);
    if (ec) {
      std::string why = why_end();
      return why.empty() ? "connection lost: " + ec.message() : why;
    }
    owner.on_message(beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
    if (std::string why = why_end(); !why.empty()) return why;
  }
}

}  // namespace

std::string run_ws_session(const ws_connection& connection, ws_handler& handler,
                           const std::string& target, bool& connected) {
  asio::io_context ioc;
  if (connection.ws().tls) {
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
    websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(ioc, tls);
    return session(ioc, ws, connection, handler, target, connected);
  }
  websocket::stream<beast::tcp_stream> ws(ioc);
  return session(ioc, ws, connection, handler, target, connected);
}

}  // namespace tb::binance
